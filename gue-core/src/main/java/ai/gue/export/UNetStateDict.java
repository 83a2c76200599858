package ai.gue.export;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one place that says which PyTorch {@code state_dict} key each parameter of gue's {@link
 * ai.gue.model.UNetGenerator} becomes, with its PyTorch shape.
 *
 * <p>The keys are those of the DeepConfuse UNet that the GUE authors reuse. DeepConfuse's own
 * {@code CIFAR/models/unet.py} is not in the searchable index, so the names come from two copies
 * that load DeepConfuse's published checkpoints with {@code load_state_dict}: APBench's
 * {@code DC/dc_poisons_generate.py} and {@code attack/dc_poisons.py} (github.com/lafeat/apbench),
 * which read {@code atk.0.032.best.pth}. There the network is
 * <pre>
 * dconv_down1..4 = double_conv(3→w, w→2w, 2w→4w, 4w→8w)     (avg-pool between them)
 * dconv_up3 = double_conv(8w+4w → 4w), dconv_up2 = (4w+2w → 2w), dconv_up1 = (2w+w → w)
 * conv_last = Sequential(Conv2d(w, 3, 1), BatchNorm2d(3))   then tanh
 * double_conv = Sequential(Conv2d 0, BatchNorm2d 1, ReLU 2, Conv2d 3, BatchNorm2d 4, ReLU 5)
 * </pre>
 * so a double_conv's keys are {@code .0.weight, .0.bias, .1.weight, .1.bias, .1.running_mean,
 * .1.running_var, .1.num_batches_tracked, .3.*, .4.*}.
 *
 * <p>One layout difference is not a renaming: the authors concatenate {@code [upsampled, skip]}
 * along channels ({@code torch.cat([x, conv3], dim=1)} with {@code x} the upsampled map) while gue
 * concatenates {@code [skip, upsampled]}. The first convolution of each up block therefore sees its
 * input channels in the other order, and its weight's input-channel axis is exported with the two
 * blocks swapped ({@link Tensor#skipChannels()} &gt; 0). BatchNorm's {@code num_batches_tracked} is
 * not exported: DJL does not count batches (see docs/export.md).
 */
public final class UNetStateDict {

    /** What a tensor is for PyTorch: a learnable parameter or a BatchNorm buffer. */
    public enum Role { PARAMETER, BUFFER }

    /**
     * One exported tensor.
     *
     * @param torchKey the authors' {@code state_dict} key
     * @param djlName the name in {@code UNetGenerator.getParameters()}
     * @param shape PyTorch's shape (convolution weights [out, in, kh, kw], as DJL's)
     * @param role parameter or buffer
     * @param skipChannels for the first convolution of an up block: the skip connection's channel
     *     count, which gue puts first on the input axis and PyTorch last; 0 otherwise
     */
    public record Tensor(String torchKey, String djlName, long[] shape, Role role, int skipChannels) {
        public Tensor {
            shape = shape.clone();
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }

        /** Number of scalars. */
        public long elementCount() {
            return Arrays.stream(shape).reduce(1L, Math::multiplyExact);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tensor t && torchKey.equals(t.torchKey) && djlName.equals(t.djlName)
                    && Arrays.equals(shape, t.shape) && role == t.role && skipChannels == t.skipChannels;
        }

        @Override
        public int hashCode() {
            return torchKey.hashCode() * 31 + djlName.hashCode();
        }

        @Override
        public String toString() {
            return torchKey + " " + Arrays.toString(shape) + " <- " + djlName;
        }
    }

    private UNetStateDict() {}

    /**
     * Every tensor of a UNet with {@code channels} image channels and base width {@code w}, in the
     * order of the authors' {@code state_dict()} (module registration order).
     */
    public static List<Tensor> layout(int channels, int w) {
        if (channels < 1 || w < 1) {
            throw new IllegalArgumentException("channels and base width must be positive, got " + channels + ", " + w);
        }
        List<Tensor> out = new ArrayList<>();
        // Encoder: gue's inc is not pooled; down1..3 are Sequential(avgpool, double_conv), hence "02SequentialBlock".
        doubleConv(out, "dconv_down1", "01inc_", channels, w, 0);
        doubleConv(out, "dconv_down2", "02down1_02SequentialBlock_", w, 2 * w, 0);
        doubleConv(out, "dconv_down3", "03down2_02SequentialBlock_", 2 * w, 4 * w, 0);
        doubleConv(out, "dconv_down4", "04down3_02SequentialBlock_", 4 * w, 8 * w, 0);
        // Decoder: the authors number the up blocks from the bottom of the U upwards in reverse.
        doubleConv(out, "dconv_up3", "05up1_", 8 * w + 4 * w, 4 * w, 4 * w);
        doubleConv(out, "dconv_up2", "06up2_", 4 * w + 2 * w, 2 * w, 2 * w);
        doubleConv(out, "dconv_up1", "07up3_", 2 * w + w, w, w);
        conv(out, "conv_last.0", "08outc_01Conv2d_", w, channels, 1, 0);
        batchNorm(out, "conv_last.1", "08outc_02BatchNorm_", channels);
        return List.copyOf(out);
    }

    /** The number of learnable scalars, as PyTorch's {@code sum(p.numel() for p in parameters())}. */
    public static long parameterCount(List<Tensor> layout) {
        return layout.stream().filter(t -> t.role() == Role.PARAMETER).mapToLong(Tensor::elementCount).sum();
    }

    private static void doubleConv(List<Tensor> out, String module, String djlPrefix, int in, int width, int skip) {
        conv(out, module + ".0", djlPrefix + "01SequentialBlock_01Conv2d_", in, width, 3, skip);
        batchNorm(out, module + ".1", djlPrefix + "01SequentialBlock_02BatchNorm_", width);
        conv(out, module + ".3", djlPrefix + "02SequentialBlock_01Conv2d_", width, width, 3, 0);
        batchNorm(out, module + ".4", djlPrefix + "02SequentialBlock_02BatchNorm_", width);
    }

    private static void conv(List<Tensor> out, String module, String djlPrefix, int in, int filters, int kernel,
            int skip) {
        out.add(new Tensor(module + ".weight", djlPrefix + "weight", new long[] {filters, in, kernel, kernel},
                Role.PARAMETER, skip));
        out.add(new Tensor(module + ".bias", djlPrefix + "bias", new long[] {filters}, Role.PARAMETER, 0));
    }

    private static void batchNorm(List<Tensor> out, String module, String djlPrefix, int width) {
        long[] shape = {width};
        out.add(new Tensor(module + ".weight", djlPrefix + "gamma", shape, Role.PARAMETER, 0));
        out.add(new Tensor(module + ".bias", djlPrefix + "beta", shape, Role.PARAMETER, 0));
        out.add(new Tensor(module + ".running_mean", djlPrefix + "runningMean", shape, Role.BUFFER, 0));
        out.add(new Tensor(module + ".running_var", djlPrefix + "runningVar", shape, Role.BUFFER, 0));
    }
}
