package ai.gue.game;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.gue.attack.Budget;
import ai.gue.attack.GeneratorPoison;
import ai.gue.model.Initialization;
import ai.gue.model.UNetGenerator;
import ai.gue.train.ParameterArrays;
import org.junit.jupiter.api.Test;

/** BOME steps in the adversarial (TRADES) setting on a width-2 UNet and a linear follower. */
class AdversarialBomeStepTest {

    static GameHyperParameters adversarial(GameImplementation implementation) {
        return new GameHyperParameters(PayoffKind.MAX_WRONG_CE, 1.5, 2, 0.01, 0.5, 0.05, implementation,
                GameSetting.ADVERSARIAL, 1.0, 4 / 255.0, 3, 0.9, 5e-4, GeneratorOptimizerKind.SGD);
    }

    @Test
    void anAdversarialStepRunsMovesBothPlayersAndIsDeterministic() {
        Outcome first = twoSteps(GameImplementation.SHARED, 42);
        Outcome again = twoSteps(GameImplementation.SHARED, 42);
        for (GameStepMetrics m : first.metrics) {
            assertTrue(Double.isFinite(m.leaderPayoff()) && Double.isFinite(m.followerLoss())
                    && Double.isFinite(m.innerFollowerLoss()) && Double.isFinite(m.barrierMultiplier()), m.toString());
            assertTrue(m.barrierMultiplier() >= 0);
            assertTrue(m.generatorGradientNorm() > 0, "∇_a q reaches the generator: " + m);
            assertEquals(m.followerLoss() - m.innerFollowerLoss(), m.valueGap(), 1e-9);
        }
        boolean generatorMoved = false;
        for (int p = 0; p < first.parameters.length; p++) {
            assertArrayEquals(first.parameters[p], again.parameters[p], "same seed, same array " + p);
            if (p < first.generatorArrays && !java.util.Arrays.equals(first.parameters[p], first.initial[p])) {
                generatorMoved = true;
            }
        }
        assertTrue(generatorMoved, "the generator moved");
        assertFalse(java.util.Arrays.equals(first.parameters[first.parameters.length - 1],
                first.initial[first.parameters.length - 1]), "the follower moved");
        // The TRADES loss includes CE plus a non-negative KL: at least the CE of the same follower.
        Outcome standard = twoStepsStandard(42);
        assertTrue(first.metrics[0].followerLoss() >= standard.metrics[0].followerLoss() - 1e-6,
                "TRADES g(a, θ) " + first.metrics[0].followerLoss() + " ≥ CE " + standard.metrics[0].followerLoss());
    }

    @Test
    void authorsAndSharedImplementationsAgreeInTheAdversarialSetting() {
        Outcome shared = twoSteps(GameImplementation.SHARED, 5);
        Outcome authors = twoSteps(GameImplementation.AUTHORS, 5);
        for (int p = 0; p < shared.parameters.length; p++) {
            for (int i = 0; i < shared.parameters[p].length; i++) {
                assertEquals(shared.parameters[p][i], authors.parameters[p][i], 1e-5f, "array " + p + " element " + i);
            }
        }
    }

    record Outcome(GameStepMetrics[] metrics, float[][] initial, float[][] parameters, int generatorArrays) {}

    static Outcome twoSteps(GameImplementation implementation, long seed) {
        return twoSteps(adversarial(implementation), seed);
    }

    static Outcome twoStepsStandard(long seed) {
        return twoSteps(new GameHyperParameters(PayoffKind.MAX_WRONG_CE, 1.5, 2, 0.01, 0.5, 0.05,
                GameImplementation.SHARED), seed);
    }

    /** Two steps from a fixed start (engine seed 21), PGD seeds from {@code seed}. */
    static Outcome twoSteps(GameHyperParameters hyper, long seed) {
        Engine.getInstance().setRandomSeed(21);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block generator = Initialization.initialize(UNetGenerator.build(3, 2), manager, BomeStepGradientTest.BATCH);
            Block follower = BomeStepGradientTest.Fixture.linear(manager);
            Block inner = BomeStepGradientTest.Fixture.linear(manager);
            NDArray images = manager.randomUniform(0.0f, 1.0f, BomeStepGradientTest.BATCH);
            NDArray labels = manager.create(new int[] {0, 1, 2, 1});
            float[][] initial = values(generator, follower);
            GameStepMetrics[] metrics = new GameStepMetrics[2];
            try (BomeStep step = new BomeStep(new GeneratorPoison(generator, Budget.linf(8)), follower, inner, hyper,
                    manager)) {
                metrics[0] = step.run(manager, images, labels, seed, 1.0);
                metrics[1] = step.run(manager, images, labels, seed + 1, 1.0);
            }
            return new Outcome(metrics, initial, values(generator, follower),
                    new ParameterArrays(generator).trainable().size());
        }
    }

    static float[][] values(Block generator, Block follower) {
        ParameterArrays g = new ParameterArrays(generator);
        ParameterArrays f = new ParameterArrays(follower);
        float[][] out = new float[g.trainable().size() + f.trainable().size()][];
        int k = 0;
        for (NDArray a : g.trainable()) {
            out[k++] = a.toFloatArray();
        }
        for (NDArray a : f.trainable()) {
            out[k++] = a.toFloatArray();
        }
        return out;
    }
}
