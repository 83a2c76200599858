package ai.gue.model;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.ndarray.types.Shape;
import ai.gue.util.GraphScalars;

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
        int prep = Layers.scale(64, widthMultiplier);
        int c1 = Layers.scale(128, widthMultiplier);
        int c2 = Layers.scale(256, widthMultiplier);
        int c3 = Layers.scale(512, widthMultiplier);
        return new SequentialBlock()
                .add(Layers.convBnRelu(prep, 3, 1, false))
                .add(convPoolBnRelu(c1))
                .add(residual(c1))
                .add(convPoolBnRelu(c2))
                .add(convPoolBnRelu(c3))
                .add(residual(c3))
                .add(Pool.globalMaxPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(classCount).optBias(false).build())
                .add(x -> new NDList(GraphScalars.times(x.singletonOrThrow(), LOGIT_SCALE)));
    }

    /**
     * conv, 2x2 max-pool, BN, ReLU: Page's order is conv-BN-ReLU-pool; pooling first (as Jordan's
     * airbench does) gives the same function class at a quarter of the BatchNorm/ReLU cost, which
     * dominates at small widths on a CPU (measured: 290 to 350 images/s at width 0.25).
     */
    private static Block convPoolBnRelu(int channels) {
        return new SequentialBlock().add(Layers.conv(channels, 3, 1, false))
                .add(Pool.maxPool2dBlock(new Shape(2, 2))).add(Layers.batchNorm()).add(Layers.relu());
    }

    /** x + relu(bn(conv(relu(bn(conv(x)))))) with unchanged channel count. */
    private static Block residual(int channels) {
        Block branch = new SequentialBlock().add(Layers.convBnRelu(channels, 3, 1, false))
                .add(Layers.convBnRelu(channels, 3, 1, false));
        return Layers.residual(branch, null, false);
    }
}
