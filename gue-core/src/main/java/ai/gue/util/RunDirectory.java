package ai.gue.util;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The folder one run writes into: resolved config ({@code config.yaml}), manifest
 * ({@code manifest.json}), results and logs. Every file is written atomically. A folder that
 * already holds files is refused unless the caller allows overwriting.
 */
public final class RunDirectory {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path root;

    private RunDirectory(Path root) {
        this.root = root;
    }

    /**
     * Opens {@code root} for a new run, creating it. Refuses a non-empty folder unless {@code overwrite}.
     */
    public static RunDirectory create(Path root, boolean overwrite) throws IOException {
        if (Files.exists(root)) {
            if (!Files.isDirectory(root)) {
                throw new FileAlreadyExistsException(root.toString(), null, "exists and is not a folder");
            }
            try (Stream<Path> entries = Files.list(root)) {
                if (!overwrite && entries.findAny().isPresent()) {
                    throw new FileAlreadyExistsException(root.toString(), null,
                            "output folder exists and is not empty (use --force to overwrite)");
                }
            }
        }
        Files.createDirectories(root);
        return new RunDirectory(root);
    }

    /** The folder. */
    public Path root() {
        return root;
    }

    /** A path inside the folder. */
    public Path resolve(String name) {
        return root.resolve(name);
    }

    /** Writes {@code value} as indented JSON to {@code name}. */
    public Path writeJson(String name, Object value) throws IOException {
        Path target = root.resolve(name);
        AtomicOutput.writeFile(target, true, out -> JSON.writeValue(new NonClosingStream(out), value));
        return target;
    }

    /** Writes {@code value} as YAML to {@code name}. */
    public Path writeYaml(String name, Object value) throws IOException {
        Path target = root.resolve(name);
        AtomicOutput.writeFile(target, true, out -> YAML.writeValue(new NonClosingStream(out), value));
        return target;
    }

    /** Writes text to {@code name}. */
    public Path writeText(String name, String text) throws IOException {
        Path target = root.resolve(name);
        AtomicOutput.writeFile(target, true, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return target;
    }

    /** Jackson closes the stream it writes to; AtomicOutput closes it itself. */
    private static final class NonClosingStream extends java.io.FilterOutputStream {
        NonClosingStream(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
