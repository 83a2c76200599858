package ai.gue.attack;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.gue.data.ImageDataset;
import ai.gue.data.ImageShape;
import ai.gue.eval.ClassifierEvaluator;
import ai.gue.model.Initialization;
import ai.gue.model.TensorShapes;
import ai.gue.train.CrossEntropy;
import ai.gue.train.HostUpload;
import ai.gue.train.InputPgd;
import ai.gue.train.SgdMomentum;
import ai.gue.train.VictimTrainingConfig;
import ai.gue.util.SeedTree;
import ai.gue.util.Shuffle;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Sample-wise error-minimising noise, "EM" (Huang, Ma, Erfani, Bailey, Wang, "Unlearnable Examples:
 * Making Personal Data Unexploitable", ICLR 2021): a bi-level min-min problem, min over θ of the
 * mean over i of min over ‖δ_i‖∞ ≤ ε of CE(h_θ(x_i + δ_i), y_i). The authors alternate:
 * {@code trainSteps} (10) SGD steps of the crafting model on the current poisoned images, then PGD
 * on every image's δ_i lowering the true label's cross-entropy (20 steps of ε/10, model in eval
 * mode), and stop once the model classifies the poisoned training set with accuracy above 99%
 * (their "universal stop error" 0.01). The noise starts uniform in [−ε, ε] and no augmentation is
 * used while crafting, as in their code.
 *
 * <p><b>Robust EM, "REM"</b> (Fu, He, Liu, Shen, Tao, "Robust Unlearnable Examples: Protecting Data
 * Against Adversarial Learning", ICLR 2022) is the same loop with an adversary inside, min over θ,
 * min over δ, max over ‖ξ‖∞ ≤ ρ_a: the crafting model trains on adversarial examples of the poisoned
 * images, and each noise step follows the gradient at an adversarial point x + δ + ξ instead of at
 * x + δ, so that the noise keeps working on a victim that trains adversarially. The authors' main
 * CIFAR-10 setting uses ρ_a = ε/2; their expectation over augmentations is not done here. Settings
 * with {@code adversarialLevels} = 0 give EM, positive ones REM.
 *
 * <p>Deviations, all in the settings: the crafting model is any gue architecture (the authors use
 * ResNet-18), the stop test runs on the quantised 8-bit images that will be stored (not on the
 * float ones), and {@code maxRounds} bounds the search, which on a CPU can otherwise take hours.
 */
public final class ErrorMinimizingNoise implements PoisonAttack {

    /**
     * @param trainSteps     SGD steps of the crafting model per round (10)
     * @param pgdSteps       PGD steps on each image's noise per round (20)
     * @param stepLevels     PGD step in grey levels (0.8, i.e. ε/10 for ε = 8/255)
     * @param learningRate   constant SGD learning rate of the crafting model (0.1)
     * @param stopAccuracy   stop once the crafting model's accuracy on the poisoned set exceeds this (0.99)
     * @param maxRounds      stop after this many rounds anyway
     * @param adversarialLevels REM's adversarial radius ρ_a in grey levels (ε/2 = 4), or 0 for EM
     * @param adversarialSteps  REM's PGD steps for ξ (step ρ_a/4 each); ignored for EM
     */
    public record Settings(int trainSteps, int pgdSteps, double stepLevels, double learningRate,
            double stopAccuracy, int maxRounds, double adversarialLevels, int adversarialSteps) {

        public Settings {
            if (trainSteps < 1 || pgdSteps < 1 || maxRounds < 1) {
                throw new IllegalArgumentException("EM needs at least one training step, PGD step and round; got "
                        + trainSteps + ", " + pgdSteps + ", " + maxRounds);
            }
            if (!(stepLevels > 0) || Double.isInfinite(stepLevels)) {
                throw new IllegalArgumentException("EM's PGD step must be a positive number of grey levels, got "
                        + stepLevels);
            }
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("EM's learning rate must be positive, got " + learningRate);
            }
            if (!(stopAccuracy > 0 && stopAccuracy <= 1)) {
                throw new IllegalArgumentException("EM's stop accuracy must be in (0, 1], got " + stopAccuracy);
            }
            if (!(adversarialLevels >= 0) || Double.isInfinite(adversarialLevels)) {
                throw new IllegalArgumentException("REM's adversarial radius must be 0 (EM) or a positive number of "
                        + "grey levels, got " + adversarialLevels);
            }
            if (adversarialLevels > 0 && adversarialSteps < 1) {
                throw new IllegalArgumentException("REM needs at least one adversarial PGD step, got "
                        + adversarialSteps);
            }
        }

        /** Whether these are REM's settings (an adversary of radius {@code adversarialLevels} inside). */
        public boolean robust() {
            return adversarialLevels > 0;
        }
    }

    private final Budget budget;
    private final VictimTrainingConfig model;
    private final Settings settings;
    private final long seed;
    private final CraftingListener listener;
    /** Host batches reach libtorch through one staging buffer; {@link #apply} runs on one thread. */
    private final HostUpload upload = new HostUpload();

    /**
     * @param budget   the L∞ radius ε
     * @param model    the crafting model: architecture, width, batch size, momentum, weight decay and
     *                 Nesterov flag are read (its schedule, epochs and augmentation are not)
     * @param settings the min-min loop
     */
    public ErrorMinimizingNoise(Budget budget, VictimTrainingConfig model, Settings settings, long seed,
            CraftingListener listener) {
        this.budget = Objects.requireNonNull(budget, "budget");
        this.model = Objects.requireNonNull(model, "model");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.seed = seed;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public String name() {
        return settings.robust() ? "rem" : "em";
    }

    @Override
    public String describe() {
        String method = settings.robust()
                ? String.format(Locale.ROOT, "robust error-minimising noise (Fu et al. 2022), adversary %s,",
                        adversary().describe())
                : "sample-wise error-minimising noise (Huang et al. 2021),";
        return String.format(Locale.ROOT,
                "%s %s, crafting model %s x%.3g, %d SGD steps (lr %.3g) then PGD %s per round, stop at %.1f%% "
                        + "poisoned accuracy or %d rounds, seed %d",
                method, budget.describe(), model.arch(), model.widthMultiplier(), settings.trainSteps(),
                settings.learningRate(), pgd().describe(), settings.stopAccuracy() * 100, settings.maxRounds(), seed);
    }

    /** REM's inner maximisation: ρ_a-ball PGD from the poisoned image, step ρ_a/4. */
    private InputPgd adversary() {
        double radius = settings.adversarialLevels() / 255;
        return new InputPgd(radius, settings.adversarialSteps(), radius / 4, InputPgd.Direction.ASCEND);
    }

    @Override
    public AttackBudget budget() {
        return AttackBudget.of(budget);
    }

    private InputPgd pgd() {
        return new InputPgd(budget.epsilon(), settings.pgdSteps(), settings.stepLevels() / 255,
                InputPgd.Direction.DESCEND);
    }

    @Override
    public PoisonedDataset apply(ImageDataset clean, String name) {
        if (clean.size() < 2) {
            throw new IllegalArgumentException("EM needs at least two images, got " + clean.size());
        }
        SeedTree seeds = new SeedTree(seed);
        ImageShape shape = clean.shape();
        int classes = clean.classCount();
        float[] poisoned = uniformStart(clean, seeds.child("noise-start").seed());
        ImageDataset stored = Quantization.storeWithinLinf(clean, name, poisoned, budget.maxPixelDelta());
        Engine.getInstance().setRandomSeed((int) seeds.child("model-init").seed());
        try (NDManager manager = NDManager.newBaseManager()) {
            Block classifier = model.arch().build(classes, model.widthMultiplier());
            Initialization.initialize(classifier, manager, TensorShapes.batch(1, shape));
            ClassifierEvaluator evaluator = new ClassifierEvaluator(model.evalBatchSize());
            BatchCursor cursor = new BatchCursor(clean.size(), Math.min(model.batchSize(), clean.size()),
                    seeds.child("order").seed());
            try (SgdMomentum optimizer = new SgdMomentum(classifier.getParameters(), manager, model.momentum(),
                    model.weightDecay(), model.nesterov())) {
                optimizer.zeroGradients();
                for (int round = 1; round <= settings.maxRounds(); round++) {
                    long started = System.nanoTime();
                    for (int s = 0; s < settings.trainSteps(); s++) {
                        trainStep(classifier, manager, optimizer, clean, poisoned, cursor.next());
                    }
                    perturbAll(classifier, manager, clean, poisoned);
                    stored = Quantization.storeWithinLinf(clean, name, poisoned, budget.maxPixelDelta());
                    double accuracy = evaluator.evaluate(classifier, stored, manager).accuracy();
                    listener.onRound(round, accuracy, (System.nanoTime() - started) / 1e9);
                    if (accuracy > settings.stopAccuracy()) {
                        break;
                    }
                }
            }
        }
        return DatasetPoisoner.measure(clean, stored);
    }

    /** x + u with u uniform in [−ε, ε] per value, clamped to [0, 1] (the authors' start). */
    private float[] uniformStart(ImageDataset clean, long startSeed) {
        SplittableRandom random = new SplittableRandom(startSeed);
        byte[] source = clean.pixels();
        float[] values = new float[source.length];
        double epsilon = budget.epsilon();
        for (int k = 0; k < source.length; k++) {
            double v = (source[k] & 0xFF) / 255.0 + random.nextDouble(-epsilon, epsilon);
            values[k] = (float) Math.max(0, Math.min(1, v));
        }
        return values;
    }

    /** One SGD step of the crafting model (training mode, plain cross-entropy) on poisoned images. */
    private void trainStep(Block classifier, NDManager manager, SgdMomentum optimizer, ImageDataset clean,
            float[] poisoned, int[] indices) {
        try (NDManager step = manager.newSubManager()) {
            NDArray images = gather(step, clean.shape(), poisoned, indices);
            NDArray labels = upload.ints(step, labelsOf(clean, indices));
            if (settings.robust()) {
                images = adversary().run(classifier, step, images, images, labels, clean.classCount());
            }
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = classifier.forward(new ParameterStore(step, false), new NDList(images), true)
                        .singletonOrThrow();
                collector.backward(CrossEntropy.smoothed(logits, labels, clean.classCount(), 0));
            }
            optimizer.step(settings.learningRate());
        }
    }

    /** PGD on every image's noise, in order, batch by batch; {@code poisoned} is updated in place. */
    private void perturbAll(Block classifier, NDManager manager, ImageDataset clean, float[] poisoned) {
        InputPgd pgd = pgd();
        int perImage = clean.shape().pixelCount();
        int batch = model.batchSize();
        for (int start = 0; start < clean.size(); start += batch) {
            int count = Math.min(batch, clean.size() - start);
            int[] indices = new int[count];
            for (int k = 0; k < count; k++) {
                indices[k] = start + k;
            }
            try (NDManager step = manager.newSubManager()) {
                NDArray anchor = upload.floats(step, PixelScale.toUnit(clean.pixels(), start * perImage,
                        count * perImage), TensorShapes.batch(count, clean.shape()));
                NDArray current = gather(step, clean.shape(), poisoned, indices);
                NDArray labels = upload.ints(step, labelsOf(clean, indices));
                NDArray moved = settings.robust()
                        ? robustSteps(classifier, step, anchor, current, labels, clean.classCount())
                        : pgd.run(classifier, step, anchor, current, labels, clean.classCount());
                float[] updated = moved.toFloatArray();
                System.arraycopy(updated, 0, poisoned, start * perImage, updated.length);
            }
            listener.onProgress("EM noise", start + count, clean.size());
        }
    }

    /**
     * REM's noise steps: each one finds an adversarial point ξ around the current poisoned images and
     * lowers the loss there, δ ← Π_ε(δ − step·sign ∇ CE(x + δ + ξ)).
     */
    private NDArray robustSteps(Block classifier, NDManager manager, NDArray anchor, NDArray current, NDArray labels,
            int classes) {
        InputPgd adversary = adversary();
        double step = settings.stepLevels() / 255;
        NDArray lower = anchor.sub(budget.epsilon()).maximum(0);
        NDArray upper = anchor.add(budget.epsilon()).minimum(1);
        ParameterStore store = new ParameterStore(manager, false);
        NDArray iterate = current;
        for (int s = 0; s < settings.pgdSteps(); s++) {
            NDArray adversarial = adversary.run(classifier, manager, iterate, iterate, labels, classes);
            NDArray sign = InputPgd.gradientSign(classifier, store, adversarial, labels, classes);
            iterate = iterate.sub(sign.mul(step)).maximum(lower).minimum(upper);
        }
        return iterate;
    }

    private NDArray gather(NDManager manager, ImageShape shape, float[] values, int[] indices) {
        int perImage = shape.pixelCount();
        float[] batch = new float[indices.length * perImage];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(values, indices[k] * perImage, batch, k * perImage, perImage);
        }
        return upload.floats(manager, batch, TensorShapes.batch(indices.length, shape));
    }

    private static int[] labelsOf(ImageDataset dataset, int[] indices) {
        int[] labels = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            labels[k] = dataset.label(indices[k]);
        }
        return labels;
    }

    /** Mini-batches of a seeded shuffle that continues across rounds, reshuffled after each pass. */
    private static final class BatchCursor {
        private final int[] order;
        private final int batchSize;
        private final SplittableRandom random;
        private int position;

        BatchCursor(int size, int batchSize, long orderSeed) {
            this.order = new int[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            this.batchSize = batchSize;
            this.random = new SplittableRandom(orderSeed);
            Shuffle.inPlace(order, random);
        }

        int[] next() {
            if (position + batchSize > order.length) {
                Shuffle.inPlace(order, random);
                position = 0;
            }
            int[] batch = java.util.Arrays.copyOfRange(order, position, position + batchSize);
            position += batchSize;
            return batch;
        }
    }
}
