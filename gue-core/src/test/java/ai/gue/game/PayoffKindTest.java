package ai.gue.game;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class PayoffKindTest {

    static final float[] LOGITS = {2f, 0f, -1f, 0.5f, 0.5f, 3f};
    static final int[] LABELS = {0, 2};

    static double evaluate(PayoffKind kind, float[] logits, int[] labels) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray z = m.create(logits, new Shape(labels.length, logits.length / labels.length));
            return kind.evaluate(z, m.create(labels)).getFloat();
        }
    }

    static double logSumExp(double... z) {
        double s = 0;
        for (double v : z) {
            s += Math.exp(v);
        }
        return Math.log(s);
    }

    @Test
    void maxWrongClassCrossEntropyIsTheLargestWrongClassLoss() {
        // image 0: label 0, wrong logits {0, -1}: max_k CE = lse − min = lse − (−1);
        // image 1: label 2, wrong logits {0.5, 0.5}: lse − 0.5.
        double expected = ((logSumExp(2, 0, -1) + 1) + (logSumExp(0.5, 0.5, 3) - 0.5)) / 2;
        assertEquals(expected, evaluate(PayoffKind.MAX_WRONG_CE, LOGITS, LABELS), 1e-5);
    }

    @Test
    void maxWrongClassCrossEntropyIsBoundedByLogOfWrongClassCount() {
        // Uniform over the wrong classes and a vanishing true class reaches the minimum log(C − 1).
        float[] logits = {-30f, 1f, 1f, 1f, 2f, 2f, 2f, -30f};
        assertEquals(Math.log(3), evaluate(PayoffKind.MAX_WRONG_CE, logits, new int[] {0, 3}), 1e-5);
        // ... and anything else is above it.
        assertEquals(true, evaluate(PayoffKind.MAX_WRONG_CE, LOGITS, LABELS) > Math.log(2));
    }

    @Test
    void negativeCrossEntropyAndCarliniWagnerMargin() {
        double ce = ((logSumExp(2, 0, -1) - 2) + (logSumExp(0.5, 0.5, 3) - 3)) / 2;
        assertEquals(-ce, evaluate(PayoffKind.NEG_CE, LOGITS, LABELS), 1e-5);
        // margins: 2 − 0 = 2; 3 − 0.5 = 2.5; both positive.
        assertEquals(2.25, evaluate(PayoffKind.CW_MARGIN, LOGITS, LABELS), 1e-5);
        // a misclassified image contributes 0.
        assertEquals(0.0, evaluate(PayoffKind.CW_MARGIN, new float[] {0f, 1f}, new int[] {0}), 1e-6);
    }

    @Test
    void namesParse() {
        assertEquals(PayoffKind.CW_MARGIN, PayoffKind.parse("cw-margin"));
        assertEquals(PayoffKind.MAX_WRONG_CE, PayoffKind.parse("MAX_WRONG_CE"));
        assertThrows(IllegalArgumentException.class, () -> PayoffKind.parse("hinge"));
    }
}
