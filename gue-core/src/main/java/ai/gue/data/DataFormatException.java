package ai.gue.data;

import java.nio.file.Path;

/**
 * Input data that does not have the expected format: a truncated batch, a label out of range, a
 * PNG of the wrong size, a checksum mismatch. The message always names the file, the record
 * (image index or byte offset) when there is one, and what was expected.
 */
public class DataFormatException extends RuntimeException {

    private final transient Path file;

    /** A problem with {@code file}, described by {@code detail} (record and expectation). */
    public DataFormatException(Path file, String detail) {
        super(file + ": " + detail);
        this.file = file;
    }

    /** As {@link #DataFormatException(Path, String)}, keeping the lower-level cause. */
    public DataFormatException(Path file, String detail, Throwable cause) {
        super(file + ": " + detail, cause);
        this.file = file;
    }

    /** The offending file (or folder). */
    public Path file() {
        return file;
    }
}
