package ai.gue.eval;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.gue.data.DatasetSplits;
import ai.gue.data.ImageDataset;
import ai.gue.data.Subsets;
import ai.gue.data.TrainValidationSplit;
import ai.gue.train.Adam;
import ai.gue.train.CrossEntropy;
import ai.gue.util.Shuffle;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How well a poison's perturbations alone predict the labels: the perturbations {@code δ = x' − x}
 * of a stratified part of the images fit a linear softmax classifier and a nearest-class-mean
 * classifier, which are then scored on the held-out rest.
 *
 * <p>Why: availability poisons that work (EM, TAP, LSP, ...) are shortcuts, and their
 * perturbations are linearly separable by class (Yu, Zhang, Chen, Yin, Liu, "Availability Attacks
 * Create Shortcuts", KDD 2022); perturbations that carry no class information (random noise) sit at
 * chance. AR noise is the known exception: a working poison that a linear map cannot read (35% here,
 * against 37% for the clean images); {@link PerturbationNetworkProbe} catches it. A poison whose held-out separability is near chance cannot be a class shortcut, so this
 * probe answers in seconds what a victim answers in minutes, and on images the generator never saw
 * when {@code clean}/{@code poisoned} are such images. It is a diagnostic, not a proof: high
 * separability is not sufficient for a poison, and low linear separability does not rule out a
 * non-linear shortcut. A perturbation computed
 * from the image (a generator's) can inherit the image's own linear class information, so the
 * result also reports the same linear classifier on the clean images (about 40% on CIFAR-10):
 * a shortcut must clearly beat that reference; sample-wise random noise sits at chance.
 */
public final class PerturbationSeparability {

    /**
     * @param heldOutFraction stratified share of the images scored (never fitted), in (0, 1)
     * @param epochs passes of the linear classifier over the fitted images
     * @param batchSize images per Adam step
     * @param learningRate Adam learning rate
     * @param seed split, shuffle and initialisation seed
     */
    public record Config(double heldOutFraction, int epochs, int batchSize, double learningRate, long seed) {
        public Config {
            if (!(heldOutFraction > 0 && heldOutFraction < 1)) {
                throw new IllegalArgumentException("held-out fraction must be in (0, 1), got " + heldOutFraction);
            }
            if (epochs < 1 || batchSize < 1) {
                throw new IllegalArgumentException("epochs and batch size must be positive, got " + epochs + ", "
                        + batchSize);
            }
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
            }
        }

        /** A fifth held out, 20 epochs of Adam at 1e-3 in batches of 256. */
        public static Config defaults(long seed) {
            return new Config(0.2, 20, 256, 1e-3, seed);
        }
    }

    /**
     * Held-out accuracies in [0, 1] (chance is 1/classes).
     *
     * @param linearAccuracy softmax regression on the perturbation
     * @param classMeanAccuracy nearest class-mean perturbation (Euclidean)
     * @param cleanImageLinearAccuracy the same linear classifier on the clean images themselves: the
     *     reference for an image-dependent perturbation, which may be separable only because it
     *     carries the image's own (weakly linear) class information
     */
    public record Result(double linearAccuracy, double classMeanAccuracy, double cleanImageLinearAccuracy,
            int fittedImages, int heldOutImages) {}

    private final Config config;

    public PerturbationSeparability(Config config) {
        this.config = config;
    }

    /** Measures {@code poisoned} against {@code clean} (same images, same order, same labels). */
    public Result measure(ImageDataset clean, ImageDataset poisoned, NDManager manager) {
        clean.requirePairedWith(poisoned);
        TrainValidationSplit split = DatasetSplits.stratified(clean, config.heldOutFraction(), config.seed());
        int[] fitted = split.trainIndices();
        int[] heldOut = split.validationIndices();
        requireBoth(clean.size(), fitted, heldOut);
        Scores scores = score(clean, poisoned, fitted, new int[][] {heldOut}, manager);
        return scores.result(0, fitted.length);
    }

    /**
     * Whether a generator's shortcut carries to images it never saw: the classifiers are fitted on a
     * stratified part of the {@code seen} images (those the game trained on) and scored, separately,
     * on the held-out rest of them and on the {@code unseen} images. A shortcut that the generator
     * learned by heart for its own images scores high on the first and near the clean-image
     * reference on the second.
     *
     * @param seen   indices into {@code clean}/{@code poisoned} of the images the generator trained on
     * @param unseen indices of images it never saw (must not overlap {@code seen})
     */
    public SeenUnseen measureSeenUnseen(ImageDataset clean, ImageDataset poisoned, int[] seen, int[] unseen,
            NDManager manager) {
        clean.requirePairedWith(poisoned);
        requireDisjoint(clean.size(), seen, unseen);
        ImageDataset seenImages = clean.select(seen, clean.name() + "-seen");
        TrainValidationSplit split = DatasetSplits.stratified(seenImages, config.heldOutFraction(), config.seed());
        int[] fitted = Subsets.compose(seen, split.trainIndices());
        int[] heldOutSeen = Subsets.compose(seen, split.validationIndices());
        requireBoth(seen.length, fitted, heldOutSeen);
        if (unseen.length == 0) {
            throw new IllegalArgumentException("no unseen images to score");
        }
        Scores scores = score(clean, poisoned, fitted, new int[][] {heldOutSeen, unseen}, manager);
        return new SeenUnseen(scores.result(0, fitted.length), scores.result(1, fitted.length));
    }

    /**
     * {@link #measureSeenUnseen}'s answer: both results share the fitted images.
     *
     * @param seen   scored on held-out images the generator trained on
     * @param unseen scored on images it never saw
     */
    public record SeenUnseen(Result seen, Result unseen) {}

    /** Held-out accuracies per scored set, for the three classifiers. */
    private record Scores(double[] linear, double[] classMean, double[] cleanLinear, int[] sizes) {
        Result result(int set, int fittedImages) {
            return new Result(linear[set], classMean[set], cleanLinear[set], fittedImages, sizes[set]);
        }
    }

    private Scores score(ImageDataset clean, ImageDataset poisoned, int[] fitted, int[][] scored, NDManager manager) {
        float[][] perturbations = perturbations(clean, poisoned);
        double[] classMean = classMeanAccuracy(perturbations, clean, fitted, scored);
        double[] linear = linearAccuracy(perturbations, clean, fitted, scored, manager);
        double[] cleanLinear = linearAccuracy(centredPixels(clean), clean, fitted, scored, manager);
        int[] sizes = new int[scored.length];
        for (int k = 0; k < scored.length; k++) {
            sizes[k] = scored[k].length;
        }
        return new Scores(linear, classMean, cleanLinear, sizes);
    }

    private static void requireBoth(int images, int[] fitted, int[] heldOut) {
        if (fitted.length == 0 || heldOut.length == 0) {
            throw new IllegalArgumentException(images + " images are too few to fit and score a classifier");
        }
    }

    private static void requireDisjoint(int size, int[] seen, int[] unseen) {
        boolean[] isSeen = new boolean[size];
        for (int i : seen) {
            if (i < 0 || i >= size) {
                throw new IllegalArgumentException("seen index " + i + " is outside the " + size + " images");
            }
            isSeen[i] = true;
        }
        for (int i : unseen) {
            if (i < 0 || i >= size) {
                throw new IllegalArgumentException("unseen index " + i + " is outside the " + size + " images");
            }
            if (isSeen[i]) {
                throw new IllegalArgumentException("image " + i + " is both seen and unseen");
            }
        }
    }

    /** Perturbations in grey levels, divided by the largest magnitude so that features lie in [−1, 1]. */
    private static float[][] perturbations(ImageDataset clean, ImageDataset poisoned) {
        int perImage = clean.shape().pixelCount();
        byte[] a = clean.pixels();
        byte[] b = poisoned.pixels();
        int largest = Math.max(1, clean.largestDifference(poisoned));
        float[][] deltas = new float[clean.size()][perImage];
        for (int i = 0; i < clean.size(); i++) {
            for (int k = 0; k < perImage; k++) {
                int index = i * perImage + k;
                deltas[i][k] = ((b[index] & 0xFF) - (a[index] & 0xFF)) / (float) largest;
            }
        }
        return deltas;
    }

    /** Clean pixels mapped to [−1, 1]. */
    private static float[][] centredPixels(ImageDataset clean) {
        int perImage = clean.shape().pixelCount();
        byte[] pixels = clean.pixels();
        float[][] features = new float[clean.size()][perImage];
        for (int i = 0; i < clean.size(); i++) {
            for (int k = 0; k < perImage; k++) {
                features[i][k] = (pixels[i * perImage + k] & 0xFF) / 127.5f - 1;
            }
        }
        return features;
    }

    private static double[] classMeanAccuracy(float[][] deltas, ImageDataset data, int[] fitted, int[][] scored) {
        int classes = data.classCount();
        int features = deltas[0].length;
        double[][] means = new double[classes][features];
        int[] counts = new int[classes];
        for (int i : fitted) {
            int label = data.label(i);
            counts[label]++;
            for (int k = 0; k < features; k++) {
                means[label][k] += deltas[i][k];
            }
        }
        for (int c = 0; c < classes; c++) {
            for (int k = 0; k < features; k++) {
                means[c][k] /= Math.max(1, counts[c]);
            }
        }
        double[] accuracies = new double[scored.length];
        for (int set = 0; set < scored.length; set++) {
            accuracies[set] = nearestMeanAccuracy(deltas, data, means, counts, scored[set]);
        }
        return accuracies;
    }

    private static double nearestMeanAccuracy(float[][] deltas, ImageDataset data, double[][] means, int[] counts,
            int[] heldOut) {
        int classes = means.length;
        int features = deltas[0].length;
        int correct = 0;
        for (int i : heldOut) {
            int best = -1;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                if (counts[c] == 0) {
                    continue;
                }
                double distance = 0;
                for (int k = 0; k < features; k++) {
                    double d = deltas[i][k] - means[c][k];
                    distance += d * d;
                }
                if (distance < bestDistance) {
                    bestDistance = distance;
                    best = c;
                }
            }
            if (best == data.label(i)) {
                correct++;
            }
        }
        return correct / (double) heldOut.length;
    }

    /** Accuracy on each scored set of softmax regression fitted on {@code features} (one row per image). */
    private double[] linearAccuracy(float[][] deltas, ImageDataset data, int[] fitted, int[][] scored,
            NDManager parent) {
        int classes = data.classCount();
        int features = deltas[0].length;
        SplittableRandom random = new SplittableRandom(config.seed());
        try (NDManager manager = parent.newSubManager()) {
            // PyTorch's nn.Linear initialisation: U(−1/√fan_in, 1/√fan_in) for weight and bias.
            double bound = 1 / Math.sqrt(features);
            float[] initial = new float[features * classes];
            for (int k = 0; k < initial.length; k++) {
                initial[k] = (float) ((random.nextDouble() * 2 - 1) * bound);
            }
            NDArray weight = manager.create(initial, new Shape(features, classes));
            float[] initialBias = new float[classes];
            for (int k = 0; k < classes; k++) {
                initialBias[k] = (float) ((random.nextDouble() * 2 - 1) * bound);
            }
            NDArray bias = manager.create(initialBias);
            weight.setRequiresGradient(true);
            bias.setRequiresGradient(true);
            try (Adam adam = new Adam(List.of(weight, bias), manager)) {
                int[] order = fitted.clone();
                for (int epoch = 0; epoch < config.epochs(); epoch++) {
                    Shuffle.inPlace(order, random);
                    for (int start = 0; start < order.length; start += config.batchSize()) {
                        int count = Math.min(config.batchSize(), order.length - start);
                        try (NDManager step = manager.newSubManager()) {
                            NDArray x = batch(deltas, order, start, count, step);
                            NDArray y = labels(data, order, start, count, step);
                            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                                NDArray logits = x.matMul(weight).add(bias);
                                collector.backward(CrossEntropy.smoothed(logits, y, classes, 0));
                            }
                        }
                        adam.step(config.learningRate());
                    }
                }
            }
            double[] accuracies = new double[scored.length];
            for (int set = 0; set < scored.length; set++) {
                accuracies[set] = linearAccuracy(deltas, data, weight, bias, scored[set], manager);
            }
            return accuracies;
        }
    }

    private static double linearAccuracy(float[][] deltas, ImageDataset data, NDArray weight, NDArray bias,
            int[] heldOut, NDManager manager) {
        int correct = 0;
        for (int start = 0; start < heldOut.length; start += 1000) {
            int count = Math.min(1000, heldOut.length - start);
            try (NDManager step = manager.newSubManager()) {
                NDArray x = batch(deltas, heldOut, start, count, step);
                int[] predicted = x.matMul(weight).add(bias).argMax(1).toType(DataType.INT32, false).toIntArray();
                for (int k = 0; k < count; k++) {
                    if (predicted[k] == data.label(heldOut[start + k])) {
                        correct++;
                    }
                }
            }
        }
        return correct / (double) heldOut.length;
    }

    private static NDArray batch(float[][] deltas, int[] indices, int start, int count, NDManager manager) {
        int features = deltas[0].length;
        float[] flat = new float[count * features];
        for (int k = 0; k < count; k++) {
            System.arraycopy(deltas[indices[start + k]], 0, flat, k * features, features);
        }
        return manager.create(flat, new Shape(count, features));
    }

    private static NDArray labels(ImageDataset data, int[] indices, int start, int count, NDManager manager) {
        int[] labels = new int[count];
        for (int k = 0; k < count; k++) {
            labels[k] = data.label(indices[start + k]);
        }
        return manager.create(labels);
    }
}
