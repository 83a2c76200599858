package ai.gue.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class CrossEntropyTest {

    @Test
    void matchesAHandComputationWithAndWithoutSmoothing() {
        float[][] logits = {{2f, 0f, -1f}, {0.5f, 0.5f, 3f}};
        int[] labels = {0, 1};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray l = m.create(new float[] {2f, 0f, -1f, 0.5f, 0.5f, 3f}, new Shape(2, 3));
            NDArray y = m.create(labels);
            for (double s : new double[] {0, 0.1}) {
                double expected = 0;
                for (int i = 0; i < 2; i++) {
                    double logSumExp = Math.log(Math.exp(logits[i][0]) + Math.exp(logits[i][1]) + Math.exp(logits[i][2]));
                    for (int k = 0; k < 3; k++) {
                        double target = (k == labels[i] ? 1 - s : 0) + s / 3;
                        expected -= target * (logits[i][k] - logSumExp);
                    }
                }
                expected /= 2;
                assertEquals(expected, CrossEntropy.smoothed(l, y, 3, s).getFloat(), 1e-5, "smoothing " + s);
            }
        }
    }
}
