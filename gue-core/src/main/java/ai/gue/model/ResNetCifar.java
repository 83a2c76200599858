package ai.gue.model;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

/**
 * CIFAR ResNets as in kuangliu/pytorch-cifar (the GUE authors' variant): a 3×3 stride-1 stem
 * without max-pool, four stages at strides 1, 2, 2, 2, global average pooling and one linear layer.
 * Convolutions have no bias; a projection shortcut (1×1 conv + BN) is used whenever the block
 * changes the shape.
 *
 * <p>Parameter counts at width 1 and 10 classes: ResNet-18 11,173,962; ResNet-50 23,520,842.
 */
public final class ResNetCifar {
    private static final int[] STAGE_PLANES = {64, 128, 256, 512};
    private static final int[] STAGE_STRIDES = {1, 2, 2, 2};

    private ResNetCifar() {}

    /** ResNet-18: BasicBlocks [2, 2, 2, 2]. */
    public static Block resnet18(int classCount, double widthMultiplier) {
        return build(new int[] {2, 2, 2, 2}, false, classCount, widthMultiplier);
    }

    /** ResNet-50: Bottleneck blocks [3, 4, 6, 3], expansion 4. */
    public static Block resnet50(int classCount, double widthMultiplier) {
        return build(new int[] {3, 4, 6, 3}, true, classCount, widthMultiplier);
    }

    private static Block build(int[] blocksPerStage, boolean bottleneck, int classCount, double width) {
        int expansion = bottleneck ? 4 : 1;
        int inPlanes = Layers.scale(64, width);
        SequentialBlock net = new SequentialBlock().add(Layers.convBnRelu(inPlanes, 3, 1, false));
        for (int stage = 0; stage < STAGE_PLANES.length; stage++) {
            int planes = Layers.scale(STAGE_PLANES[stage], width);
            for (int i = 0; i < blocksPerStage[stage]; i++) {
                int stride = i == 0 ? STAGE_STRIDES[stage] : 1;
                net.add(bottleneck ? bottleneckBlock(inPlanes, planes, stride) : basicBlock(inPlanes, planes, stride));
                inPlanes = planes * expansion;
            }
        }
        return net.add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(classCount).optBias(true).build());
    }

    /** conv3×3(stride) → BN → ReLU → conv3×3 → BN, plus shortcut, then ReLU. */
    static Block basicBlock(int inPlanes, int planes, int stride) {
        Block main = new SequentialBlock()
                .add(Layers.convBnRelu(planes, 3, stride, false))
                .add(Layers.conv(planes, 3, 1, false))
                .add(Layers.batchNorm());
        return Layers.residual(main, shortcut(inPlanes, planes, stride), true);
    }

    /** conv1×1 → BN → ReLU → conv3×3(stride) → BN → ReLU → conv1×1 (×4) → BN, plus shortcut, then ReLU. */
    static Block bottleneckBlock(int inPlanes, int planes, int stride) {
        int outPlanes = 4 * planes;
        Block main = new SequentialBlock()
                .add(Layers.convBnRelu(planes, 1, 1, false))
                .add(Layers.convBnRelu(planes, 3, stride, false))
                .add(Layers.conv(outPlanes, 1, 1, false))
                .add(Layers.batchNorm());
        return Layers.residual(main, shortcut(inPlanes, outPlanes, stride), true);
    }

    private static Block shortcut(int inPlanes, int outPlanes, int stride) {
        if (stride == 1 && inPlanes == outPlanes) {
            return null;
        }
        return new SequentialBlock().add(Layers.conv(outPlanes, 1, stride, false)).add(Layers.batchNorm());
    }
}
