package ai.gue.model;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

/**
 * Wide ResNet 28-10 (Zagoruyko &amp; Komodakis), laid out as the widely used xternalz/WideResNet-pytorch:
 * a 3×3 stem to 16 channels, three groups of four pre-activation wide basic blocks (160, 320, 640
 * channels at strides 1, 2, 2; BN → ReLU → conv3×3 → BN → ReLU → conv3×3, dropout 0), then
 * BN → ReLU → global average pool → linear. Convolutions have no bias. When a block changes the
 * channel count its 1×1 projection shortcut takes the pre-activated input, as in the reference.
 * 36,479,194 parameters at width 1 and 10 classes.
 */
public final class WideResNet {
    private static final int DEPTH = 28;
    private static final int WIDEN = 10;

    private WideResNet() {}

    /** WRN-28-10 for {@code classCount} classes. */
    public static Block wrn28x10(int classCount, double widthMultiplier) {
        int blocksPerGroup = (DEPTH - 4) / 6;
        int[] widths = {16, 16 * WIDEN, 32 * WIDEN, 64 * WIDEN};
        int[] strides = {1, 2, 2};
        int inPlanes = Layers.scale(widths[0], widthMultiplier);
        SequentialBlock net = new SequentialBlock().add(Layers.conv(inPlanes, 3, 1, false));
        for (int group = 0; group < 3; group++) {
            int outPlanes = Layers.scale(widths[group + 1], widthMultiplier);
            for (int i = 0; i < blocksPerGroup; i++) {
                net.add(wideBlock(inPlanes, outPlanes, i == 0 ? strides[group] : 1));
                inPlanes = outPlanes;
            }
        }
        return net.add(Layers.bnRelu())
                .add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(classCount).optBias(true).build());
    }

    /** A pre-activation wide basic block. */
    static Block wideBlock(int inPlanes, int outPlanes, int stride) {
        if (inPlanes == outPlanes && stride == 1) {
            Block main = new SequentialBlock()
                    .add(Layers.bnRelu())
                    .add(Layers.conv(outPlanes, 3, stride, false))
                    .add(Layers.bnRelu())
                    .add(Layers.conv(outPlanes, 3, 1, false));
            return Layers.residual(main, null, false);
        }
        Block main = new SequentialBlock()
                .add(Layers.conv(outPlanes, 3, stride, false))
                .add(Layers.bnRelu())
                .add(Layers.conv(outPlanes, 3, 1, false));
        Block projection = Layers.conv(outPlanes, 1, stride, false);
        return new SequentialBlock().add(Layers.bnRelu()).add(Layers.residual(main, projection, false));
    }
}
