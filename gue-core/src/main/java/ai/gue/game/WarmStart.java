package ai.gue.game;

import ai.gue.attack.GeneratorCheckpoint;
import ai.gue.data.ImageShape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * The trained generator a game started from instead of its seeded initialisation
 * ({@code gue train-generator --warm-start}); the follower still starts from its seeded initialisation.
 * What it is for: the adversarial setting costs about three times the standard one per step on these CPUs
 * (docs/benchmarks.md), too long to play from scratch in a session, so a CPU run fine-tunes the finished
 * standard generator against the TRADES follower instead. That is a deviation: the authors train each
 * setting's generator from scratch ({@code gue.py}, {@code gue_adv.py}).
 *
 * <p>Recorded in the game's {@code state.json}, so every checkpoint of the game says what it started from;
 * a resume compares the parameters' digest, never the folder, which may live elsewhere on another machine.
 *
 * @param folder       the generator folder as it was given (for people)
 * @param paramsSha256 the SHA-256 of its parameters, as its checkpoint manifest records it
 * @param provenance   how far its own game had come; null when the folder has no {@code provenance.json}
 */
public record WarmStart(String folder, String paramsSha256, GeneratorProvenance provenance) {

    public WarmStart {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(paramsSha256, "paramsSha256");
    }

    /** Reads what identifies the generator in {@code folder} (its manifest and provenance; not the parameters). */
    public static WarmStart of(Path folder) throws IOException {
        GeneratorCheckpoint.readSpec(folder); // a clear error when it is not a generator folder
        return new WarmStart(folder.toString(), GeneratorCheckpoint.paramsSha256(folder),
                GeneratorProvenance.read(folder).orElse(null));
    }

    /**
     * Why the generator in {@code folder} cannot start {@code config}'s game on images of {@code shape}, or null
     * when it can: its UNet must have the config's width, be trained on images of this shape, and poison with
     * the same budget (ε scales the UNet's output, so another budget's generator would be another poison).
     */
    static String mismatch(Path folder, GameConfig config, ImageShape shape) throws IOException {
        GeneratorCheckpoint.PoisonSpec spec = GeneratorCheckpoint.readSpec(folder);
        if (spec.generatorWidth() != config.generatorWidth()) {
            return "its UNet has width " + spec.generatorWidth() + ", the game's has " + config.generatorWidth();
        }
        if (!spec.imageShape().equals(shape)) {
            return "it was trained on " + spec.imageShape() + " images, the game plays on " + shape + " images";
        }
        if (!spec.budget().equals(config.budget())) {
            return "its budget is " + spec.budget().describe() + ", the game's is " + config.budget().describe();
        }
        return null;
    }

    /** One line for logs: where it comes from and how far its game had come. */
    public String describe() {
        String reached = provenance == null ? "no provenance recorded"
                : String.format(Locale.ROOT, "epoch %d, %,d steps of its game on %,d images", provenance.epochsDone(),
                        provenance.stepsDone(), provenance.gameImages());
        return "generator " + folder + " (" + reached + "; parameters sha256 " + paramsSha256.substring(0,
                Math.min(12, paramsSha256.length())) + "…)";
    }
}
