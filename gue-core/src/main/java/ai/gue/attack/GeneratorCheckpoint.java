package ai.gue.attack;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.gue.data.ImageShape;
import ai.gue.model.ModelCheckpoint;
import ai.gue.model.ModelSpec;
import ai.gue.model.TensorShapes;
import ai.gue.util.AtomicOutput;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A trained poison generator on disk: a folder holding the UNet's checkpoint
 * ({@code generator.params} + {@code generator.json}) and {@code poison.json} with the budget and
 * the width, so that {@code gue poison} needs nothing but the folder.
 */
public final class GeneratorCheckpoint {

    /** Checkpoint name of the UNet inside the folder. */
    public static final String NAME = "generator";
    /** The sidecar with the budget. */
    public static final String POISON_FILE = "poison.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What {@code poison.json} holds. */
    public record PoisonSpec(Budget budget, int generatorWidth, int channels, int height, int width) {

        /** The shape of the images the generator was trained on. */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public ImageShape imageShape() {
            return new ImageShape(channels, height, width);
        }
    }

    private GeneratorCheckpoint() {}

    /** Writes the generator and its budget into {@code folder} (which should be a fresh temporary folder). */
    public static void save(GeneratorPoison poison, int generatorWidth, ImageShape shape, Path folder) throws IOException {
        ModelCheckpoint.save(poison.generator(), spec(generatorWidth, shape), folder, NAME);
        PoisonSpec spec = new PoisonSpec(poison.budget(), generatorWidth, shape.channels(), shape.height(), shape.width());
        AtomicOutput.writeFile(folder.resolve(POISON_FILE), true, out -> out.write(JSON.writeValueAsBytes(spec)));
    }

    /** Reads {@code poison.json} of a generator folder. */
    public static PoisonSpec readSpec(Path folder) throws IOException {
        Path file = folder.resolve(POISON_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(folder + " is not a generator folder: " + POISON_FILE
                    + " is missing (expected a train-generator run's best/ or checkpoint/ folder)");
        }
        return JSON.readValue(file.toFile(), PoisonSpec.class);
    }

    /** Loads the generator of {@code folder} into {@code manager}, verifying its checksum and architecture. */
    public static GeneratorPoison load(Path folder, NDManager manager) throws IOException {
        PoisonSpec spec = readSpec(folder);
        Block generator = ModelCheckpoint.load(folder, NAME, spec(spec.generatorWidth(), spec.imageShape()), manager);
        return new GeneratorPoison(generator, spec.budget());
    }

    /**
     * The SHA-256 of the generator's parameters as its checkpoint manifest records it: what tells two
     * generators in the same folder apart (e.g. a game re-run into it).
     */
    public static String paramsSha256(Path folder) throws IOException {
        return ModelCheckpoint.readManifest(folder, NAME).paramsSha256();
    }

    /** The image shape a generator folder was trained for. */
    public static ImageShape imageShape(Path folder) throws IOException {
        return readSpec(folder).imageShape();
    }

    /**
     * Refuses a generator folder trained on images of another shape than {@code dataset}'s (a UNet
     * would fail deep inside its first forward pass).
     */
    public static void requireImageShapeOf(Path folder, ai.gue.data.ImageDataset dataset) throws IOException {
        ImageShape trained = imageShape(folder);
        if (!trained.equals(dataset.shape())) {
            throw new IllegalArgumentException("generator in " + folder + " was trained on " + trained + " images but "
                    + dataset.name() + " holds " + dataset.shape() + " images");
        }
    }

    static ModelSpec spec(int generatorWidth, ImageShape shape) {
        return ModelSpec.generator(generatorWidth, TensorShapes.sample(shape));
    }
}
