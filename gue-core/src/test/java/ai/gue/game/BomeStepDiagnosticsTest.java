package ai.gue.game;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.gue.train.CrossEntropy;
import ai.gue.train.ParameterArrays;
import org.junit.jupiter.api.Test;

/** The per-step class-alignment diagnostics measure the vectors they name. */
class BomeStepDiagnosticsTest {

    @Test
    void liveSignalAlignmentIsThatOfTheLiveFollowersInputGradient() {
        Engine.getInstance().setRandomSeed(5);
        try (NDManager manager = NDManager.newBaseManager()) {
            BomeStepGradientTest.Fixture fixture = new BomeStepGradientTest.Fixture(manager);
            // Independently: ∇_x' CE(h_θ(x'), y) on the step's poisoned batch, before the step moves θ.
            double expected;
            try (NDManager pass = manager.newSubManager()) {
                ParameterStore parameters = new ParameterStore(pass, false);
                NDArray poisoned = fixture.poison.poison(parameters, fixture.images, true).stopGradient();
                poisoned.setRequiresGradient(true);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray logits = fixture.follower.forward(parameters, new NDList(poisoned), true)
                            .singletonOrThrow();
                    collector.backward(CrossEntropy.smoothed(logits, fixture.labels, 3, 0));
                }
                expected = ClassAlignment.of(poisoned.getGradient(), fixture.labels);
                new ParameterArrays(fixture.follower).clearGradients();
                new ParameterArrays(fixture.generator).clearGradients();
            }
            GameStepMetrics metrics;
            try (BomeStep step = fixture.step(manager)) {
                metrics = step.run(manager, fixture.images, fixture.labels);
            }
            assertTrue(expected > 0.1, "same-class linear-model input gradients point alike: " + expected);
            assertEquals(expected, metrics.liveSignalClassAlignment(), 1e-4);
            assertTrue(Double.isFinite(metrics.signalClassAlignment()));
        }
    }
}
