package ai.gue.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.gue.data.ImageDataset;
import ai.gue.eval.ClassifierEvaluator;
import ai.gue.model.ClassifierArch;
import ai.gue.model.Initialization;
import ai.gue.model.UNetGenerator;
import ai.gue.train.Adam;
import ai.gue.train.Augmentation;
import ai.gue.train.LrSchedule;
import ai.gue.train.GradientCheckDirection;
import ai.gue.train.ParameterArrays;
import ai.gue.train.VictimTrainer;
import ai.gue.train.VictimTrainingConfig;
import ai.gue.train.VictimTrainingListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DeepConfuse: its DARTS estimate of the generator's gradient against a brute-force finite
 * difference of the pseudo-updated clean loss, the direction of its generator step, its effect on a
 * victim of a tiny learnable task, its budget on the stored bytes and its determinism, and its
 * settings' validation.
 */
class DeepConfuseTest {

    static final Shape BATCH = new Shape(4, 3, 8, 8);

    /**
     * A width-2 UNet, a linear classifier with its probe, images in [0.4, 0.6] and ε = 64/255 (no
     * clamping), α = 0.5 so that the pseudo-update moves θ visibly.
     */
    static final class Fixture {
        final Block generator;
        final Block classifier;
        final Block probe;
        final NDArray images;
        final NDArray labels;
        final GeneratorPoison poison;
        final Adam adam;
        final DeepConfuseStep step;

        Fixture(NDManager manager, double generatorLearningRate) {
            generator = Initialization.initialize(UNetGenerator.build(3, 2), manager, BATCH);
            classifier = linear(manager);
            probe = linear(manager);
            images = manager.randomUniform(0.4f, 0.6f, BATCH);
            labels = manager.create(new int[] {0, 1, 2, 1});
            poison = new GeneratorPoison(generator, Budget.linf(64));
            adam = new Adam(new ParameterArrays(generator).trainable(), manager);
            step = new DeepConfuseStep(poison, adam, classifier, probe, 3, 0.5, generatorLearningRate, 0.01);
        }

        static Block linear(NDManager manager) {
            SequentialBlock block = new SequentialBlock().add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(3).build());
            Initialization.initialize(block, manager, BATCH);
            return block;
        }
    }

    @Test
    void theFiniteDifferenceGradientMatchesABruteForceDifferenceOfThePseudoUpdatedLoss() {
        Engine.getInstance().setRandomSeed(3);
        try (NDManager manager = NDManager.newBaseManager()) {
            Fixture f = new Fixture(manager, 1e-4);
            DeepConfuseStep.ConfusionGradient confusion = f.step.confusionGradient(manager, f.images, f.labels);
            List<NDArray> gradient = confusion.generatorGradient();
            ParameterArrays generator = new ParameterArrays(f.generator);
            List<NDArray> direction = GradientCheckDirection.mixed(manager, generator, gradient, 9);
            // The estimate is of ∇_ξ(−Φ), Φ(ξ) = CE(f_θ'(ξ)(x), y): compare −⟨estimate, d⟩ with the
            // central difference of Φ itself, which needs only first-order gradients (brute force).
            double analytic = -ParameterArrays.inner(gradient, direction);
            assertTrue(Math.abs(analytic) > 1e-3, "a non-trivial gradient to compare: " + analytic);
            assertEquals(confusion.pseudoUpdatedLoss(), f.step.pseudoUpdatedLoss(manager, f.images, f.labels), 1e-6,
                    "both paths compute the same pseudo-update");
            for (double h : new double[] {1e-3, 3e-4}) {
                generator.descend(direction, -h);
                double plus = f.step.pseudoUpdatedLoss(manager, f.images, f.labels);
                generator.descend(direction, 2 * h);
                double minus = f.step.pseudoUpdatedLoss(manager, f.images, f.labels);
                generator.descend(direction, -h);
                double numeric = (plus - minus) / (2 * h);
                double relativeError = Math.abs(numeric - analytic) / Math.abs(analytic);
                assertTrue(relativeError < 2e-2, "h " + h + ": DARTS estimate " + analytic + " vs brute force "
                        + numeric + " (relative error " + relativeError + ")");
            }
        }
    }

    @Test
    void generatorStepsRaiseThePseudoUpdatedClassifiersCleanLoss() {
        Engine.getInstance().setRandomSeed(4);
        try (NDManager manager = NDManager.newBaseManager()) {
            Fixture f = new Fixture(manager, 1e-2);
            double before = f.step.pseudoUpdatedLoss(manager, f.images, f.labels);
            List<float[]> classifierBefore = values(f.classifier);
            for (int s = 0; s < 5; s++) {
                f.step.generatorStep(manager, f.images, f.labels);
            }
            double after = f.step.pseudoUpdatedLoss(manager, f.images, f.labels);
            assertTrue(after > before + 1e-3, "the generator confuses the pseudo-updated classifier: " + before
                    + " -> " + after);
            List<float[]> classifierAfter = values(f.classifier);
            for (int i = 0; i < classifierBefore.size(); i++) {
                assertArrayEquals(classifierBefore.get(i), classifierAfter.get(i), "generator steps leave θ alone");
            }
            double loss = f.step.classifierStep(manager, f.images, f.labels);
            assertTrue(Double.isFinite(loss));
            assertTrue(differs(classifierBefore, values(f.classifier)), "the classifier step moves θ");
        }
    }

    @Test
    void itKeepsItsBudgetOnTheStoredBytesAndTheSameSeedGivesTheSameBytes() {
        ImageDataset clean = CraftedAttacksTest.quadrants("quadrants", 48, 5, false);
        DeepConfuse.Settings settings = new DeepConfuse.Settings(2, 0.5, 2, 1, 0.05, 1e-3, 0.01);
        Budget budget = Budget.linf(8);
        List<Double> losses = new ArrayList<>();
        DeepConfuse attack = new DeepConfuse(budget, classifier(8), settings, 11,
                CraftingListener.NONE, (round, step, metrics) -> losses.add(metrics.pseudoUpdatedLoss()));
        assertEquals("deepconfuse", attack.name());
        assertTrue(attack.describe().contains("Feng et al. 2019"), attack.describe());
        PoisonedDataset poisoned = attack.apply(clean, "deepconfuse");
        assertEquals(2 * 3, losses.size(), "2 rounds of 1 epoch of 3 batches of 8 over half of 48 images");
        AttackBudget.of(budget).check(clean, poisoned.dataset());
        assertTrue(poisoned.maxAbsDelta() <= 8 && poisoned.maxAbsDelta() > 0, "within 8 levels and not nothing: "
                + poisoned.maxAbsDelta());
        assertArrayEquals(clean.labels(), poisoned.dataset().labels());
        assertEquals(clean.size(), poisoned.dataset().size(), "every image is poisoned, not only the share");
        byte[] again = new DeepConfuse(budget, classifier(8), settings, 11,
                CraftingListener.NONE).apply(clean, "again").dataset().pixels();
        assertArrayEquals(poisoned.dataset().pixels(), again, "same seed, same bytes");
    }

    /**
     * What DeepConfuse claims, on a tiny learnable task (4 classes told apart by which quadrant is 24
     * levels brighter, pixel noise ±40): victims trained on its poison (budget 24 levels, enough to
     * swap the bright quadrant) fail on clean held-out images, while victims trained on the clean
     * images or on ±24 random noise learn the task. At this scale the generator needs a 100× larger
     * Adam rate than the authors' 1e-4 (1e-2) and α = 0.1, over 10 rounds of 2 epochs.
     *
     * <p>Per seed the outcome is all or nothing and chaotic: the same seed gives a different victim
     * on another CPU or thread count (CI once saw 100% for seed 2, which gives 27-65% here). Measured
     * DeepConfuse victims for seeds 1-6 (clean and noise victims: 100% every time):
     * 2 threads, AVX2 machine (session 6): 36, 56, 27, 0, 0, 35% (mean 26%);
     * 1 thread, AVX-512 machine: 74, 63, 79, 0, 1, 9% (mean 38%);
     * 1 thread, AVX-512 machine with libtorch and oneDNN held to scalar/SSE4.1 kernels
     * ({@code ATEN_CPU_CAPABILITY=default DNNL_MAX_CPU_ISA=SSE41}): 74, 65, 58, 0, 0, 31% (mean 38%).
     * So the test asserts the mean over six seeds, 30 points below the clean victims' mean: about
     * 30 points of margin where a single seed has none.
     */
    @Test
    void victimsTrainedOnTheDeepConfusePoisonFailOnCleanImagesWhereCleanAndNoiseTrainedOnesDoNot() {
        Budget budget = Budget.linf(24);
        DeepConfuse.Settings settings = new DeepConfuse.Settings(4, 1.0, 10, 2, 0.1, 1e-2, 0.01);
        List<String> outcomes = new ArrayList<>();
        double cleanSum = 0;
        double confusedSum = 0;
        int seeds = 6;
        for (long seed = 1; seed <= seeds; seed++) {
            ImageDataset train = CraftedAttacksTest.quadrants("train", 256, 10 + seed, false);
            ImageDataset heldOut = CraftedAttacksTest.quadrants("held-out", 256, 20 + seed, false);
            PoisonedDataset poisoned = new DeepConfuse(budget, classifier(32), settings, seed, CraftingListener.NONE)
                    .apply(train, "deepconfuse");
            double clean = victimAccuracy(train, heldOut, seed);
            double noise = victimAccuracy(new RandomNoisePoison(budget, NoiseDistribution.SIGN, seed)
                    .apply(train, "noise").dataset(), heldOut, seed);
            double confused = victimAccuracy(poisoned.dataset(), heldOut, seed);
            outcomes.add("seed " + seed + ": clean " + clean + ", noise " + noise + ", DeepConfuse " + confused);
            assertTrue(clean > 0.95 && noise > 0.95, "the task is learnt from clean and noisy images: " + outcomes);
            cleanSum += Math.min(clean, noise);
            confusedSum += confused;
        }
        assertTrue(confusedSum / seeds < cleanSum / seeds - 0.3, "DeepConfuse's poison is not: " + outcomes);
    }

    /** Clean accuracy on {@code test} of a 1/8-width ResNet-9 trained 8 epochs on {@code train}. */
    static double victimAccuracy(ImageDataset train, ImageDataset test, long seed) {
        double[] accuracy = new double[1];
        new VictimTrainer(CraftedAttacksTest.tinyModel(8, 100 + seed)).train(train, test, new VictimTrainingListener() {
            @Override
            public void onTrained(Block network, NDManager manager) {
                accuracy[0] = new ClassifierEvaluator(100).evaluate(network, test, manager).accuracy();
            }
        });
        return accuracy[0];
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new DeepConfuse.Settings(0, 1, 1, 1, 0.01, 1e-4, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new DeepConfuse.Settings(16, 0, 1, 1, 0.01, 1e-4, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new DeepConfuse.Settings(16, 1.5, 1, 1, 0.01, 1e-4, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new DeepConfuse.Settings(16, 1, 0, 1, 0.01, 1e-4, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new DeepConfuse.Settings(16, 1, 1, 0, 0.01, 1e-4, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new DeepConfuse.Settings(16, 1, 1, 1, -0.01, 1e-4, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new DeepConfuse.Settings(16, 1, 1, 1, 0.01, 0, 0.01));
        IllegalArgumentException radius = assertThrows(IllegalArgumentException.class,
                () -> new DeepConfuse.Settings(16, 1, 1, 1, 0.01, 1e-4, Double.NaN));
        assertTrue(radius.getMessage().contains("finite-difference radius"), radius.getMessage());
        IllegalArgumentException crafting = assertThrows(IllegalArgumentException.class,
                () -> AttackKind.DEEPCONFUSE.create(AttackSettings.defaults(1)));
        assertTrue(crafting.getMessage().contains("crafting"), crafting.getMessage());
        assertEquals(AttackKind.DEEPCONFUSE, AttackKind.parse("deepconfuse"));
        assertTrue(AttackKind.DEEPCONFUSE.crafted());
    }

    /** A 1/8-width ResNet-9 in batches of {@code batchSize} (only architecture, width and batch sizes are read). */
    static VictimTrainingConfig classifier(int batchSize) {
        return new VictimTrainingConfig(ClassifierArch.FASTNET, 0.125, 1, batchSize, 0.1, 0.9, 5e-4, true,
                LrSchedule.ONE_CYCLE, List.of(), 0.1, 0.25, 0.0, Augmentation.NONE, 0, 100);
    }

    private static List<float[]> values(Block block) {
        List<float[]> out = new ArrayList<>();
        for (var p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                out.add(p.getValue().getArray().toFloatArray());
            }
        }
        return out;
    }

    private static boolean differs(List<float[]> a, List<float[]> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!java.util.Arrays.equals(a.get(i), b.get(i))) {
                return true;
            }
        }
        return false;
    }
}
