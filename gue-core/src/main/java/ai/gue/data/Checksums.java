package ai.gue.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * File digests (MD5 for the CIFAR files, SHA-1 for npm tarballs) and their verification. MD5 and
 * SHA-1 are used only because the published sums are MD5/SHA-1; they detect corruption, not
 * tampering.
 */
public final class Checksums {

    /** Digest algorithms, by their {@link MessageDigest} names. */
    public enum Algorithm {
        MD5("MD5"), SHA1("SHA-1"), SHA256("SHA-256");

        private final String jcaName;

        Algorithm(String jcaName) {
            this.jcaName = jcaName;
        }

        MessageDigest newDigest() {
            try {
                return MessageDigest.getInstance(jcaName);
            } catch (NoSuchAlgorithmException e) {
                // Every Java platform must provide these three.
                throw new IllegalStateException(jcaName + " missing from this JVM", e);
            }
        }

        @Override
        public String toString() {
            return jcaName;
        }
    }

    private Checksums() {
    }

    /** Lower-case hex digest of the file's bytes. */
    public static String digest(Path file, Algorithm algorithm) throws IOException {
        MessageDigest digest = algorithm.newDigest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Lower-case hex digest of {@code bytes}. */
    public static String digest(byte[] bytes, Algorithm algorithm) {
        return HexFormat.of().formatHex(algorithm.newDigest().digest(bytes));
    }

    /** Lower-case hex MD5 of the file. */
    public static String md5(Path file) throws IOException {
        return digest(file, Algorithm.MD5);
    }

    /**
     * Checks the file's digest and returns it.
     *
     * @throws ChecksumMismatchException naming the file and both sums when they differ
     */
    public static String verify(Path file, Algorithm algorithm, String expectedHex) throws IOException {
        String expected = expectedHex.toLowerCase(Locale.ROOT);
        String actual = digest(file, algorithm);
        if (!actual.equals(expected)) {
            throw new ChecksumMismatchException(file, algorithm.toString(), expected, actual);
        }
        return actual;
    }

    /** {@link #verify} with MD5. */
    public static String verifyMd5(Path file, String expectedHex) throws IOException {
        return verify(file, Algorithm.MD5, expectedHex);
    }
}
