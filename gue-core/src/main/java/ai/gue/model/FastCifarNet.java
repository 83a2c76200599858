package ai.gue.model;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * A small residual network for CPU presets: the 9-layer "ResNet-9" of Page's DAWNBench CIFAR-10
 * entry (prep conv; conv+pool+residual; conv+pool; conv+pool+residual; global max-pool; linear).
 * At width 1.0 its channels are 64-128-256-512 (about 6.6M parameters, 0.38 GMAC per 32x32 image);
 * the CPU presets use a fraction of that width.
 *
 * <p>Like Page, the logits are scaled by 1/8: with batch-normalised features the unscaled logits
 * start far too confident, which slows early training.
 */
public final class FastCifarNet {

    /** Page's output scale. */
    static final float LOGIT_SCALE = 0.125f;

    private FastCifarNet() {}

    /** Builds the network for {@code classCount} classes, widths 64-128-256-512 times {@code widthMultiplier}. */
    public static Block build(int classCount, double widthMultiplier) {
        int prep = scaled(64, widthMultiplier);
        int c1 = scaled(128, widthMultiplier);
        int c2 = scaled(256, widthMultiplier);
        int c3 = scaled(512, widthMultiplier);
        return new SequentialBlock()
                .add(convBnRelu(prep))
                .add(convBnRelu(c1))
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(residual(c1))
                .add(convBnRelu(c2))
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(convBnRelu(c3))
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(residual(c3))
                .add(Pool.globalMaxPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(classCount).optBias(false).build())
                .add(x -> new NDList(x.singletonOrThrow().mul(LOGIT_SCALE)));
    }

    static int scaled(int channels, double widthMultiplier) {
        return Math.max(1, (int) Math.round(channels * widthMultiplier));
    }

    private static Block convBnRelu(int channels) {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                        .setFilters(channels).optBias(false).build())
                .add(BatchNorm.builder().optEpsilon(1e-5f).optMomentum(0.9f).build())
                .add(Activation::relu);
    }

    /** x + relu(bn(conv(relu(bn(conv(x)))))) with unchanged channel count. */
    private static Block residual(int channels) {
        Block branch = new SequentialBlock().add(convBnRelu(channels)).add(convBnRelu(channels));
        return new ParallelBlock(
                outputs -> new NDList(outputs.get(0).singletonOrThrow().add(outputs.get(1).singletonOrThrow())),
                List.of(Blocks.identityBlock(), branch));
    }
}
