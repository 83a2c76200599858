package ai.gue.defense;

import ai.gue.data.ImageDataset;
import ai.gue.util.Shuffle;
import java.util.SplittableRandom;

/**
 * A training set of which only a share is poisoned: the literature's "poison ratio < 1" setting, in
 * which part of the data reaches the victim clean (e.g. a data owner who protects only some images).
 * A seeded random {@code ratio} of the images come from the poisoned copy, the rest from the clean
 * set; order and labels are the clean set's.
 */
public final class PartialPoison {

    private PartialPoison() {}

    /**
     * @param clean    the clean training set
     * @param poisoned its poisoned copy (same size, order and labels)
     * @param ratio    share of images taken from {@code poisoned}, in [0, 1]
     * @param seed     draws which images are poisoned
     * @throws IllegalArgumentException if the two sets do not match image for image
     */
    public static ImageDataset mix(ImageDataset clean, ImageDataset poisoned, double ratio, long seed) {
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException("poison ratio must be in [0, 1], got " + ratio);
        }
        clean.requirePairedWith(poisoned);
        int[] order = new int[clean.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Shuffle.inPlace(order, new SplittableRandom(seed));
        int poisonedCount = (int) Math.round(ratio * clean.size());
        byte[] pixels = clean.pixels().clone();
        int perImage = clean.shape().pixelCount();
        for (int k = 0; k < poisonedCount; k++) {
            System.arraycopy(poisoned.pixels(), order[k] * perImage, pixels, order[k] * perImage, perImage);
        }
        return new ImageDataset(poisoned.name() + String.format(java.util.Locale.ROOT, "@%.2f", ratio), clean.shape(),
                pixels, clean.labels(), clean.classNames());
    }
}
