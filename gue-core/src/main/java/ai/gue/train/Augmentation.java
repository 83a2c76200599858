package ai.gue.train;

/**
 * Training-time augmentation of the victim: random crop after zero padding of {@code cropPadding}
 * pixels per side (torchvision's {@code RandomCrop(32, padding=4)}) and a random horizontal flip
 * with probability 1/2. Applied after poisoning, as in the authors' evaluation.
 */
public record Augmentation(int cropPadding, boolean horizontalFlip) {

    /** The standard CIFAR augmentation: pad 4 + crop, flip. */
    public static final Augmentation STANDARD = new Augmentation(4, true);
    /** No augmentation. */
    public static final Augmentation NONE = new Augmentation(0, false);

    public Augmentation {
        if (cropPadding < 0) {
            throw new IllegalArgumentException("crop padding must be >= 0 pixels, got " + cropPadding);
        }
    }
}
