package ai.gue.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ArchitectureTest {
    private static final Shape CIFAR_BATCH = new Shape(2, 3, 32, 32);

    /** Full-width parameter counts, checked against PyTorch (kuangliu/pytorch-cifar, xternalz WRN). */
    @ParameterizedTest
    @CsvSource({
        "RESNET18, 11173962",
        "RESNET50, 23520842",
        "VGG16_BN, 14728266",
        "DENSENET121, 1000618",
        "WRN28_10, 36479194",
    })
    void fullWidthParameterCountsMatchPytorch(ClassifierArch arch, long expected) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = Initialization.initialize(arch.build(10, 1.0), manager, new Shape(1, 3, 32, 32));
            assertEquals(expected, ParameterCounter.count(block), arch.cliName());
        }
    }

    /** The CPU preset's network: quarter-width ResNet-9 (16-32-64-128 channels), counted by hand. */
    @Test
    void fastnetAtQuarterWidthHasTheCountedParameters() {
        // convs (no bias): 3*16*9 + 16*32*9 + 2*32*32*9 + 32*64*9 + 64*128*9 + 2*128*128*9 = 410,544;
        // BN gamma+beta: 2*(16 + 32 + 2*32 + 64 + 128 + 2*128) = 1,120; linear 128*10 (no bias) = 1,280.
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = Initialization.initialize(ClassifierArch.FASTNET.build(10, 0.25), manager,
                    new Shape(1, 3, 32, 32));
            assertEquals(410_544 + 1_120 + 1_280, ParameterCounter.count(block));
        }
    }

    /** The linear follower: one weight per pixel value and class, plus one bias per class. */
    @Test
    void linearClassifierHasOneWeightPerPixelAndClassPlusBiases() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = Initialization.initialize(ClassifierArch.LINEAR.build(10, 1.0), manager,
                    new Shape(1, 3, 32, 32));
            assertEquals(3 * 32 * 32 * 10 + 10, ParameterCounter.count(block));
        }
    }

    /** 10 classes in training mode (batch statistics), 100 classes in inference mode. */
    @ParameterizedTest
    @EnumSource(ClassifierArch.class)
    void forwardGivesOneLogitPerClassAtSmallWidth(ClassifierArch arch) {
        assertLogitShape(arch, 10, true);
        assertLogitShape(arch, 100, false);
    }

    private static void assertLogitShape(ClassifierArch arch, int classes, boolean training) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = Initialization.initialize(arch.build(classes, 0.125), manager, CIFAR_BATCH);
            assertEquals(new Shape(2, classes), block.getOutputShapes(new Shape[] {CIFAR_BATCH})[0]);
            try (NDManager step = manager.newSubManager()) {
                NDArray x = step.randomUniform(0, 1, CIFAR_BATCH);
                NDArray logits = block.forward(new ParameterStore(step, false), new NDList(x), training)
                        .singletonOrThrow();
                assertEquals(new Shape(2, classes), logits.getShape(), arch + " training=" + training);
                assertTrue(logits.isInfinite().logicalOr(logits.isNaN()).none().getBoolean(), arch + " finite");
            }
        }
    }
}
