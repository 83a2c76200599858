package ai.gue.data;

import java.nio.file.Path;

/** A file whose digest differs from the one it must have; the message names both sums. */
public class ChecksumMismatchException extends DataFormatException {

    private final String expected;
    private final String actual;

    public ChecksumMismatchException(Path file, String algorithm, String expected, String actual) {
        super(file, algorithm + " mismatch: expected " + expected + " but got " + actual);
        this.expected = expected;
        this.actual = actual;
    }

    /** The digest the file should have, lower-case hex. */
    public String expected() {
        return expected;
    }

    /** The digest the file has, lower-case hex. */
    public String actual() {
        return actual;
    }
}
