package ai.gue.game;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.gue.model.Initialization;
import ai.gue.train.ParameterArrays;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The TRADES follower loss against a hand computation (KL direction, β) and the PGD that feeds it
 * (radius, range, ascent, no side effects, seeded).
 */
class TradesObjectiveTest {

    // Two 1x1x2 "images", three classes, h(x) = W x + b.
    static final double[][] X = {{0.3, 0.7}, {0.9, 0.2}};
    static final double[][] DELTA = {{0.2, -0.25}, {0.05, 0.3}}; // x' + δ strictly inside (0, 1)
    static final int[] Y = {0, 2};
    static final double[][] W = {{2.0, -1.0}, {-1.5, 2.5}, {0.5, 0.5}};
    static final double[] B = {0.1, -0.2, 0.05};

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1.0, 2.5})
    void lossAndGradientsMatchTheHandComputation(double beta) {
        double expected = reference(W, X, beta);
        // The direction matters: the reverse KL(Q ‖ P) gives a clearly different loss.
        if (beta > 0) {
            assertTrue(Math.abs(expected - referenceReverse(beta)) > 1e-3, "the test separates the two directions");
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            Block classifier = linear(manager);
            NDArray poisoned = manager.create(flat(X), new Shape(2, 1, 1, 2));
            NDArray delta = manager.create(flat(DELTA), new Shape(2, 1, 1, 2));
            NDArray labels = manager.create(Y);
            poisoned.setRequiresGradient(true);
            double loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray value = TradesObjective.withPerturbation(classifier, labels, delta, beta)
                        .of(new ParameterStore(manager, false), poisoned);
                collector.backward(value);
                loss = value.getFloat();
            }
            assertEquals(expected, loss, 1e-5, "TRADES loss, β = " + beta);

            float[] weightGradient = classifier.getParameters().valueAt(0).getArray().getGradient().toFloatArray();
            float[] inputGradient = poisoned.getGradient().toFloatArray();
            for (int k = 0; k < 3; k++) {
                for (int j = 0; j < 2; j++) {
                    int kk = k;
                    int jj = j;
                    double numeric = derivative(h -> {
                        double[][] w = copy(W);
                        w[kk][jj] += h;
                        return reference(w, X, beta);
                    });
                    assertEquals(numeric, weightGradient[k * 2 + j], 1e-4, "∂g/∂W[" + k + "][" + j + "]");
                }
            }
            // ∂g/∂x' (the path to the generator) with δ held fixed.
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    int ii = i;
                    int jj = j;
                    double numeric = derivative(h -> {
                        double[][] x = copy(X);
                        x[ii][jj] += h;
                        return reference(W, x, beta);
                    });
                    assertEquals(numeric, inputGradient[i * 2 + j], 1e-4, "∂g/∂x'[" + i + "][" + j + "]");
                }
            }
        }
    }

    @Test
    void pgdStaysInTheBallAscendsTheKlAndLeavesNoTrace() {
        Shape shape = new Shape(4, 3, 8, 8);
        double radius = 4 / 255.0;
        TradesObjective objective = new TradesObjective(1, radius, 10);
        Engine.getInstance().setRandomSeed(11);
        try (NDManager manager = NDManager.newBaseManager()) {
            // BatchNorm in front: its running statistics must not move either (PGD runs in inference mode).
            SequentialBlock classifier = new SequentialBlock().add(BatchNorm.builder().build())
                    .add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(3).build());
            Initialization.initialize(classifier, manager, shape);
            ParameterArrays parameters = new ParameterArrays(classifier);
            parameters.clearGradients();
            // Images with saturated pixels so that the [0, 1] clamp matters.
            NDArray images = manager.randomUniform(-0.5f, 1.5f, shape).clip(0, 1);
            List<float[]> before = all(classifier);

            NDArray delta = objective.perturbation(classifier, manager, images, 7);

            float[] d = delta.toFloatArray();
            float[] x = images.toFloatArray();
            double maxAbs = 0;
            for (int i = 0; i < d.length; i++) {
                maxAbs = Math.max(maxAbs, Math.abs(d[i]));
                assertTrue(x[i] + d[i] >= -1e-6 && x[i] + d[i] <= 1 + 1e-6, "x' + δ in [0, 1] at " + i);
            }
            assertTrue(maxAbs <= radius + 1e-6, "‖δ‖∞ " + maxAbs + " ≤ " + radius);
            assertTrue(maxAbs > radius / 2, "PGD moved: ‖δ‖∞ = " + maxAbs);

            NDArray start = TradesObjective.randomStart(manager, shape, 7);
            double atStart = TradesObjective.divergenceAt(classifier, manager, images, start);
            double atEnd = TradesObjective.divergenceAt(classifier, manager, images, delta);
            assertTrue(atEnd > atStart, "KL after PGD " + atEnd + " > KL at the random start " + atStart);

            List<float[]> after = all(classifier);
            for (int i = 0; i < before.size(); i++) {
                assertArrayEquals(before.get(i), after.get(i), "parameter array " + i + " (running statistics included)");
            }
            for (NDArray w : parameters.trainable()) {
                for (float g : w.getGradient().toFloatArray()) {
                    assertEquals(0f, g, "PGD left a gradient on the classifier");
                }
            }

            assertArrayEquals(d, objective.perturbation(classifier, manager, images, 7).toFloatArray(),
                    "same seed, same δ");
            assertFalse(java.util.Arrays.equals(d, objective.perturbation(classifier, manager, images, 8).toFloatArray()),
                    "another seed, another δ");
        }
    }

    @Test
    void randomStartIsSeededAndSmall() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(2, 3, 4, 4);
            float[] a = TradesObjective.randomStart(manager, shape, 5).toFloatArray();
            assertArrayEquals(a, TradesObjective.randomStart(manager, shape, 5).toFloatArray());
            double squares = 0;
            for (float v : a) {
                squares += v * v;
            }
            double std = Math.sqrt(squares / a.length);
            assertTrue(std > 0.0005 && std < 0.002, "≈ 0.001·N(0, 1), got standard deviation " + std);
        }
    }

    @Test
    void badTradesNumbersAreRejectedNamingTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TradesObjective(-1, 0.01, 10))
                .getMessage().contains("tradesBeta"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TradesObjective(1, 0, 10))
                .getMessage().contains("pgdRadius"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TradesObjective(1, 1.5, 10))
                .getMessage().contains("pgdRadius"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TradesObjective(1, 0.01, 0))
                .getMessage().contains("pgdSteps"));
    }

    // ---- the hand computation, in double precision ----

    /** CE(h(x'), y) + β·mean_i Σ_k P_ik (log P_ik − log Q_ik), P = softmax(h(x')), Q = softmax(h(x'+δ)). */
    static double reference(double[][] w, double[][] x, double beta) {
        double ce = 0;
        double kl = 0;
        for (int i = 0; i < 2; i++) {
            double[] logP = logSoftmax(logits(w, x[i]));
            double[] adv = {clamp(x[i][0] + DELTA[i][0]), clamp(x[i][1] + DELTA[i][1])};
            double[] logQ = logSoftmax(logits(w, adv));
            ce -= logP[Y[i]] / 2;
            for (int k = 0; k < 3; k++) {
                kl += Math.exp(logP[k]) * (logP[k] - logQ[k]) / 2;
            }
        }
        return ce + beta * kl;
    }

    /** The same with the KL the other way round, KL(Q ‖ P): what the test must tell apart. */
    static double referenceReverse(double beta) {
        double ce = 0;
        double kl = 0;
        for (int i = 0; i < 2; i++) {
            double[] logP = logSoftmax(logits(W, X[i]));
            double[] adv = {clamp(X[i][0] + DELTA[i][0]), clamp(X[i][1] + DELTA[i][1])};
            double[] logQ = logSoftmax(logits(W, adv));
            ce -= logP[Y[i]] / 2;
            for (int k = 0; k < 3; k++) {
                kl += Math.exp(logQ[k]) * (logQ[k] - logP[k]) / 2;
            }
        }
        return ce + beta * kl;
    }

    static double derivative(ToDoubleFunction<Double> f) {
        double h = 1e-6;
        return (f.applyAsDouble(h) - f.applyAsDouble(-h)) / (2 * h);
    }

    static double[] logits(double[][] w, double[] x) {
        double[] z = new double[3];
        for (int k = 0; k < 3; k++) {
            z[k] = w[k][0] * x[0] + w[k][1] * x[1] + B[k];
        }
        return z;
    }

    static double[] logSoftmax(double[] z) {
        double m = Math.max(z[0], Math.max(z[1], z[2]));
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v - m);
        }
        double lse = m + Math.log(sum);
        return new double[] {z[0] - lse, z[1] - lse, z[2] - lse};
    }

    static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    static double[][] copy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }

    static float[] flat(double[][] m) {
        float[] out = new float[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                out[i * m[i].length + j] = (float) m[i][j];
            }
        }
        return out;
    }

    static Block linear(NDManager manager) {
        SequentialBlock block = new SequentialBlock().add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(3).build());
        block.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 1, 2));
        float[] w = new float[6];
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < 2; j++) {
                w[k * 2 + j] = (float) W[k][j];
            }
        }
        block.getParameters().valueAt(0).getArray().set(w);
        float[] b = {(float) B[0], (float) B[1], (float) B[2]};
        block.getParameters().valueAt(1).getArray().set(b);
        return block;
    }

    static List<float[]> all(Block block) {
        List<float[]> out = new ArrayList<>();
        for (var p : block.getParameters()) {
            out.add(p.getValue().getArray().toFloatArray());
        }
        return out;
    }
}
