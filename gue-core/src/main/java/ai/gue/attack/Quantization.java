package ai.gue.attack;

import ai.gue.data.ImageDataset;
import java.util.function.IntFunction;

/** Turning real-valued perturbations into stored 8-bit changes without leaving a budget. */
final class Quantization {

    private Quantization() {}

    /**
     * {@code direction} scaled to L2 length {@code radius} (on the [0, 1] scale) and rounded to whole
     * grey levels; if rounding made it longer than the radius, the scale shrinks until it fits.
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
        int[] levels = new int[direction.length];
        for (int attempt = 0; attempt < 100; attempt++) {
            long squares = 0;
            for (int k = 0; k < direction.length; k++) {
                levels[k] = (int) Math.round(direction[k] * scale);
                squares += (long) levels[k] * levels[k];
            }
            double quantised = Math.sqrt(squares) / 255;
            if (quantised <= radius) {
                return levels;
            }
            scale *= radius / quantised * (1 - 1e-6);
        }
        throw new IllegalStateException("could not round a perturbation into L2 " + radius);
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
}
