package ai.gue.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.gue.model.ClassifierArch;
import ai.gue.model.Initialization;
import org.junit.jupiter.api.Test;

/** PGD of adversarial training: inside the ball and [0, 1], raises the loss, moves nothing else. */
class AdversarialTrainingTest {

    @Test
    void pgdStaysInTheBallRaisesTheLossAndLeavesTheVictimAlone() {
        Engine.getInstance().setRandomSeed(3);
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(8, 3, 32, 32);
            Block victim = ClassifierArch.FASTNET.build(10, 0.125);
            Initialization.initialize(victim, manager, shape);
            NDArray images = manager.randomUniform(0f, 1f, shape);
            NDArray labels = manager.create(new int[] {0, 1, 2, 3, 4, 5, 6, 7});
            float[] weightsBefore = victim.getParameters().get(0).getValue().getArray().toFloatArray();
            AdversarialTraining pgd = new AdversarialTraining(8 / 255.0, 5, 2 / 255.0);

            NDArray adversarial = pgd.attack(victim, manager, images, labels, 10, 11);
            float[] x = images.toFloatArray();
            float[] a = adversarial.toFloatArray();
            for (int k = 0; k < x.length; k++) {
                assertTrue(Math.abs(a[k] - x[k]) <= 8 / 255.0 + 1e-6, "within the ball at " + k);
                assertTrue(a[k] >= 0 && a[k] <= 1, "a valid image at " + k);
            }
            ParameterStore store = new ParameterStore(manager, false);
            double clean = CrossEntropy.smoothed(victim.forward(store, new NDList(images), false).singletonOrThrow(),
                    labels, 10, 0).getFloat();
            double attacked = CrossEntropy.smoothed(victim.forward(store, new NDList(adversarial), false)
                    .singletonOrThrow(), labels, 10, 0).getFloat();
            assertTrue(attacked > clean, "PGD raises the loss: " + attacked + " against " + clean);
            assertArrayEquals(weightsBefore, victim.getParameters().get(0).getValue().getArray().toFloatArray());
            NDArray gradient = victim.getParameters().get(0).getValue().getArray().getGradient();
            assertEquals(0f, gradient.abs().sum().getFloat(), "the attack leaves no gradient on the victim");
            assertArrayEquals(a, pgd.attack(victim, manager, images, labels, 10, 11).toFloatArray(), "seeded");
        }
        assertThrows(IllegalArgumentException.class, () -> new AdversarialTraining(0, 10, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new AdversarialTraining(0.03, 0, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new AdversarialTraining(0.03, 10, Double.NaN));
    }
}
