package ai.gue.game;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.gue.attack.Budget;
import ai.gue.attack.GeneratorPoison;
import ai.gue.train.ParameterArrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generator's SGD with momentum and weight decay on λ·∇_a q (the adversarial setting), and the
 * learning-rate scale, against hand computations; the standard setting's plain step is unchanged.
 */
class GeneratorUpdateHandComputationTest {

    @Test
    void momentumAndWeightDecayFollowTorchSgd() {
        double lr = 0.1;
        double momentum = 0.9;
        double decay = 5e-4;
        double[] w = {0.5, -0.4, -0.2, 0.3, 0.1, -0.1};
        double[][] gradients = {{0.3, -0.2, 0.1, 0.05, -0.4, 0.2}, {-0.1, 0.2, 0.3, -0.05, 0.1, 0.0},
            {0.2, 0.2, -0.3, 0.1, 0.0, -0.2}};
        double[] lambdas = {0.7, 1.3, 0.0};
        double[] rates = {lr, lr, lr * 0.1};
        // Hand: d = λ g + wd w; buf = m buf + d (buf = d at first); w −= lr buf.
        double[] buffer = new double[w.length];
        double[] expected = w.clone();
        for (int s = 0; s < gradients.length; s++) {
            for (int i = 0; i < w.length; i++) {
                double d = lambdas[s] * gradients[s][i] + decay * expected[i];
                buffer[i] = s == 0 ? d : momentum * buffer[i] + d;
                expected[i] -= rates[s] * buffer[i];
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = linear(manager, w);
            ParameterArrays arrays = new ParameterArrays(block);
            try (GeneratorSgd sgd = new GeneratorSgd(arrays, manager, momentum, decay)) {
                for (int s = 0; s < gradients.length; s++) {
                    sgd.step(gradientArrays(manager, gradients[s]), lambdas[s], rates[s]);
                }
                assertLinearEquals(expected, arrays);
                // The buffers round-trip (what the checkpoint stores) and are the hand's buffers.
                NDList saved = sgd.state(manager);
                float[] savedWeightBuffer = saved.get(0).toFloatArray();
                for (int i = 0; i < 4; i++) {
                    assertEquals(buffer[i], savedWeightBuffer[i], 1e-6, "momentum buffer " + i);
                }
                try (GeneratorSgd other = new GeneratorSgd(arrays, manager, momentum, decay)) {
                    other.loadState(saved);
                    assertArrayEquals(savedWeightBuffer, other.state(manager).get(0).toFloatArray());
                }
            }
        }
    }

    /** Adam on d = λ·∇_a q + wd·a, as torch.optim.Adam(weight_decay=wd), with its state round trip. */
    @Test
    void adamFollowsTorchAdamOnTheScaledGradient() {
        double decay = 0.01;
        double[] w = {0.5, -0.4, -0.2, 0.3, 0.1, -0.1};
        double[][] gradients = {{0.3, -0.2, 0.1, 0.05, -0.4, 0.2}, {-0.1, 0.2, 0.3, -0.05, 0.1, 0.0},
            {0.2, 0.2, -0.3, 0.1, 0.0, -0.2}};
        double[] lambdas = {0.7, 1.3, 0.0};
        double[] rates = {1e-2, 1e-2, 1e-3};
        double[] m = new double[w.length];
        double[] v = new double[w.length];
        double[] expected = w.clone();
        for (int s = 0; s < gradients.length; s++) {
            int t = s + 1;
            for (int i = 0; i < w.length; i++) {
                double d = lambdas[s] * gradients[s][i] + decay * expected[i];
                m[i] = 0.9 * m[i] + 0.1 * d;
                v[i] = 0.999 * v[i] + 0.001 * d * d;
                double mHat = m[i] / (1 - Math.pow(0.9, t));
                double vHat = v[i] / (1 - Math.pow(0.999, t));
                expected[i] -= rates[s] * mHat / (Math.sqrt(vHat) + 1e-8);
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            ParameterArrays arrays = new ParameterArrays(linear(manager, w));
            try (GeneratorAdam adam = new GeneratorAdam(arrays, manager, decay)) {
                for (int s = 0; s < 2; s++) {
                    adam.step(gradientArrays(manager, gradients[s]), lambdas[s], rates[s]);
                }
                // Resume the third step in a fresh optimiser from the saved state: same result.
                NDList saved = adam.state(manager);
                try (GeneratorAdam resumed = new GeneratorAdam(arrays, manager, decay)) {
                    resumed.loadState(saved);
                    resumed.step(gradientArrays(manager, gradients[2]), lambdas[2], rates[2]);
                }
            }
            assertLinearEquals(expected, arrays);
            // A state of another layout is refused.
            try (GeneratorAdam fresh = new GeneratorAdam(arrays, manager, decay)) {
                IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                        () -> fresh.loadState(new NDList(manager.zeros(new Shape(3)))));
                assertTrue(wrong.getMessage().contains("Adam state"), wrong.getMessage());
            }
        }
    }

    @Test
    void withoutMomentumAndDecayTheStepIsThePlainOneBitForBit() {
        double[] w = {0.5, -0.4, -0.2, 0.3, 0.1, -0.1};
        double[] g = {0.3, -0.2, 0.1, 0.05, -0.4, 0.2};
        try (NDManager manager = NDManager.newBaseManager()) {
            ParameterArrays viaOptimizer = new ParameterArrays(linear(manager, w));
            ParameterArrays plain = new ParameterArrays(linear(manager, w));
            try (GeneratorSgd sgd = new GeneratorSgd(viaOptimizer, manager, 0, 0)) {
                sgd.step(gradientArrays(manager, g), 0.37, 0.1);
            }
            plain.descend(gradientArrays(manager, g), 0.1 * 0.37);
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(plain.trainable().get(i).toFloatArray(), viaOptimizer.trainable().get(i).toFloatArray());
            }
        }
    }

    /** One BOME step of the hand-computation model with generator weight decay: a ← a − lr·(λ ∂_a q + wd·a). */
    @Test
    void aBomeStepWithWeightDecayMatchesTheHandComputation() {
        GameHyperParameters plain = new GameHyperParameters(PayoffKind.MAX_WRONG_CE, 1.5, 2, 0.05, 0.1, 0.01,
                GameImplementation.SHARED);
        BomeStepHandComputationTest.Reference expected = BomeStepHandComputationTest.Reference.step(plain);
        double lambdaGradient = (BomeStepHandComputationTest.A - expected.newA) / plain.generatorLearningRate();
        double decay = 0.05; // large enough to see in float32
        GameHyperParameters withDecay = new GameHyperParameters(PayoffKind.MAX_WRONG_CE, 1.5, 2, 0.05, 0.1, 0.01,
                GameImplementation.SHARED, GameSetting.STANDARD, 1, 4 / 255.0, 10, 0.9, decay, GeneratorOptimizerKind.SGD);
        double[] a = runHandModel(withDecay, 2, 1.0);
        double newA = BomeStepHandComputationTest.A
                - plain.generatorLearningRate() * (lambdaGradient + decay * BomeStepHandComputationTest.A);
        assertEquals(newA, a[0], 1e-6, "a after one step with weight decay");
    }

    /**
     * Momentum without weight decay: the first step equals the plain one, so after two steps the
     * momentum run differs from the plain run by exactly −lr·m·(λ_1 ∂_a q_1) = m·(a_1 − a_0).
     */
    @Test
    void momentumCarriesTheFirstStepIntoTheSecond() {
        GameHyperParameters plain = new GameHyperParameters(PayoffKind.MAX_WRONG_CE, 1.5, 2, 0.05, 0.1, 0.01,
                GameImplementation.SHARED);
        GameHyperParameters withMomentum = new GameHyperParameters(PayoffKind.MAX_WRONG_CE, 1.5, 2, 0.05, 0.1, 0.01,
                GameImplementation.SHARED, GameSetting.STANDARD, 1, 4 / 255.0, 10, 0.9, 0, GeneratorOptimizerKind.SGD);
        double[] plainA = runHandModel(plain, 2, 1.0);
        double[] momentumA = runHandModel(withMomentum, 2, 1.0);
        double firstStep = BomeStepHandComputationTest.Reference.step(plain).newA - BomeStepHandComputationTest.A;
        assertEquals(plainA[0], momentumA[0], 1e-7, "the first step is the plain one");
        assertEquals(plainA[1] + 0.9 * firstStep, momentumA[1], 1e-6, "the second step adds m·(first step)");
    }

    /** A learning-rate scale of 0.1 (a milestone) is the hand computation with both rates ×0.1. */
    @Test
    void theLearningRateScaleLowersBothPlayersRates() {
        GameHyperParameters hyper = new GameHyperParameters(PayoffKind.MAX_WRONG_CE, 1.5, 2, 0.05, 0.1, 0.01,
                GameImplementation.SHARED);
        GameHyperParameters lowered = new GameHyperParameters(PayoffKind.MAX_WRONG_CE, 1.5, 2, 0.05, 0.01, 0.001,
                GameImplementation.SHARED);
        BomeStepHandComputationTest.Reference expected = BomeStepHandComputationTest.Reference.step(lowered);
        try (NDManager manager = NDManager.newBaseManager()) {
            HandModel model = new HandModel(manager);
            try (BomeStep step = model.step(hyper, manager)) {
                step.run(manager, model.images, model.labels, 0, 0.1);
            }
            assertEquals(expected.newA, model.a(), 1e-6, "a");
            float[] w = model.follower.getParameters().valueAt(0).getArray().toFloatArray();
            for (int k = 0; k < 2; k++) {
                for (int j = 0; j < 2; j++) {
                    assertEquals(expected.newW[k][j], w[k * 2 + j], 1e-6, "W[" + k + "][" + j + "]");
                }
            }
        }
    }

    /** a after each of {@code steps} BOME steps on the hand-computation model. */
    static double[] runHandModel(GameHyperParameters hyper, int steps, double scale) {
        double[] out = new double[steps];
        try (NDManager manager = NDManager.newBaseManager()) {
            HandModel model = new HandModel(manager);
            try (BomeStep step = model.step(hyper, manager)) {
                for (int s = 0; s < steps; s++) {
                    step.run(manager, model.images, model.labels, s, scale);
                    out[s] = model.a();
                }
            }
        }
        return out;
    }

    /** The model of {@link BomeStepHandComputationTest}. */
    static final class HandModel {
        final ScaleTanhGenerator generator;
        final Block follower;
        final Block inner;
        final NDArray images;
        final NDArray labels;

        HandModel(NDManager manager) {
            generator = new ScaleTanhGenerator((float) BomeStepHandComputationTest.A);
            generator.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 1, 2));
            follower = follower(manager);
            inner = follower(manager);
            images = manager.create(new float[] {0.3f, 0.7f, 0.6f, 0.2f}, new Shape(2, 1, 1, 2));
            labels = manager.create(BomeStepHandComputationTest.Y);
        }

        BomeStep step(GameHyperParameters hyper, NDManager manager) {
            return new BomeStep(new GeneratorPoison(generator, Budget.linf(8)), follower, inner, hyper, manager);
        }

        double a() {
            return generator.getParameters().get("scale").getArray().getFloat(0);
        }

        private static Block follower(NDManager manager) {
            SequentialBlock block = new SequentialBlock().add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(2).build());
            block.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 1, 2));
            block.getParameters().valueAt(0).getArray().set(new float[] {0.5f, -0.4f, -0.2f, 0.3f});
            block.getParameters().valueAt(1).getArray().set(new float[] {0.1f, -0.1f});
            return block;
        }
    }

    /** The 2×2 weight then the 2 biases of a {@link #linear} block against {@code expected}, to 1e-6. */
    private static void assertLinearEquals(double[] expected, ParameterArrays arrays) {
        float[] weight = arrays.trainable().get(0).toFloatArray();
        float[] bias = arrays.trainable().get(1).toFloatArray();
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], weight[i], 1e-6, "weight " + i);
        }
        for (int i = 0; i < 2; i++) {
            assertEquals(expected[4 + i], bias[i], 1e-6, "bias " + i);
        }
    }

    private static Block linear(NDManager manager, double[] values) {
        SequentialBlock block = new SequentialBlock().add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(2).build());
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
        block.getParameters().valueAt(0).getArray().set(new float[] {(float) values[0], (float) values[1],
            (float) values[2], (float) values[3]});
        block.getParameters().valueAt(1).getArray().set(new float[] {(float) values[4], (float) values[5]});
        return block;
    }

    private static List<NDArray> gradientArrays(NDManager manager, double[] g) {
        return List.of(manager.create(new float[] {(float) g[0], (float) g[1], (float) g[2], (float) g[3]},
                new Shape(2, 2)), manager.create(new float[] {(float) g[4], (float) g[5]}));
    }
}
