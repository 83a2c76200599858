package ai.gue.defense;

import ai.gue.train.AdversarialTraining;

/**
 * The settings of the image filters; each filter reads the ones it has.
 *
 * @param jpegQuality JPEG quality in [1, 100] (10 in the literature)
 * @param bits        bits per value kept by bit-depth reduction, in [1, 7]
 * @param blurSigma   standard deviation of the Gaussian blur, in pixels
 * @param blurRadius  the blur kernel spans 2·radius + 1 pixels per axis
 * @param cutoutSize  side of Cutout's square, in pixels (16 for CIFAR-10)
 * @param mixingAlpha α of the Beta(α, α) weight of mixup and CutMix (1.0 in both papers)
 * @param adversarialTraining PGD of adversarial training (radius, steps, step size)
 */
public record DefenseSettings(int jpegQuality, int bits, double blurSigma, int blurRadius, int cutoutSize,
        double mixingAlpha, AdversarialTraining adversarialTraining) {

    public DefenseSettings {
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new IllegalArgumentException("JPEG quality must be in [1, 100], got " + jpegQuality);
        }
        if (bits < 1 || bits > 7) {
            throw new IllegalArgumentException("bit depth must be in [1, 7] bits, got " + bits);
        }
        if (!(blurSigma > 0) || Double.isInfinite(blurSigma)) {
            throw new IllegalArgumentException("blur sigma must be a positive number of pixels, got " + blurSigma);
        }
        if (blurRadius < 1) {
            throw new IllegalArgumentException("blur radius must be at least 1 pixel, got " + blurRadius);
        }
        if (cutoutSize < 1) {
            throw new IllegalArgumentException("cutout size must be at least 1 pixel, got " + cutoutSize);
        }
        if (!(mixingAlpha > 0) || Double.isInfinite(mixingAlpha)) {
            throw new IllegalArgumentException("mixing alpha must be a positive number, got " + mixingAlpha);
        }
        java.util.Objects.requireNonNull(adversarialTraining, "adversarialTraining");
    }

    /**
     * JPEG quality 10, 2 bits, blur σ 1 pixel over a 3×3 kernel, Cutout 16 pixels, α = 1, PGD-10
     * adversarial training at L∞ 8/255 with steps of 2/255 (Madry et al.'s CIFAR-10 setting).
     */
    public static DefenseSettings defaults() {
        return new DefenseSettings(10, 2, 1.0, 1, 16, 1.0, new AdversarialTraining(8 / 255.0, 10, 2 / 255.0));
    }
}
