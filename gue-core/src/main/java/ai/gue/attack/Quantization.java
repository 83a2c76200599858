package ai.gue.attack;

import ai.gue.data.ImageDataset;
import java.util.function.IntFunction;

/** Turning real-valued perturbations into stored 8-bit changes without leaving a budget. */
final class Quantization {

    private Quantization() {}

    /**
     * {@code direction} scaled to L2 length {@code radius} (on the [0, 1] scale) and rounded to whole
     * grey levels; if rounding made it longer than the radius, the largest scale that fits is found
     * by bisection.
     *
     * @return the change of each value in grey levels, L2 length ≤ {@code radius}·255 levels
     */
    static int[] toLevelsWithinL2(double[] direction, double radius) {
        double length = 0;
        for (double v : direction) {
            length += v * v;
        }
        length = Math.sqrt(length);
        if (length == 0) {
            throw new IllegalArgumentException("cannot scale a zero perturbation to L2 " + radius);
        }
        double scale = radius * 255 / length;
        int[] levels = round(direction, scale);
        if (lengthOf(levels) <= radius) {
            return levels;
        }
        // Rounding up made it longer than the radius: bisect for the largest scale that fits.
        // Scale 0 always fits (the zero change), so the result is within the radius.
        double fits = 0;
        double tooLong = scale;
        for (int step = 0; step < 60; step++) {
            double middle = (fits + tooLong) / 2;
            if (lengthOf(round(direction, middle)) <= radius) {
                fits = middle;
            } else {
                tooLong = middle;
            }
        }
        return round(direction, fits);
    }

    private static int[] round(double[] direction, double scale) {
        int[] levels = new int[direction.length];
        for (int k = 0; k < direction.length; k++) {
            levels[k] = (int) Math.round(direction[k] * scale);
        }
        return levels;
    }

    /** L2 length of a change in grey levels, on the [0, 1] scale. */
    private static double lengthOf(int[] levels) {
        long squares = 0;
        for (int v : levels) {
            squares += (long) v * v;
        }
        return Math.sqrt(squares) / 255;
    }

    /**
     * A copy of {@code clean} with {@code change.apply(i)} (grey levels, planar like the image) added
     * to image {@code i}, each value clamped to [0, 255]. Clamping only shortens each change, so any
     * norm of the stored change is at most that of {@code change.apply(i)}.
     */
    static ImageDataset addPerImage(ImageDataset clean, String name, IntFunction<int[]> change) {
        int perImage = clean.shape().pixelCount();
        byte[] source = clean.pixels();
        byte[] poisoned = new byte[source.length];
        for (int i = 0; i < clean.size(); i++) {
            int[] delta = change.apply(i);
            int offset = i * perImage;
            for (int k = 0; k < perImage; k++) {
                poisoned[offset + k] = (byte) Math.max(0, Math.min(255, (source[offset + k] & 0xFF) + delta[k]));
            }
        }
        return new ImageDataset(name, clean.shape(), poisoned, clean.labels(), clean.classNames());
    }

    /**
     * The stored grey level for a clean level {@code original} and a perturbed value {@code value}
     * on the [0, 1] scale: rounded (the authors of GUE truncate, which can leave the budget by one
     * level), then clamped to {@code original ± maxDelta} and to [0, 255], so the L∞ budget holds on
     * the stored bytes by construction.
     */
    static byte storedWithinLinf(int original, float value, int maxDelta) {
        int stored = Math.round(value * 255f);
        stored = Math.max(original - maxDelta, Math.min(original + maxDelta, stored));
        return (byte) Math.max(0, Math.min(255, stored));
    }

    /**
     * A copy of {@code clean} whose values are {@code perturbed} (same planar order, [0, 1] scale)
     * stored with {@link #storedWithinLinf}.
     */
    static ImageDataset storeWithinLinf(ImageDataset clean, String name, float[] perturbed, int maxDelta) {
        byte[] source = clean.pixels();
        if (perturbed.length != source.length) {
            throw new IllegalArgumentException("perturbed values: " + perturbed.length + ", clean values: "
                    + source.length);
        }
        byte[] stored = new byte[source.length];
        for (int k = 0; k < source.length; k++) {
            stored[k] = storedWithinLinf(source[k] & 0xFF, perturbed[k], maxDelta);
        }
        return new ImageDataset(name, clean.shape(), stored, clean.labels(), clean.classNames());
    }
}
