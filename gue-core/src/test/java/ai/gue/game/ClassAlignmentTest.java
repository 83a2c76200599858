package ai.gue.game;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class ClassAlignmentTest {

    private static final int[] LABELS = {0, 1, 2, 0, 1, 2, 0, 1};

    @Test
    void aClassWisePatternScoresOneAndNoiseScoresZero() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray labels = manager.create(LABELS);
            NDArray patterns = manager.randomNormal(new Shape(3, 3, 4, 4));
            NDList rows = new NDList();
            for (int label : LABELS) {
                rows.add(patterns.get(label));
            }
            NDArray classWise = NDArrays.stack(rows);
            // A class-wise pattern: same-class cosines are 1; random patterns are nearly orthogonal
            // in 48 dimensions, so the alignment is close to (not exactly) 1.
            assertTrue(ClassAlignment.of(classWise, labels) > 0.7, "class-wise pattern");
            // Independent noise per image: same- and different-class cosines alike.
            manager.getEngine().setRandomSeed(1);
            NDArray noise = manager.randomNormal(new Shape(8, 3, 32, 32));
            assertEquals(0, ClassAlignment.of(noise, labels), 0.05, "per-image noise");
            // One pattern for every image: cosines all 1, no class information.
            NDArray universal = manager.ones(new Shape(8, 3, 4, 4));
            assertEquals(0, ClassAlignment.of(universal, labels), 1e-5, "a universal pattern");
            // Scale per image does not matter.
            NDArray scales = manager.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8}).reshape(8, 1, 1, 1);
            assertEquals(ClassAlignment.of(classWise, labels), ClassAlignment.of(classWise.mul(scales), labels), 1e-5);
        }
    }

    @Test
    void aBatchOfOneClassHasNoAlignment() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertTrue(Double.isNaN(ClassAlignment.of(manager.ones(new Shape(3, 2)), manager.create(new int[] {1, 1, 1}))));
        }
    }

    @Test
    void itFreesWhatItComputes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray vectors = manager.randomNormal(new Shape(8, 5));
            NDArray labels = manager.create(LABELS);
            int before = manager.getManagedArrays().size();
            ClassAlignment.of(vectors, labels);
            assertEquals(before, manager.getManagedArrays().size());
        }
    }
}
