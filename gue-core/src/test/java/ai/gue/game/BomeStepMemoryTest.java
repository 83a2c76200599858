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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The inner loop frees each inner step's arrays when that step ends: the game step's manager holds
 * as many arrays after T = 4 inner steps as after T = 1. (Before this was enforced, every inner
 * step's activations lived until the end of the game step, and the full-scale authors' way ran
 * out of 24 GiB.)
 */
class BomeStepMemoryTest {

    @ParameterizedTest
    @EnumSource(GameImplementation.class)
    void innerStepsLeaveNothingInTheGameStepsManager(GameImplementation implementation) {
        assertEquals(arraysLeftAfterInnerLoop(implementation, 1), arraysLeftAfterInnerLoop(implementation, 4));
    }

    private static int arraysLeftAfterInnerLoop(GameImplementation implementation, int innerSteps) {
        Engine.getInstance().setRandomSeed(5);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block generator = Initialization.initialize(UNetGenerator.build(3, 2), manager, BomeStepGradientTest.BATCH);
            Block follower = BomeStepGradientTest.Fixture.linear(manager);
            Block inner = BomeStepGradientTest.Fixture.linear(manager);
            GameHyperParameters hyper = new GameHyperParameters(PayoffKind.MAX_WRONG_CE, 1.5, innerSteps, 0.01, 0.5,
                    0.05, implementation);
            try (BomeStep bome = new BomeStep(new GeneratorPoison(generator, Budget.linf(8)), follower, inner, hyper,
                    manager);
                    NDManager step = manager.newSubManager()) {
                NDArray images = step.randomUniform(0.2f, 0.8f, BomeStepGradientTest.BATCH);
                NDArray labels = step.create(new int[] {0, 1, 2, 1});
                bome.innerLoop(step, images, labels);
                return step.getManagedArrays().size();
            }
        }
    }
}
