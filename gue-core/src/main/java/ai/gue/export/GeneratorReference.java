package ai.gue.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.gue.attack.GeneratorCheckpoint;
import ai.gue.attack.GeneratorPoison;
import ai.gue.util.AtomicOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What gue itself computes with a generator, stored so that a port (the PyTorch script in
 * {@code tools/pytorch/}) can be checked against it: seeded random images {@code input} in [0, 1],
 * the network's eval-mode output {@code output} = net(x) in (−1, 1), and {@code poisoned} =
 * clamp(x + ε·net(x), 0, 1) before 8-bit rounding, all float32 (N, C, H, W), in one safetensors file.
 */
public final class GeneratorReference {

    private GeneratorReference() {}

    /** Writes {@code images} reference images of the generator in {@code folder} to {@code out}. */
    public static void write(Path folder, Path out, int images, long seed, boolean overwrite) throws IOException {
        if (images < 1) {
            throw new IllegalArgumentException("need at least one reference image, got " + images);
        }
        AtomicOutput.checkWritable(out, overwrite);
        GeneratorCheckpoint.PoisonSpec spec = GeneratorCheckpoint.readSpec(folder);
        long[] shape = {images, spec.channels(), spec.height(), spec.width()};
        float[] input = new float[Math.toIntExact((long) images * spec.channels() * spec.height() * spec.width())];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < input.length; i++) {
            input[i] = random.nextInt(256) / 255f; // 8-bit grey levels, like real images
        }
        List<SafetensorsTensor> tensors;
        try (NDManager manager = NDManager.newBaseManager()) {
            GeneratorPoison poison = GeneratorCheckpoint.load(folder, manager);
            NDArray x = manager.create(input, new Shape(shape));
            ParameterStore parameters = new ParameterStore(manager, false);
            NDArray output = poison.generator().forward(parameters, new ai.djl.ndarray.NDList(x), false)
                    .singletonOrThrow();
            NDArray poisoned = poison.poison(parameters, x, false);
            tensors = List.of(SafetensorsTensor.ofFloats("input", shape, input),
                    SafetensorsTensor.ofFloats("output", shape, output.toFloatArray()),
                    SafetensorsTensor.ofFloats("poisoned", shape, poisoned.toFloatArray()));
        }
        Map<String, String> metadata = Map.of("format", "gue-generator-reference/1", "epsilon",
                Double.toString(spec.budget().epsilon()), "seed", Long.toString(seed),
                "note", "output = net(x) in eval mode; poisoned = clamp(x + epsilon * output, 0, 1), float32, "
                        + "before gue's 8-bit rounding");
        AtomicOutput.writeFile(out, overwrite, stream -> SafetensorsWriter.write(stream, tensors, metadata));
    }
}
