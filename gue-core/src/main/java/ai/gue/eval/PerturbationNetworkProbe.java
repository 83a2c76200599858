package ai.gue.eval;

import ai.gue.data.DatasetSplits;
import ai.gue.data.ImageDataset;
import ai.gue.data.TrainValidationSplit;
import ai.gue.model.ClassifierArch;
import ai.gue.train.Augmentation;
import ai.gue.train.LrSchedule;
import ai.gue.train.VictimResult;
import ai.gue.train.VictimTrainer;
import ai.gue.train.VictimTrainingConfig;
import ai.gue.train.VictimTrainingListener;
import java.util.List;

/**
 * The non-linear half of the shortcut probe: a small convolutional network trained on the
 * perturbations {@code δ = x' − x} alone (shown as images, {@code 128 + δ·127/max|δ|}) and scored on
 * held-out ones. {@link PerturbationSeparability}'s linear classifier misses shortcuts that are not
 * linear in the pixels: AR noise (Sandoval-Segura et al. 2022) is detected by a 3×3 filter but not by
 * a linear map, and measured 35% linear separability on CIFAR-10, near the clean images' own 37%.
 * The network here (quarter-width ResNet-9, the CPU victim's, without augmentation) sees such
 * structure; as with the linear probe, an image-dependent perturbation must be compared with the
 * same network on the clean images, which this probe does not train (a CPU victim's few epochs on
 * 8,000 clean CIFAR-10 images reach about 50%).
 */
public final class PerturbationNetworkProbe {

    /**
     * @param heldOutFraction stratified share of the images scored, in (0, 1)
     * @param epochs          passes over the fitted perturbations
     * @param seed            split and network seed
     */
    public record Config(double heldOutFraction, int epochs, long seed) {
        public Config {
            if (!(heldOutFraction > 0 && heldOutFraction < 1)) {
                throw new IllegalArgumentException("held-out fraction must be in (0, 1), got " + heldOutFraction);
            }
            if (epochs < 1) {
                throw new IllegalArgumentException("probe epochs must be positive, got " + epochs);
            }
        }
    }

    /** Held-out accuracy of the network in [0, 1] (chance is 1/classes) and the images it used. */
    public record Result(double accuracy, int fittedImages, int heldOutImages, double seconds) {}

    private final Config config;

    public PerturbationNetworkProbe(Config config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    /** Measures {@code poisoned} against {@code clean} (same images, order and labels). */
    public Result measure(ImageDataset clean, ImageDataset poisoned) {
        return fitAndScore(perturbationImages(clean, poisoned, poisoned.name() + "-perturbations"));
    }

    /**
     * The same network, split and recipe on the clean images themselves: the reference a
     * perturbation computed from the image must beat before it counts as a shortcut, since such a
     * perturbation can carry the image's own class information and no more (a generator's
     * perturbation is a function of the image).
     */
    public Result measureCleanReference(ImageDataset clean) {
        return fitAndScore(clean);
    }

    private Result fitAndScore(ImageDataset images) {
        TrainValidationSplit split = DatasetSplits.stratified(images, config.heldOutFraction(), config.seed());
        VictimTrainingConfig recipe = new VictimTrainingConfig(ClassifierArch.FASTNET, 0.25, config.epochs(), 128, 0.2,
                0.9, 5e-4, true, LrSchedule.ONE_CYCLE, List.of(), 0.1, 0.25, 0.0, Augmentation.NONE, config.seed(),
                500);
        VictimResult result = new VictimTrainer(recipe).train(split.train(), split.validation(),
                VictimTrainingListener.NONE);
        return new Result(result.finalTestAccuracy(), split.train().size(), split.validation().size(),
                result.totalSeconds());
    }

    /**
     * The perturbations as 8-bit images: {@code 128 + round(δ·127/m)}, m the largest |δ| over all
     * images (at least 1), so that the sign and relative size of every change survive.
     *
     * @throws IllegalArgumentException if the datasets do not match image for image
     */
    public static ImageDataset perturbationImages(ImageDataset clean, ImageDataset poisoned, String name) {
        clean.requirePairedWith(poisoned);
        byte[] a = clean.pixels();
        byte[] b = poisoned.pixels();
        int largest = Math.max(1, clean.largestDifference(poisoned));
        byte[] images = new byte[a.length];
        for (int k = 0; k < a.length; k++) {
            int delta = (b[k] & 0xFF) - (a[k] & 0xFF);
            images[k] = (byte) (128 + Math.round(delta * 127f / largest));
        }
        return new ImageDataset(name, clean.shape(), images, clean.labels(), clean.classNames());
    }
}
