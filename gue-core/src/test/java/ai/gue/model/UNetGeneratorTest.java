package ai.gue.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class UNetGeneratorTest {
    @Test
    void publishedGeneratorHasExactlyTheAuthorsParameterCount() {
        try (NDManager manager = NDManager.newBaseManager()) {
            UNetGenerator generator = Initialization.initialize(UNetGenerator.build(), manager, new Shape(1, 3, 32, 32));
            assertEquals(7_788_681L, ParameterCounter.count(generator));
        }
    }

    @Test
    void outputHasInputShapeAndLiesStrictlyInsideMinusOneOne() {
        Shape batch = new Shape(2, 3, 32, 32);
        try (NDManager manager = NDManager.newBaseManager()) {
            UNetGenerator generator = Initialization.initialize(UNetGenerator.build(3, 8), manager, batch);
            assertEquals(batch, generator.getOutputShapes(new Shape[] {batch})[0]);
            for (boolean training : new boolean[] {true, false}) {
                try (NDManager step = manager.newSubManager()) {
                    NDArray x = step.randomUniform(0, 1, batch);
                    NDArray y = generator.forward(new ParameterStore(step, false), new NDList(x), training)
                            .singletonOrThrow();
                    assertEquals(batch, y.getShape());
                    assertTrue(y.abs().max().getFloat() < 1f, "tanh output inside (-1, 1)");
                    assertTrue(y.abs().sum().getFloat() > 0f, "not identically zero");
                }
            }
        }
    }

    /** Every array a training step creates (interpolation matrices included) dies with the step's manager. */
    @Test
    void stepsLeaveNoArraysInTheParameterManager() {
        Shape batch = new Shape(2, 3, 16, 16);
        try (NDManager manager = NDManager.newBaseManager()) {
            UNetGenerator generator = Initialization.initialize(UNetGenerator.build(3, 4), manager, batch);
            int before = manager.getManagedArrays().size();
            assertTrue(before > 0, "the parameters are counted");
            for (int i = 0; i < 3; i++) {
                try (NDManager step = manager.newSubManager()) {
                    NDArray x = step.randomUniform(0, 1, batch);
                    generator.forward(new ParameterStore(step, false), new NDList(x), true);
                }
            }
            assertEquals(before, manager.getManagedArrays().size());
        }
    }

    @Test
    void oddSizedImagesKeepTheirShape() {
        Shape batch = new Shape(2, 1, 13, 10);
        try (NDManager manager = NDManager.newBaseManager()) {
            UNetGenerator generator = Initialization.initialize(UNetGenerator.build(1, 4), manager, batch);
            NDArray y = generator.forward(new ParameterStore(manager, false),
                    new NDList(manager.randomUniform(0, 1, batch)), true).singletonOrThrow();
            assertEquals(batch, y.getShape());
        }
    }

    @Test
    void rejectsWrongChannelCount() {
        try (NDManager manager = NDManager.newBaseManager()) {
            UNetGenerator generator = Initialization.initialize(UNetGenerator.build(3, 4), manager, new Shape(1, 3, 16, 16));
            NDList wrong = new NDList(manager.zeros(new Shape(1, 1, 16, 16)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> generator.forward(new ParameterStore(manager, false), wrong, false));
            assertTrue(e.getMessage().contains("(N, 3, H, W)"), e.getMessage());
        }
    }
}
