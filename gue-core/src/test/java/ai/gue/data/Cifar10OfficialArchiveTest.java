package ai.gue.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.gue.testing.RealCifar10;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official-archive path of {@link Cifar10Fetcher}, served by a local HTTP server (this machine
 * has no route to the Toronto server): download, archive MD5, extraction, per-batch MD5, cleanup.
 */
class Cifar10OfficialArchiveTest {

    private static final String ARCHIVE_PATH = "/~kriz/cifar-10-binary.tar.gz";

    @TempDir
    Path work;

    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Serves {@code archive} at {@link #ARCHIVE_PATH} (404 elsewhere); returns its URL. */
    private URI serve(Path archive) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                if (!exchange.getRequestURI().getPath().equals(ARCHIVE_PATH)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.sendResponseHeaders(200, Files.size(archive));
                try (OutputStream body = exchange.getResponseBody()) {
                    Files.copy(archive, body);
                }
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + ARCHIVE_PATH);
    }

    /** A gzipped ustar archive of {@code entries} (name → content), in order. */
    private static void writeTarGz(Path target, Map<String, Path> entries) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target), 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            for (Map.Entry<String, Path> e : entries.entrySet()) {
                long size = Files.size(e.getValue());
                out.write(ustarHeader(e.getKey(), size));
                Files.copy(e.getValue(), out);
                out.write(new byte[(int) ((512 - size % 512) % 512)]);
            }
            out.write(new byte[1024]);
        }
    }

    private static byte[] ustarHeader(String name, long size) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644\0");
        put(header, 108, "0000000\0");
        put(header, 116, "0000000\0");
        put(header, 124, String.format("%011o\0", size));
        put(header, 136, "00000000000\0");
        header[156] = '0';
        put(header, 257, "ustar\0");
        put(header, 263, "00");
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xFF;
        }
        put(header, 148, String.format("%06o\0 ", sum));
        return header;
    }

    private static void put(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }

    private static Path file(Path dir, String name, byte[] content) throws IOException {
        Path path = dir.resolve(name);
        Files.write(path, content);
        return path;
    }

    @Test
    @Tag("slow")
    void realBatchesServedAsTheOfficialArchiveAreFetchedAndVerified() throws IOException {
        RealCifar10.load(); // fills (and verifies) the repository's cache, or skips saying why
        Path cached = RealCifar10.dataDir().resolve(DatasetCatalog.CIFAR10).resolve(Cifar10Fetcher.FOLDER_NAME);
        // The official archive's layout: one folder holding the batches, a meta file and a readme.
        Map<String, Path> entries = new LinkedHashMap<>();
        entries.put("cifar-10-batches-bin/readme.html", file(work, "readme.html", "<html></html>".getBytes()));
        entries.put("cifar-10-batches-bin/batches.meta.txt", file(work, "meta", "airplane\n".getBytes()));
        for (String batch : Cifar10Fetcher.BATCH_MD5.keySet()) {
            entries.put("cifar-10-batches-bin/" + batch, cached.resolve(batch));
        }
        Path archive = work.resolve("cifar-10-binary.tar.gz");
        writeTarGz(archive, entries);
        Cifar10FetchConfig config = servedWithItsOwnMd5(archive);
        Path cache = Files.createDirectory(work.resolve("cache"));
        List<String> verified = new ArrayList<>();
        long[] downloaded = new long[1];
        Path folder = new Cifar10Fetcher(config).fetch(cache, FetchSource.OFFICIAL, new FetchListener() {
            @Override
            public void fileVerified(Path f, String md5) {
                verified.add(f.getFileName().toString());
            }

            @Override
            public void progress(String phase, long done, long total) {
                if (phase.equals("download")) {
                    downloaded[0] = done;
                }
            }
        });
        assertEquals(List.copyOf(Cifar10Fetcher.BATCH_MD5.keySet()), verified);
        assertEquals(Files.size(archive), downloaded[0]);
        for (Map.Entry<String, String> e : Cifar10Fetcher.BATCH_MD5.entrySet()) {
            assertEquals(e.getValue(), Checksums.md5(folder.resolve(e.getKey())), e.getKey());
        }
        assertEquals(List.of(Cifar10Fetcher.FOLDER_NAME), TestData.listing(cache).stream()
                .filter(p -> !p.contains("/")).toList(), "the downloaded archive is deleted");
    }

    /** A one-entry archive {@code archive.tar.gz} in the work folder. */
    private Path archiveOf(String entry, byte[] content) throws IOException {
        Path archive = work.resolve("archive.tar.gz");
        writeTarGz(archive, Map.of(entry, file(work, "entry", content)));
        return archive;
    }

    /** Serves {@code archive} and expects exactly its MD5, as a mirror of it would. */
    private Cifar10FetchConfig servedWithItsOwnMd5(Path archive) throws IOException {
        return Cifar10FetchConfig.defaults().withOfficialArchive(serve(archive), Checksums.md5(archive));
    }

    /** Fetches into a fresh {@code cache} folder with {@code config}, which must fail with {@code type}. */
    private <T extends Throwable> T officialFetchFails(Class<T> type, Cifar10FetchConfig config) throws IOException {
        Path cache = Files.createDirectory(work.resolve("cache"));
        return assertThrows(type, () -> new Cifar10Fetcher(config).fetch(cache, FetchSource.OFFICIAL,
                FetchListener.NONE));
    }

    @Test
    void corruptBatchInsideAnIntactArchiveIsRejectedAndNothingIsPublished() throws IOException {
        Path archive = archiveOf("cifar-10-batches-bin/data_batch_1.bin", new byte[3073]);
        ChecksumMismatchException error = officialFetchFails(ChecksumMismatchException.class,
                servedWithItsOwnMd5(archive));
        assertTrue(error.getMessage().contains("data_batch_1.bin"), error.getMessage());
        assertEquals(List.of(Cifar10Fetcher.FOLDER_NAME), TestData.listing(work.resolve("cache")),
                "no batch, no leftover download");
    }

    @Test
    void archiveWithTheWrongMd5IsRejectedBeforeExtraction() throws IOException {
        Path archive = archiveOf("cifar-10-batches-bin/data_batch_1.bin", new byte[3073]);
        // Expect the official archive's MD5: the served bytes are something else.
        ChecksumMismatchException error = officialFetchFails(ChecksumMismatchException.class,
                Cifar10FetchConfig.defaults().withOfficialUrl(serve(archive)));
        assertTrue(error.getMessage().contains(Cifar10FetchConfig.OFFICIAL_ARCHIVE_MD5), error.getMessage());
        assertEquals(List.of(Cifar10Fetcher.FOLDER_NAME), TestData.listing(work.resolve("cache")));
    }

    @Test
    void archiveMissingBatchesIsAnErrorThatNamesWhatWasFound() throws IOException {
        Path archive = archiveOf("cifar-10-batches-bin/readme.html", new byte[10]);
        DataFormatException error = officialFetchFails(DataFormatException.class, servedWithItsOwnMd5(archive));
        assertTrue(error.getMessage().contains("lacks some batches"), error.getMessage());
    }

    @Test
    void httpErrorStatusIsReportedWithTheUrl() throws IOException {
        Path archive = work.resolve("archive.tar.gz");
        writeTarGz(archive, Map.of());
        URI missing = serve(archive).resolve("/elsewhere.tar.gz");
        IOException error = officialFetchFails(IOException.class, Cifar10FetchConfig.defaults().withOfficialUrl(missing));
        assertTrue(error.getMessage().contains("HTTP status 404") && error.getMessage().contains(missing.toString()),
                error.getMessage());
    }

    @Test
    void archiveMd5MustBeHex() {
        assertThrows(IllegalArgumentException.class,
                () -> Cifar10FetchConfig.defaults().withOfficialArchive(URI.create("http://x/"), "not-an-md5"));
    }
}
