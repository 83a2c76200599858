package ai.gue.util;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes a file or a folder so that readers never see it half-written: the content goes to a
 * hidden temporary sibling (same folder, hence same file system) which is then renamed into place
 * with {@link StandardCopyOption#ATOMIC_MOVE}. If writing fails, the temporary is deleted and the
 * target is untouched. An existing target is refused unless {@code overwrite} is true.
 */
public final class AtomicOutput {

    /** Something that writes to a path and may fail. */
    @FunctionalInterface
    public interface PathWriter {
        void writeTo(Path path) throws IOException;
    }

    /** Something that writes to a stream and may fail. */
    @FunctionalInterface
    public interface StreamWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicOutput() {
    }

    /** Refuses an existing {@code target} unless {@code overwrite}. */
    public static void checkWritable(Path target, boolean overwrite) throws FileAlreadyExistsException {
        if (!overwrite && Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null,
                    "already exists; pass overwrite=true to replace it");
        }
    }

    /** Writes the file {@code target} by streaming into a temporary sibling, then renaming it. */
    public static void writeFile(Path target, boolean overwrite, StreamWriter writer) throws IOException {
        writeFileVia(target, overwrite, temp -> {
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                writer.writeTo(out);
            }
        });
    }

    /**
     * Writes the file {@code target}: {@code writer} fills a temporary sibling (it may also verify
     * it and throw to reject it), which is then renamed into place.
     */
    public static void writeFileVia(Path target, boolean overwrite, PathWriter writer) throws IOException {
        checkWritable(target, overwrite);
        Path parent = parentOf(target);
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, "." + target.getFileName() + ".", ".tmp");
        try {
            writer.writeTo(temp);
            checkWritable(target, overwrite); // someone may have created it meanwhile
            // On POSIX, rename(2) replaces an existing file atomically.
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /**
     * Writes the folder {@code target}: {@code writer} fills a temporary sibling folder, which is
     * renamed into place. When overwriting, the old folder is first renamed aside and deleted only
     * after the new one is in place, so a crash leaves either the old or the new folder.
     */
    public static void writeDirectory(Path target, boolean overwrite, PathWriter writer) throws IOException {
        checkWritable(target, overwrite);
        Path parent = parentOf(target);
        Files.createDirectories(parent);
        Path temp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp");
        try {
            writer.writeTo(temp);
            checkWritable(target, overwrite);
            Path old = null;
            if (Files.exists(target)) {
                old = parent.resolve("." + target.getFileName() + ".old" + System.nanoTime());
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            if (old != null) {
                deleteRecursively(old);
            }
        } catch (IOException | RuntimeException | Error e) {
            deleteRecursively(temp);
            throw e;
        }
    }

    /** Deletes a file or a folder tree; a missing path is fine. */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static Path parentOf(Path target) {
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null) {
            throw new IllegalArgumentException("cannot write the file-system root " + target);
        }
        return parent;
    }
}
