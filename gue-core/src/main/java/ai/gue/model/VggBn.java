package ai.gue.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

/**
 * VGG-16 with batch normalisation, CIFAR head as in kuangliu/pytorch-cifar: thirteen conv3×3
 * (with bias) → BN → ReLU layers with five 2×2 max-pools, then one linear layer. 14,728,266
 * parameters at width 1 and 10 classes.
 *
 * <p>One deliberate generalisation: kuangliu flattens the 1×1 map left after five pools of a 32×32
 * input; here a global average pool precedes the flatten, which is the identity at 32×32 and lets
 * larger inputs through with the same parameters.
 */
public final class VggBn {
    /** The VGG-16 configuration; 0 stands for a max-pool. */
    private static final int[] VGG16 = {64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0};

    private VggBn() {}

    /** VGG-16-BN for {@code classCount} classes. */
    public static Block vgg16(int classCount, double widthMultiplier) {
        SequentialBlock net = new SequentialBlock();
        for (int channels : VGG16) {
            if (channels == 0) {
                net.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
            } else {
                net.add(Layers.convBnRelu(Layers.scale(channels, widthMultiplier), 3, 1, true));
            }
        }
        return net.add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(classCount).optBias(true).build());
    }
}
