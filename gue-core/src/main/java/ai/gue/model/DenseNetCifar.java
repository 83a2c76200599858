package ai.gue.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

/**
 * The CIFAR DenseNet of kuangliu/pytorch-cifar ({@code densenet_cifar}): DenseNet-121's block
 * layout 6-12-24-16 with growth rate 12, bottleneck layers (BN → ReLU → conv1×1 to 4·growth →
 * BN → ReLU → conv3×3 to growth, output concatenated in front of the input), transitions with
 * reduction 0.5 (BN → ReLU → conv1×1 → 2×2 average pool), a 3×3 stem to 2·growth channels and a
 * BN → ReLU → global average pool → linear head. Convolutions have no bias. 1,000,618 parameters
 * at width 1 and 10 classes.
 *
 * <p>The width multiplier scales the growth rate (at least 1); every channel count follows from it.
 */
public final class DenseNetCifar {
    private static final int[] BLOCKS = {6, 12, 24, 16};
    private static final int GROWTH = 12;
    private static final double REDUCTION = 0.5;

    private DenseNetCifar() {}

    /** The CIFAR DenseNet-121 layout for {@code classCount} classes. */
    public static Block densenet121(int classCount, double widthMultiplier) {
        int growth = Layers.scale(GROWTH, widthMultiplier);
        int planes = 2 * growth;
        SequentialBlock net = new SequentialBlock().add(Layers.conv(planes, 3, 1, false));
        for (int stage = 0; stage < BLOCKS.length; stage++) {
            for (int i = 0; i < BLOCKS[stage]; i++) {
                net.add(denseLayer(growth));
                planes += growth;
            }
            if (stage < BLOCKS.length - 1) {
                int outPlanes = (int) Math.floor(planes * REDUCTION);
                net.add(Layers.bnRelu())
                        .add(Layers.conv(outPlanes, 1, 1, false))
                        .add(Pool.avgPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
                planes = outPlanes;
            }
        }
        return net.add(Layers.bnRelu())
                .add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(classCount).optBias(true).build());
    }

    /** {@code concat[bottleneck(x), x]} along the channel axis. */
    static Block denseLayer(int growth) {
        Block bottleneck = new SequentialBlock()
                .add(Layers.bnRelu())
                .add(Layers.conv(4 * growth, 1, 1, false))
                .add(Layers.bnRelu())
                .add(Layers.conv(growth, 3, 1, false));
        return Layers.concatChannels(bottleneck, Blocks.identityBlock());
    }
}
