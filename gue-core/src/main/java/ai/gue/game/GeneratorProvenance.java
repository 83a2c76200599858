package ai.gue.game;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How far the game had come when a generator was saved: the x-axis of the efficacy curves
 * (victim accuracy against game steps and against the generator's training-set size). Written as
 * {@value #FILE} next to every generator the game saves ({@code checkpoint/}, {@code best/} and
 * the kept {@code generators/epoch-NNN/}), so any generator folder says what produced it.
 *
 * @param epochsDone game epochs played
 * @param stepsDone  game steps (BOME updates) played
 * @param gameImages images the game drew its batches from (the generator's training set)
 * @param seed       the game's seed
 */
public record GeneratorProvenance(int epochsDone, long stepsDone, int gameImages, long seed) {

    /** File name inside a generator folder. */
    public static final String FILE = "provenance.json";

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public GeneratorProvenance {
        if (epochsDone < 0 || stepsDone < 0 || gameImages < 1) {
            throw new IllegalArgumentException("generator provenance: epochs " + epochsDone + ", steps " + stepsDone
                    + ", game images " + gameImages);
        }
    }

    /** Writes this record into {@code generatorFolder}. */
    public void write(Path generatorFolder) throws IOException {
        JSON.writeValue(generatorFolder.resolve(FILE).toFile(), this);
    }

    /**
     * The provenance stored in {@code generatorFolder}; empty when the folder has none (a generator
     * saved by an older gue, or not by the game).
     */
    public static Optional<GeneratorProvenance> read(Path generatorFolder) throws IOException {
        Path file = generatorFolder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), GeneratorProvenance.class));
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + " is not a readable generator provenance: " + e.getMessage(), e);
        }
    }
}
