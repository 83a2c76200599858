package ai.gue.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.gue.data.ImageDataset;
import ai.gue.data.ImageShape;
import ai.gue.model.TensorShapes;
import ai.gue.train.EpochMetrics;
import ai.gue.train.HostUpload;
import ai.gue.train.InputPgd;
import ai.gue.train.VictimTrainer;
import ai.gue.train.VictimTrainingConfig;
import ai.gue.train.VictimTrainingListener;
import java.util.Locale;
import java.util.Objects;

/**
 * Targeted adversarial poisoning, "TAP" (Fowl, Goldblum, Chiang, Geiping, Czaja, Goldstein,
 * "Adversarial Examples Make Strong Poisons", NeurIPS 2021): train a crafting model on the clean
 * data, then replace every training image by a targeted adversarial example of it, within L∞ ε,
 * toward a fixed permutation of the classes, y → (y + {@code targetShift}) mod C. A victim trained
 * on these images learns the features of the target classes, which is why grayscale does not undo
 * TAP while it undoes the error-minimising poisons (Image Shortcut Squeezing, ICML 2023).
 *
 * <p>The authors craft with 250 iterations of signed Adam in their poisoning framework, with
 * differentiable augmentation; gue uses plain signed-gradient PGD from the clean image, no
 * augmentation, and the number of steps and the step as settings.
 */
public final class TargetedAdversarialPoison implements PoisonAttack {

    /** Images the crafting model is evaluated on after each epoch (training images: a fit monitor). */
    static final int MONITOR_IMAGES = 2_000;

    /**
     * @param pgdSteps    PGD steps per image
     * @param stepLevels  PGD step in grey levels
     * @param targetShift the class permutation y → (y + shift) mod C; 1 ≤ shift < C
     */
    public record Settings(int pgdSteps, double stepLevels, int targetShift) {

        public Settings {
            if (pgdSteps < 1) {
                throw new IllegalArgumentException("TAP needs at least one PGD step, got " + pgdSteps);
            }
            if (!(stepLevels > 0) || Double.isInfinite(stepLevels)) {
                throw new IllegalArgumentException("TAP's PGD step must be a positive number of grey levels, got "
                        + stepLevels);
            }
            if (targetShift < 1) {
                throw new IllegalArgumentException("TAP's target shift must be at least 1, got " + targetShift);
            }
        }
    }

    private final Budget budget;
    private final VictimTrainingConfig model;
    private final Settings settings;
    private final CraftingListener listener;

    /**
     * @param model the crafting model's whole training recipe (trained on the clean images; its
     *              seed is the attack's seed: {@link AttackKind#create} puts the attack seed there)
     */
    public TargetedAdversarialPoison(Budget budget, VictimTrainingConfig model, Settings settings,
            CraftingListener listener) {
        this.budget = Objects.requireNonNull(budget, "budget");
        this.model = Objects.requireNonNull(model, "model");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public String name() {
        return "tap";
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT,
                "targeted adversarial poisoning (Fowl et al. 2021), %s, crafting model %s x%.3g trained %d epochs "
                        + "on the clean images, PGD %s toward class y+%d",
                budget.describe(), model.arch(), model.widthMultiplier(), model.epochs(), pgd().describe(),
                settings.targetShift());
    }

    @Override
    public AttackBudget budget() {
        return AttackBudget.of(budget);
    }

    private InputPgd pgd() {
        return new InputPgd(budget.epsilon(), settings.pgdSteps(), settings.stepLevels() / 255,
                InputPgd.Direction.DESCEND);
    }

    /** The target class of an image of class {@code label} among {@code classes}. */
    int target(int label, int classes) {
        return (label + settings.targetShift()) % classes;
    }

    @Override
    public PoisonedDataset apply(ImageDataset clean, String name) {
        int classes = clean.classCount();
        if (settings.targetShift() % classes == 0) {
            throw new IllegalArgumentException("TAP's target shift " + settings.targetShift() + " maps every class of "
                    + classes + " onto itself");
        }
        int monitorSize = Math.min(MONITOR_IMAGES, clean.size());
        int[] firstImages = java.util.stream.IntStream.range(0, monitorSize).toArray();
        ImageDataset monitor = clean.select(firstImages, clean.name() + "-first" + monitorSize);
        float[] poisoned = new float[clean.pixels().length];
        new VictimTrainer(model).train(clean, monitor, new VictimTrainingListener() {
            @Override
            public void onEpoch(EpochMetrics metrics) {
                listener.onProgress("TAP crafting model (epochs)", metrics.epoch(), model.epochs());
            }

            @Override
            public void onTrained(Block classifier, NDManager manager) {
                craft(classifier, manager, clean, poisoned);
            }
        });
        return DatasetPoisoner.measure(clean,
                Quantization.storeWithinLinf(clean, name, poisoned, budget.maxPixelDelta()));
    }

    private void craft(Block classifier, NDManager manager, ImageDataset clean, float[] poisoned) {
        InputPgd pgd = pgd();
        ImageShape shape = clean.shape();
        int perImage = shape.pixelCount();
        int classes = clean.classCount();
        int batch = model.evalBatchSize();
        HostUpload upload = new HostUpload();
        for (int start = 0; start < clean.size(); start += batch) {
            int count = Math.min(batch, clean.size() - start);
            int[] targets = new int[count];
            for (int k = 0; k < count; k++) {
                targets[k] = target(clean.label(start + k), classes);
            }
            try (NDManager step = manager.newSubManager()) {
                NDArray images = upload.floats(step, PixelScale.toUnit(clean.pixels(), start * perImage,
                        count * perImage), TensorShapes.batch(count, shape));
                float[] adversarial = pgd.run(classifier, step, images, images, upload.ints(step, targets), classes)
                        .toFloatArray();
                System.arraycopy(adversarial, 0, poisoned, start * perImage, adversarial.length);
            }
            listener.onProgress("TAP PGD (images)", start + count, clean.size());
        }
    }
}
