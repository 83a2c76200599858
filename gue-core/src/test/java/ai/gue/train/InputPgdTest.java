package ai.gue.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.gue.model.ClassifierArch;
import ai.gue.model.Initialization;
import org.junit.jupiter.api.Test;

/** The shared input PGD: stays in the ball and [0, 1], moves the loss the way asked, leaves the model alone. */
class InputPgdTest {

    @Test
    void descendingLowersTheLossAscendingRaisesItBothWithinTheBall() {
        Engine.getInstance().setRandomSeed(5);
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(8, 3, 32, 32);
            Block model = ClassifierArch.FASTNET.build(10, 0.125);
            Initialization.initialize(model, manager, shape);
            NDArray images = manager.randomUniform(0f, 1f, shape);
            NDArray labels = manager.create(new int[] {0, 1, 2, 3, 4, 5, 6, 7});
            float[] weightsBefore = model.getParameters().get(0).getValue().getArray().toFloatArray();
            double radius = 8 / 255.0;
            double clean = loss(model, manager, images, labels);
            for (InputPgd.Direction direction : InputPgd.Direction.values()) {
                InputPgd pgd = new InputPgd(radius, 5, 2 / 255.0, direction);
                NDArray moved = pgd.run(model, manager, images, images, labels, 10);
                float[] x = images.toFloatArray();
                float[] m = moved.toFloatArray();
                for (int k = 0; k < x.length; k++) {
                    assertTrue(Math.abs(m[k] - x[k]) <= radius + 1e-6, direction + ": within the ball at " + k);
                    assertTrue(m[k] >= 0 && m[k] <= 1, direction + ": a valid image at " + k);
                }
                double after = loss(model, manager, moved, labels);
                if (direction == InputPgd.Direction.DESCEND) {
                    assertTrue(after < clean, "descending lowers the loss: " + after + " against " + clean);
                } else {
                    assertTrue(after > clean, "ascending raises the loss: " + after + " against " + clean);
                }
            }
            NDArray far = images.add(0.5).minimum(1);
            NDArray fromOutside = new InputPgd(radius, 1, 1e-6, InputPgd.Direction.DESCEND)
                    .run(model, manager, images, far, labels, 10);
            assertTrue(fromOutside.sub(images).abs().max().getFloat() <= radius + 1e-6,
                    "a start outside the ball is projected onto it first");
            assertArrayEquals(weightsBefore, model.getParameters().get(0).getValue().getArray().toFloatArray());
            NDArray gradient = model.getParameters().get(0).getValue().getArray().getGradient();
            assertEquals(0f, gradient.abs().sum().getFloat(), "PGD leaves no gradient on the model");
        }
        assertThrows(IllegalArgumentException.class, () -> new InputPgd(0, 1, 0.1, InputPgd.Direction.ASCEND));
        assertThrows(IllegalArgumentException.class, () -> new InputPgd(0.1, 0, 0.1, InputPgd.Direction.ASCEND));
        assertThrows(IllegalArgumentException.class, () -> new InputPgd(0.1, 1, Double.NaN, InputPgd.Direction.ASCEND));
    }

    @Test
    void anotherLossFromAnUnprojectedStartTakesItsFirstGradientThere() {
        Engine.getInstance().setRandomSeed(6);
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(4, 3, 32, 32);
            Block model = ClassifierArch.FASTNET.build(10, 0.125);
            Initialization.initialize(model, manager, shape);
            NDArray images = manager.randomUniform(0f, 1f, shape);
            double radius = 8 / 255.0;
            double step = 2 / 255.0;
            // A loss that is not a cross-entropy: the logit of class 3, pushed up.
            InputPgd.InputLoss logit3 = logits -> logits.get(":, 3").sum();
            NDArray start = images.add(manager.randomUniform(-0.1f, 0.1f, shape)); // outside the ball
            NDArray moved = new InputPgd(radius, 1, step, InputPgd.Direction.ASCEND)
                    .run(model, manager, images, start, InputPgd.StartPoint.AS_GIVEN, logit3);
            NDArray sign = InputPgd.gradientSign(model, new ParameterStore(manager, false), start, logit3);
            NDArray lower = images.sub(radius).maximum(0);
            NDArray upper = images.add(radius).minimum(1);
            NDArray expected = start.add(sign.mul(step)).maximum(lower).minimum(upper);
            assertArrayEquals(expected.toFloatArray(), moved.toFloatArray(), 1e-6f,
                    "one step from the start as given, then the projection");
            double before = model.forward(new ParameterStore(manager, false), new NDList(images), false)
                    .singletonOrThrow().get(":, 3").sum().getFloat();
            NDArray many = new InputPgd(radius, 5, step, InputPgd.Direction.ASCEND)
                    .run(model, manager, images, images, InputPgd.StartPoint.AS_GIVEN, logit3);
            double after = model.forward(new ParameterStore(manager, false), new NDList(many), false)
                    .singletonOrThrow().get(":, 3").sum().getFloat();
            assertTrue(after > before, "ascending raises the given loss: " + after + " against " + before);
        }
    }

    private static double loss(Block model, NDManager manager, NDArray images, NDArray labels) {
        NDArray logits = model.forward(new ParameterStore(manager, false), new NDList(images), false).singletonOrThrow();
        return CrossEntropy.smoothed(logits, labels, 10, 0).getFloat();
    }
}
