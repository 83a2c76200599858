package ai.gue.game;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

/** The authors' way and the shared way of spending compute give the same parameter updates. */
class BomeStepImplementationsTest {

    @Test
    void authorsAndSharedImplementationsUpdateIdentically() {
        float[][] shared = stepOnce(GameImplementation.SHARED);
        float[][] authors = stepOnce(GameImplementation.AUTHORS);
        for (int p = 0; p < shared.length; p++) {
            for (int i = 0; i < shared[p].length; i++) {
                assertEquals(shared[p][i], authors[p][i], 1e-5f, "trainable array " + p + " element " + i);
            }
        }
    }

    /** Generator and follower trainable parameters after one step from a fixed start. */
    private static float[][] stepOnce(GameImplementation implementation) {
        Engine.getInstance().setRandomSeed(21);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block generator = Initialization.initialize(UNetGenerator.build(3, 2), manager, BomeStepGradientTest.BATCH);
            Block follower = BomeStepGradientTest.Fixture.linear(manager);
            Block inner = BomeStepGradientTest.Fixture.linear(manager);
            NDArray images = manager.randomUniform(0.2f, 0.8f, BomeStepGradientTest.BATCH);
            NDArray labels = manager.create(new int[] {0, 1, 2, 1});
            GameHyperParameters hyper = new GameHyperParameters(PayoffKind.MAX_WRONG_CE, 1.5, 3, 0.01, 0.5, 0.05,
                    implementation);
            try (BomeStep step = new BomeStep(new GeneratorPoison(generator, Budget.linf(8)), follower, inner, hyper,
                    manager)) {
                step.run(manager, images, labels);
            }
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
}
