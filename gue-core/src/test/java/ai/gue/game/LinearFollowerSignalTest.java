package ai.gue.game;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.gue.model.ClassifierArch;
import ai.gue.model.Initialization;
import ai.gue.train.CrossEntropy;
import org.junit.jupiter.api.Test;

/**
 * Why the linear follower exists: at a fresh follower, the input gradient of the cross-entropy (the
 * generator's signal in the game) is class-wise for a linear classifier and mostly per-image for a
 * convolutional one.
 */
class LinearFollowerSignalTest {
    private static final int CLASSES = 10;
    private static final int IMAGES = 60;

    @Test
    void linearFollowersInputGradientIsClassWiseWhereFastnetsIsNot() {
        Engine.getInstance().setRandomSeed(11);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray images = manager.randomUniform(0, 1, new Shape(IMAGES, 3, 32, 32));
            NDArray labels = manager.arange(IMAGES).mod(CLASSES).toType(DataType.INT32, false);
            double linear = inputGradientAlignment(ClassifierArch.LINEAR, 1.0, manager, images, labels);
            double fastnet = inputGradientAlignment(ClassifierArch.FASTNET, 0.25, manager, images, labels);
            assertTrue(linear > 0.9, "linear follower: same-class input gradients nearly equal: " + linear);
            assertTrue(fastnet < 0.5 * linear, "fastnet's are far less class-wise: " + fastnet + " vs " + linear);
        }
    }

    private static double inputGradientAlignment(ClassifierArch arch, double width, NDManager manager,
            NDArray images, NDArray labels) {
        Block follower = Initialization.initialize(arch.build(CLASSES, width), manager, new Shape(1, 3, 32, 32));
        try (NDManager pass = manager.newSubManager()) {
            NDArray x = images.duplicate();
            x.attach(pass);
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = follower.forward(new ParameterStore(pass, false), new NDList(x), true)
                        .singletonOrThrow();
                collector.backward(CrossEntropy.smoothed(logits, labels, CLASSES, 0));
            }
            return ClassAlignment.of(x.getGradient().neg(), labels);
        }
    }
}
