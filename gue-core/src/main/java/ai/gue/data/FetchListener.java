package ai.gue.data;

import java.nio.file.Path;

/**
 * Progress of a download or conversion, for the CLI to render; every method defaults to doing
 * nothing. Called on the fetching thread.
 */
public interface FetchListener {

    /** A listener that ignores everything. */
    FetchListener NONE = new FetchListener() {
    };

    /** The cache already held every file, verified; nothing was fetched. */
    default void cacheHit(Path folder) {
    }

    /** A cached file failed verification and was deleted; it will be fetched again. */
    default void cacheInvalid(Path file, String reason) {
    }

    /** A source is being tried; {@code detail} says what (a URL, a command, a local file). */
    default void sourceStarted(FetchSource source, String detail) {
    }

    /** Progress of a step: {@code done} out of {@code total} units (bytes or files); total is -1 when unknown. */
    default void progress(String step, long done, long total) {
    }

    /** A source failed; {@code fallingBack} tells whether another source will be tried. */
    default void sourceFailed(FetchSource source, Exception cause, boolean fallingBack) {
    }

    /** A file was written into the cache after its checksum matched. */
    default void fileVerified(Path file, String md5) {
    }
}
