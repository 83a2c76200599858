package ai.gue.game;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.gue.attack.Budget;
import ai.gue.attack.GeneratorPoison;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One BOME step on a model small enough to differentiate by hand: two 1x1x2 images, generator
 * G_a(x) = tanh(a·x) (one parameter), follower h(x) = W·x + b with two classes. Every gradient, the
 * inner Adam steps, λ and both updates are computed below in double precision from the formulas of
 * DESIGN.md section 4 and compared with what {@link BomeStep} does.
 */
class BomeStepHandComputationTest {

    static final double[][] X = {{0.3, 0.7}, {0.6, 0.2}};
    static final int[] Y = {0, 1};
    static final double A = 0.8;
    static final double[][] W = {{0.5, -0.4}, {-0.2, 0.3}};
    static final double[] B = {0.1, -0.1};
    static final double EPS = 8 / 255.0;

    @ParameterizedTest
    @EnumSource(GameImplementation.class)
    void oneStepMatchesTheHandComputation(GameImplementation implementation) {
        int innerSteps = 2;
        GameHyperParameters hyper = new GameHyperParameters(PayoffKind.MAX_WRONG_CE, 1.5, innerSteps, 0.05, 0.1, 0.01,
                implementation);
        Reference expected = Reference.step(hyper);
        try (NDManager manager = NDManager.newBaseManager()) {
            ScaleTanhGenerator generator = new ScaleTanhGenerator((float) A);
            generator.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 1, 2));
            Block follower = linearFollower(manager);
            Block inner = linearFollower(manager);
            NDArray images = manager.create(new float[] {0.3f, 0.7f, 0.6f, 0.2f}, new Shape(2, 1, 1, 2));
            NDArray labels = manager.create(Y);
            try (BomeStep step = new BomeStep(new GeneratorPoison(generator, Budget.linf(8)), follower, inner, hyper,
                    manager)) {
                GameStepMetrics m = step.run(manager, images, labels);
                assertEquals(expected.payoff, m.leaderPayoff(), 1e-5, "f(θ)");
                assertEquals(expected.followerLoss, m.followerLoss(), 1e-5, "g(a, θ)");
                assertEquals(expected.innerLoss, m.innerFollowerLoss(), 1e-5, "g(a, θ^T)");
                assertEquals(expected.lambda, m.barrierMultiplier(), 1e-4 * Math.max(1, expected.lambda), "λ");
                assertEquals(expected.generatorGradient, m.generatorGradientNorm(),
                        1e-3 * Math.abs(expected.generatorGradient) + 1e-7, "‖∇_a q‖");
            }
            assertEquals(expected.newA, generator.getParameters().get("scale").getArray().getFloat(0), 1e-6, "a after");
            float[] w = follower.getParameters().valueAt(0).getArray().toFloatArray();
            float[] b = follower.getParameters().valueAt(1).getArray().toFloatArray();
            for (int k = 0; k < 2; k++) {
                for (int j = 0; j < 2; j++) {
                    assertEquals(expected.newW[k][j], w[k * 2 + j], 1e-6, "W[" + k + "][" + j + "] after");
                }
                assertEquals(expected.newB[k], b[k], 1e-6, "b[" + k + "] after");
            }
        }
    }

    private static Block linearFollower(NDManager manager) {
        SequentialBlock block = new SequentialBlock().add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(2).build());
        block.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 1, 2));
        block.getParameters().valueAt(0).getArray().set(new float[] {0.5f, -0.4f, -0.2f, 0.3f});
        block.getParameters().valueAt(1).getArray().set(new float[] {0.1f, -0.1f});
        return block;
    }

    /** The step in double precision, straight from the formulas. */
    static final class Reference {
        double payoff;
        double followerLoss;
        double innerLoss;
        double lambda;
        double generatorGradient;
        double newA;
        double[][] newW = new double[2][2];
        double[] newB = new double[2];

        static Reference step(GameHyperParameters hyper) {
            Reference r = new Reference();
            double[][] poisoned = poison(A);
            // 1. inner loop: Adam from θ on g(a, ·) with the poisoned batch fixed.
            double[][] wT = copy(W);
            double[] bT = B.clone();
            double[][] mW = new double[2][2];
            double[][] vW = new double[2][2];
            double[] mB = new double[2];
            double[] vB = new double[2];
            for (int t = 1; t <= hyper.innerSteps(); t++) {
                double[][] gW = new double[2][2];
                double[] gB = new double[2];
                ceGradients(wT, bT, poisoned, gW, gB);
                double c1 = 1 - Math.pow(0.9, t);
                double c2 = 1 - Math.pow(0.999, t);
                for (int k = 0; k < 2; k++) {
                    for (int j = 0; j < 2; j++) {
                        mW[k][j] = 0.9 * mW[k][j] + 0.1 * gW[k][j];
                        vW[k][j] = 0.999 * vW[k][j] + 0.001 * gW[k][j] * gW[k][j];
                        wT[k][j] -= hyper.innerLearningRate() * (mW[k][j] / c1) / (Math.sqrt(vW[k][j] / c2) + 1e-8);
                    }
                    mB[k] = 0.9 * mB[k] + 0.1 * gB[k];
                    vB[k] = 0.999 * vB[k] + 0.001 * gB[k] * gB[k];
                    bT[k] -= hyper.innerLearningRate() * (mB[k] / c1) / (Math.sqrt(vB[k] / c2) + 1e-8);
                }
            }
            // 2. f(θ) = mean_i [lse(z_i) − z_i,other] on clean images (two classes: the only wrong one).
            double[][] fW = new double[2][2];
            double[] fB = new double[2];
            for (int i = 0; i < 2; i++) {
                double[] z = logits(W, B, X[i]);
                double[] p = softmax(z);
                int other = 1 - Y[i];
                r.payoff += (Math.log(Math.exp(z[0]) + Math.exp(z[1])) - z[other]) / 2;
                for (int k = 0; k < 2; k++) {
                    double dz = (p[k] - (k == other ? 1 : 0)) / 2;
                    fB[k] += dz;
                    for (int j = 0; j < 2; j++) {
                        fW[k][j] += dz * X[i][j];
                    }
                }
            }
            // 3. q = g(a, θ) − g(a, θ^T); ∇_θ q = ∇_θ g(a, θ); ∇_a q through x'(a) in both terms.
            double[][] qW = new double[2][2];
            double[] qB = new double[2];
            ceGradients(W, B, poisoned, qW, qB);
            r.followerLoss = ce(W, B, poisoned);
            r.innerLoss = ce(wT, bT, poisoned);
            double qA = generatorGradient(W, B) - generatorGradient(wT, bT);
            r.generatorGradient = Math.abs(qA);
            // 4. λ.
            double normSquared = qA * qA + sumSquares(qW) + qB[0] * qB[0] + qB[1] * qB[1];
            double inner = qB[0] * fB[0] + qB[1] * fB[1];
            for (int k = 0; k < 2; k++) {
                for (int j = 0; j < 2; j++) {
                    inner += qW[k][j] * fW[k][j];
                }
            }
            r.lambda = Math.max(0, (hyper.eta() * normSquared - inner) / (normSquared + 1e-8));
            // 5. updates.
            r.newA = A - hyper.generatorLearningRate() * r.lambda * qA;
            for (int k = 0; k < 2; k++) {
                for (int j = 0; j < 2; j++) {
                    r.newW[k][j] = W[k][j] - hyper.followerLearningRate() * (fW[k][j] + r.lambda * qW[k][j]);
                }
                r.newB[k] = B[k] - hyper.followerLearningRate() * (fB[k] + r.lambda * qB[k]);
            }
            return r;
        }

        /** x' = clamp(x + ε tanh(a x), 0, 1); no clamping happens for these images. */
        static double[][] poison(double a) {
            double[][] p = new double[2][2];
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    p[i][j] = X[i][j] + EPS * Math.tanh(a * X[i][j]);
                }
            }
            return p;
        }

        /** d/da of mean_i CE(W x'_i(a) + b, y_i). */
        static double generatorGradient(double[][] w, double[] b) {
            double d = 0;
            for (int i = 0; i < 2; i++) {
                double[] p = softmax(logits(w, b, poison(A)[i]));
                for (int j = 0; j < 2; j++) {
                    double dLossDx = 0;
                    for (int k = 0; k < 2; k++) {
                        dLossDx += (p[k] - (k == Y[i] ? 1 : 0)) * w[k][j];
                    }
                    double t = Math.tanh(A * X[i][j]);
                    d += dLossDx * EPS * (1 - t * t) * X[i][j] / 2;
                }
            }
            return d;
        }

        static void ceGradients(double[][] w, double[] b, double[][] inputs, double[][] gW, double[] gB) {
            for (int i = 0; i < 2; i++) {
                double[] p = softmax(logits(w, b, inputs[i]));
                for (int k = 0; k < 2; k++) {
                    double dz = (p[k] - (k == Y[i] ? 1 : 0)) / 2;
                    gB[k] += dz;
                    for (int j = 0; j < 2; j++) {
                        gW[k][j] += dz * inputs[i][j];
                    }
                }
            }
        }

        static double ce(double[][] w, double[] b, double[][] inputs) {
            double loss = 0;
            for (int i = 0; i < 2; i++) {
                loss -= Math.log(softmax(logits(w, b, inputs[i]))[Y[i]]) / 2;
            }
            return loss;
        }

        static double[] logits(double[][] w, double[] b, double[] x) {
            return new double[] {w[0][0] * x[0] + w[0][1] * x[1] + b[0], w[1][0] * x[0] + w[1][1] * x[1] + b[1]};
        }

        static double[] softmax(double[] z) {
            double m = Math.max(z[0], z[1]);
            double e0 = Math.exp(z[0] - m);
            double e1 = Math.exp(z[1] - m);
            return new double[] {e0 / (e0 + e1), e1 / (e0 + e1)};
        }

        static double sumSquares(double[][] m) {
            return m[0][0] * m[0][0] + m[0][1] * m[0][1] + m[1][0] * m[1][0] + m[1][1] * m[1][1];
        }

        static double[][] copy(double[][] m) {
            return new double[][] {m[0].clone(), m[1].clone()};
        }
    }
}
