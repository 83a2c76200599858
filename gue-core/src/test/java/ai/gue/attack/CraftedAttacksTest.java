package ai.gue.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.gue.data.ImageDataset;
import ai.gue.data.ImageShape;
import ai.gue.eval.ClassifierEvaluator;
import ai.gue.model.ClassifierArch;
import ai.gue.train.Augmentation;
import ai.gue.train.LrSchedule;
import ai.gue.train.VictimTrainer;
import ai.gue.train.VictimTrainingConfig;
import ai.gue.train.VictimTrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * EM and TAP on tiny synthetic images: both keep their L∞ budget on the stored bytes and are
 * seeded, EM's min-min makes even randomly labelled images fit (its defining property: the noise
 * minimises the crafting model's error), and TAP's images are classified as their target class by
 * an independently trained model.
 */
class CraftedAttacksTest {

    private static final ImageShape SHAPE = new ImageShape(3, 16, 16);

    /**
     * Noisy images whose class c is 24 grey levels brighter in quadrant c (4 classes), or with random
     * labels: learnable, and a budget of 24 levels can swap which quadrant is brighter.
     */
    static ImageDataset quadrants(String name, int size, long seed, boolean randomLabels) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[size * SHAPE.pixelCount()];
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            int quadrant = i % 4;
            labels[i] = randomLabels ? random.nextInt(4) : quadrant;
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 16; y++) {
                    for (int x = 0; x < 16; x++) {
                        boolean bright = (y / 8) * 2 + x / 8 == quadrant;
                        int value = (bright ? 128 : 104) + random.nextInt(-40, 41);
                        pixels[i * SHAPE.pixelCount() + (c * 16 + y) * 16 + x] = (byte) value;
                    }
                }
            }
        }
        return new ImageDataset(name, SHAPE, pixels, labels, List.of("q0", "q1", "q2", "q3"));
    }

    static VictimTrainingConfig tinyModel(int epochs, long seed) {
        return new VictimTrainingConfig(ClassifierArch.FASTNET, 0.125, epochs, 32, 0.1, 0.9, 5e-4, true,
                LrSchedule.ONE_CYCLE, List.of(), 0.1, 0.25, 0.0, Augmentation.NONE, seed, 100);
    }

    @Test
    void emMakesRandomlyLabelledImagesFitWithinItsBudget() {
        ImageDataset clean = quadrants("random-labels", 64, 3, true);
        ErrorMinimizingNoise.Settings settings = new ErrorMinimizingNoise.Settings(5, 5, 4, 0.1, 0.99, 12, 0, 0);
        List<Double> accuracies = new ArrayList<>();
        CraftingListener record = new CraftingListener() {
            @Override
            public void onRound(int round, double poisonedAccuracy, double seconds) {
                assertEquals(accuracies.size() + 1, round);
                accuracies.add(poisonedAccuracy);
            }
        };
        Budget budget = Budget.linf(16);
        PoisonedDataset poisoned = new ErrorMinimizingNoise(budget, tinyModel(1, 0), settings, 7, record)
                .apply(clean, "em");

        double last = accuracies.get(accuracies.size() - 1);
        assertTrue(last > 0.99, "the crafting model fits the poisoned random labels: " + accuracies);
        assertTrue(accuracies.size() < settings.maxRounds(), "EM stops once it fits: " + accuracies);
        assertTrue(accuracies.get(0) < 0.9, "random labels are not fitted at first: " + accuracies);
        assertEquals(16, poisoned.maxAbsDelta(), "EM uses its budget");
        AttackBudget.of(budget).check(clean, poisoned.dataset());
        assertArrayEquals(clean.labels(), poisoned.dataset().labels());
        assertArrayEquals(poisoned.dataset().pixels(),
                new ErrorMinimizingNoise(budget, tinyModel(1, 0), settings, 7, CraftingListener.NONE)
                        .apply(clean, "again").dataset().pixels(), "same seed, same bytes");
    }

    @Test
    void remAlsoMakesRandomlyLabelledImagesFitAndNamesItself() {
        ImageDataset clean = quadrants("random-labels", 64, 3, true);
        ErrorMinimizingNoise.Settings settings = new ErrorMinimizingNoise.Settings(5, 5, 4, 0.1, 0.99, 12, 4, 2);
        List<Double> accuracies = new ArrayList<>();
        CraftingListener record = new CraftingListener() {
            @Override
            public void onRound(int round, double poisonedAccuracy, double seconds) {
                accuracies.add(poisonedAccuracy);
            }
        };
        Budget budget = Budget.linf(16);
        ErrorMinimizingNoise rem = new ErrorMinimizingNoise(budget, tinyModel(1, 0), settings, 7, record);
        assertEquals("rem", rem.name());
        assertTrue(rem.describe().contains("Fu et al. 2022"), rem.describe());
        PoisonedDataset poisoned = rem.apply(clean, "rem");
        assertTrue(accuracies.get(accuracies.size() - 1) > 0.99, "REM's noise fits the random labels: " + accuracies);
        assertTrue(accuracies.size() < settings.maxRounds(), "REM stops once it fits: " + accuracies);
        AttackBudget.of(budget).check(clean, poisoned.dataset());
    }

    @Test
    void tapImagesAreClassifiedAsTheirTargetByAnIndependentModel() {
        ImageDataset clean = quadrants("quadrants", 256, 4, false);
        Budget budget = Budget.linf(24);
        TargetedAdversarialPoison tap = new TargetedAdversarialPoison(budget, tinyModel(3, 1),
                new TargetedAdversarialPoison.Settings(10, 6, 1), CraftingListener.NONE);
        PoisonedDataset poisoned = tap.apply(clean, "tap");
        AttackBudget.of(budget).check(clean, poisoned.dataset());
        assertArrayEquals(clean.labels(), poisoned.dataset().labels(), "TAP keeps the true labels");

        int[] targets = new int[clean.size()];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = tap.target(clean.label(i), 4);
            assertEquals((clean.label(i) + 1) % 4, targets[i]);
        }
        ImageDataset asTargets = new ImageDataset("targets", SHAPE, poisoned.dataset().pixels(), targets,
                clean.classNames());
        double[] accuracies = new double[3];
        new VictimTrainer(tinyModel(3, 99)).train(clean, clean, new VictimTrainingListener() {
            @Override
            public void onTrained(Block classifier, NDManager manager) {
                ClassifierEvaluator evaluator = new ClassifierEvaluator(100);
                accuracies[0] = evaluator.evaluate(classifier, clean, manager).accuracy();
                accuracies[1] = evaluator.evaluate(classifier, poisoned.dataset(), manager).accuracy();
                accuracies[2] = evaluator.evaluate(classifier, asTargets, manager).accuracy();
            }
        });
        assertTrue(accuracies[0] > 0.9, "the independent model learnt the clean task: " + accuracies[0]);
        assertTrue(accuracies[2] > 0.5 && accuracies[2] > 2 * accuracies[1],
                "TAP images read as their target class (" + accuracies[2] + ") rather than their own ("
                        + accuracies[1] + ")");
        assertThrows(IllegalArgumentException.class, () -> new TargetedAdversarialPoison(budget, tinyModel(1, 1),
                new TargetedAdversarialPoison.Settings(1, 1, 4), CraftingListener.NONE).apply(clean, "x"),
                "a shift of C maps every class onto itself");
    }

    @Test
    void craftedKindsNeedCraftingSettings() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AttackKind.EM.create(AttackSettings.defaults(1)));
        assertTrue(e.getMessage().contains("crafting"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ErrorMinimizingNoise.Settings(0, 1, 1, 0.1, 0.99, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ErrorMinimizingNoise.Settings(1, 1, 1, 0.1, 1.5, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ErrorMinimizingNoise.Settings(1, 1, 1, 0.1, 0.9, 1, 4, 0),
                "REM needs adversarial steps");
        assertThrows(IllegalArgumentException.class, () -> new TargetedAdversarialPoison.Settings(1, 0, 1));
    }
}
