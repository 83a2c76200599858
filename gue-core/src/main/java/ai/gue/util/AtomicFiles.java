package ai.gue.util;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that a reader never sees a half-written one: the content goes to a temporary
 * file in the same folder, which is then renamed into place (atomic on POSIX file systems). A run
 * killed mid-write leaves at most a {@code .tmp} file, never a truncated output.
 */
public final class AtomicFiles {

    /** Writes the content to a stream. */
    @FunctionalInterface
    public interface ContentWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /** Writes {@code text} (UTF-8) to {@code target}, replacing it if present. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)), true);
    }

    /**
     * Writes {@code target} via a temporary sibling then renames it into place.
     *
     * @param overwrite whether an existing {@code target} may be replaced
     */
    public static void write(Path target, ContentWriter content, boolean overwrite) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        Files.createDirectories(folder);
        if (!overwrite && Files.exists(absolute)) {
            throw new FileAlreadyExistsException(absolute.toString(), null, "refusing to overwrite (use --force)");
        }
        Path temporary = Files.createTempFile(folder, "." + absolute.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                content.writeTo(out);
            }
            moveIntoPlace(temporary, absolute);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Renames {@code source} onto {@code target} atomically where the file system allows. */
    public static void moveIntoPlace(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
