package ai.gue.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.gue.attack.Budget;
import ai.gue.attack.GeneratorCheckpoint;
import ai.gue.attack.GeneratorPoison;
import ai.gue.util.AtomicOutput;
import ai.gue.util.GitCommit;
import ai.gue.util.RunManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Exports a trained generator folder ({@code gue train-generator}'s {@code best/} or
 * {@code checkpoint/}) as one safetensors file that a PyTorch user loads into the authors' UNet
 * with {@code load_state_dict}: tensor names and layout from {@link UNetStateDict}, float32
 * little-endian, and metadata with everything needed to apply it (budget, widths, image shape,
 * the exact formula). The format is documented in docs/export.md.
 */
public final class GeneratorExport {

    /** The value of the {@code format} metadata entry. */
    public static final String FORMAT = "gue-unet-generator/1";

    /**
     * What was written.
     *
     * @param file the safetensors file
     * @param tensors how many tensors it holds
     * @param parameterCount learnable scalars (PyTorch's parameter count; buffers excluded)
     * @param bytes the file's size
     */
    public record Result(Path file, int tensors, long parameterCount, long bytes) {}

    private GeneratorExport() {}

    /** Loads the generator in {@code folder} and writes it to {@code out}, atomically; an existing file only if {@code overwrite}. */
    public static Result export(Path folder, Path out, boolean overwrite) throws IOException {
        AtomicOutput.checkWritable(out, overwrite);
        GeneratorCheckpoint.PoisonSpec spec = GeneratorCheckpoint.readSpec(folder);
        List<UNetStateDict.Tensor> layout = UNetStateDict.layout(spec.channels(), spec.generatorWidth());
        List<SafetensorsTensor> tensors;
        try (NDManager manager = NDManager.newBaseManager()) {
            GeneratorPoison poison = GeneratorCheckpoint.load(folder, manager);
            tensors = tensors(poison.generator(), layout);
        }
        Map<String, String> metadata = metadata(spec.budget(), spec.generatorWidth(), spec.channels(), spec.height(),
                spec.width(), UNetStateDict.parameterCount(layout));
        AtomicOutput.writeFile(out, overwrite, stream -> SafetensorsWriter.write(stream, tensors, metadata));
        return new Result(out, tensors.size(), UNetStateDict.parameterCount(layout), Files.size(out));
    }

    /**
     * The tensors of an initialised {@code generator} in the order and layout of {@code layout}.
     *
     * @throws IllegalArgumentException if a parameter is missing, has another shape, or is left over
     */
    public static List<SafetensorsTensor> tensors(Block generator, List<UNetStateDict.Tensor> layout) {
        Map<String, Parameter> parameters = new HashMap<>();
        for (Pair<String, Parameter> p : generator.getParameters()) {
            parameters.put(p.getKey(), p.getValue());
        }
        List<SafetensorsTensor> out = new ArrayList<>();
        for (UNetStateDict.Tensor t : layout) {
            Parameter parameter = parameters.remove(t.djlName());
            if (parameter == null || parameter.getArray() == null) {
                throw new IllegalArgumentException("the generator has no initialised parameter " + t.djlName()
                        + " (for " + t.torchKey() + ")");
            }
            NDArray array = parameter.getArray();
            if (!Arrays.equals(array.getShape().getShape(), t.shape())) {
                throw new IllegalArgumentException(t.djlName() + " has shape " + array.getShape() + " but "
                        + t.torchKey() + " needs " + Arrays.toString(t.shape()));
            }
            if (array.getDataType() != DataType.FLOAT32) {
                throw new IllegalArgumentException(t.djlName() + " is " + array.getDataType() + ", expected float32");
            }
            float[] values = array.toFloatArray();
            if (t.skipChannels() > 0) {
                values = skipLastOnInputAxis(values, t.shape(), t.skipChannels());
            }
            out.add(SafetensorsTensor.ofFloats(t.torchKey(), t.shape(), values));
        }
        if (!parameters.isEmpty()) {
            throw new IllegalArgumentException("generator parameters without a PyTorch key: " + parameters.keySet());
        }
        return out;
    }

    /**
     * Reorders a convolution weight {@code [out, skip + deep, kh, kw]} (gue's {@code cat[skip, up]})
     * into {@code [out, deep + skip, kh, kw]} (the authors' {@code cat[up, skip]}).
     */
    static float[] skipLastOnInputAxis(float[] weight, long[] shape, int skipChannels) {
        int outChannels = Math.toIntExact(shape[0]);
        int inChannels = Math.toIntExact(shape[1]);
        int kernel = Math.toIntExact(shape[2] * shape[3]);
        int deep = inChannels - skipChannels;
        if (deep <= 0) {
            throw new IllegalArgumentException("skip channels " + skipChannels + " leave no upsampled channels of "
                    + inChannels);
        }
        float[] result = new float[weight.length];
        for (int o = 0; o < outChannels; o++) {
            int base = o * inChannels * kernel;
            // deep channels (gue positions skip..in-1) go first, then the skip channels (gue 0..skip-1)
            System.arraycopy(weight, base + skipChannels * kernel, result, base, deep * kernel);
            System.arraycopy(weight, base, result, base + deep * kernel, skipChannels * kernel);
        }
        return result;
    }

    /** The {@code __metadata__} entries (safetensors metadata values are strings). */
    public static Map<String, String> metadata(Budget budget, int baseWidth, int channels, int height, int width,
            long parameterCount) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("architecture", "DeepConfuse UNet as used by GUE (dconv_down1..4, dconv_up3..1, conv_last)");
        m.put("base_width", Integer.toString(baseWidth));
        m.put("in_channels", Integer.toString(channels));
        m.put("out_channels", Integer.toString(channels));
        m.put("image_shape", String.format(Locale.ROOT, "[%d, %d, %d]", channels, height, width));
        m.put("budget", budget.toString());
        m.put("epsilon", Double.toString(budget.epsilon()));
        m.put("apply", "x_poisoned = clamp(x + epsilon * net(x), 0, 1) with x in [0, 1], net in eval mode "
                + "(BatchNorm running statistics); net ends in tanh; gue then rounds to 8 bits and clamps to the budget");
        m.put("upsample_concat", "cat([upsampled, skip], dim=1), bilinear x2 with align_corners=True");
        m.put("batchnorm", "eps=1e-05, momentum=0.1; num_batches_tracked not stored (DJL does not count batches)");
        m.put("parameter_count", Long.toString(parameterCount));
        m.put("gue_version", RunManifest.TOOL);
        m.put("gue_commit", GitCommit.current());
        return m;
    }
}
