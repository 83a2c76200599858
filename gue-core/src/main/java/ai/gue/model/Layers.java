package ai.gue.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import java.util.List;

/**
 * The few layer shapes every architecture in this package is made of, configured once so that
 * they match PyTorch: BatchNorm with epsilon 1e-5 and running-statistics momentum 0.1 (DJL's
 * {@code optMomentum} is the weight of the <em>old</em> running value, hence 0.9).
 */
final class Layers {
    /** PyTorch's BatchNorm epsilon. */
    static final float BN_EPSILON = 1e-5f;
    /** DJL momentum = 1 - PyTorch momentum (0.1). */
    static final float BN_MOMENTUM = 0.9f;

    private Layers() {}

    /** {@code round(channels * widthMultiplier)}, at least 1. */
    static int scale(int channels, double widthMultiplier) {
        return (int) Math.max(1, Math.round(channels * widthMultiplier));
    }

    /** A square convolution with padding {@code kernel / 2} ("same" for odd kernels at stride 1). */
    static Block conv(int filters, int kernel, int stride, boolean bias) {
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .optBias(bias)
                .build();
    }

    /** BatchNorm over the channel axis with PyTorch's defaults. */
    static Block batchNorm() {
        return BatchNorm.builder().optAxis(1).optEpsilon(BN_EPSILON).optMomentum(BN_MOMENTUM).build();
    }

    static Block relu() {
        return Activation.reluBlock();
    }

    /** conv → BN → ReLU. */
    static SequentialBlock convBnRelu(int filters, int kernel, int stride, boolean bias) {
        return new SequentialBlock().add(conv(filters, kernel, stride, bias)).add(batchNorm()).add(relu());
    }

    /** BN → ReLU (the pre-activation of DenseNet and Wide ResNet). */
    static SequentialBlock bnRelu() {
        return new SequentialBlock().add(batchNorm()).add(relu());
    }

    /**
     * {@code main(x) + shortcut(x)}, followed by a ReLU when {@code reluAfter}. A null shortcut is the
     * identity.
     */
    static Block residual(Block main, Block shortcut, boolean reluAfter) {
        return new ParallelBlock(
                outputs -> {
                    NDArray sum = outputs.get(0).singletonOrThrow().add(outputs.get(1).singletonOrThrow());
                    return new NDList(reluAfter ? Activation.relu(sum) : sum);
                },
                List.of(main, shortcut == null ? Blocks.identityBlock() : shortcut));
    }

    /** Channel-wise concatenation {@code [first(x), second(x)]}. */
    static Block concatChannels(Block first, Block second) {
        return new ParallelBlock(
                outputs -> new NDList(outputs.get(0).singletonOrThrow().concat(outputs.get(1).singletonOrThrow(), 1)),
                List.of(first, second));
    }
}
