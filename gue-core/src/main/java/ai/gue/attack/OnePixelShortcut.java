package ai.gue.attack;

import ai.gue.data.ImageDataset;
import ai.gue.data.ImageShape;
import java.util.Locale;

/**
 * OPS, the one-pixel shortcut (Wu, Chen, Xie, Huang: "One-Pixel Shortcut: on the Learning
 * Preference of Deep Neural Networks", ICLR 2023): a model-free class-wise shortcut that sets one
 * pixel of every image to one extreme colour, the same position and colour for all images of a
 * class.
 *
 * <p>Per class, the search of Wu et al. picks the position and colour (one of the 8 corners of the
 * RGB cube) that change the class's images most and most uniformly. gue scores a candidate by the
 * mean over the class's images of the pixel's change (mean over channels of |x − colour|, on the
 * [0, 1] scale) divided by its standard deviation over those images (plus 1e-3, so that a constant
 * change does not divide by zero); the highest score wins, the first position in raster order and
 * the first colour in corner order on ties. Classes choose in label order, each among the positions
 * no earlier class took: two classes that shared a pixel and colour (automobile and truck did on
 * CIFAR-10) would be one shortcut for both, so gue keeps the positions distinct. The stored bytes change in at most one pixel position
 * per image: an L0 budget of one pixel, with no bound on the size of the change.
 */
public final class OnePixelShortcut implements PoisonAttack {

    /** Where and what each class's shortcut pixel is. */
    public record ShortcutPixel(int row, int column, int[] colour) {}

    @Override
    public String name() {
        return "ops";
    }

    @Override
    public String describe() {
        return "OPS (Wu et al. 2023): one pixel per image set to a class-wise extreme colour, searched per class";
    }

    @Override
    public AttackBudget budget() {
        return AttackBudget.l0(1);
    }

    /** The searched pixel of every class of {@code clean} (a class without images keeps (0, 0), black). */
    public ShortcutPixel[] search(ImageDataset clean) {
        ImageShape shape = clean.shape();
        int positions = shape.height() * shape.width();
        int corners = 1 << shape.channels();
        int classes = clean.classCount();
        // Sums of the change and its square per class, position and corner colour.
        double[][][] sum = new double[classes][positions][corners];
        double[][][] squares = new double[classes][positions][corners];
        int[] count = new int[classes];
        byte[] pixels = clean.pixels();
        int perImage = shape.pixelCount();
        for (int i = 0; i < clean.size(); i++) {
            int c = clean.label(i);
            count[c]++;
            int offset = i * perImage;
            for (int p = 0; p < positions; p++) {
                for (int corner = 0; corner < corners; corner++) {
                    double change = 0;
                    for (int ch = 0; ch < shape.channels(); ch++) {
                        int value = pixels[offset + ch * positions + p] & 0xFF;
                        change += Math.abs(value - cornerValue(corner, ch));
                    }
                    change /= shape.channels() * 255.0;
                    sum[c][p][corner] += change;
                    squares[c][p][corner] += change * change;
                }
            }
        }
        ShortcutPixel[] chosen = new ShortcutPixel[classes];
        boolean[] taken = new boolean[positions];
        for (int c = 0; c < classes; c++) {
            int bestPosition = firstFree(taken);
            int bestCorner = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int p = 0; p < positions && count[c] > 0; p++) {
                if (taken[p]) {
                    continue;
                }
                for (int corner = 0; corner < corners; corner++) {
                    double mean = sum[c][p][corner] / count[c];
                    double variance = Math.max(0, squares[c][p][corner] / count[c] - mean * mean);
                    double score = mean / (Math.sqrt(variance) + 1e-3);
                    if (score > bestScore) {
                        bestScore = score;
                        bestPosition = p;
                        bestCorner = corner;
                    }
                }
            }
            if (bestPosition >= 0) {
                taken[bestPosition] = true;
            } else {
                bestPosition = 0; // more classes than pixels: positions repeat
            }
            int[] colour = new int[shape.channels()];
            for (int ch = 0; ch < colour.length; ch++) {
                colour[ch] = cornerValue(bestCorner, ch);
            }
            chosen[c] = new ShortcutPixel(bestPosition / shape.width(), bestPosition % shape.width(), colour);
        }
        return chosen;
    }

    private static int firstFree(boolean[] taken) {
        for (int p = 0; p < taken.length; p++) {
            if (!taken[p]) {
                return p;
            }
        }
        return -1;
    }

    /** Channel {@code channel} of RGB-cube corner {@code corner}: bit {@code channel} set means 255. */
    private static int cornerValue(int corner, int channel) {
        return ((corner >> channel) & 1) == 1 ? 255 : 0;
    }

    @Override
    public PoisonedDataset apply(ImageDataset clean, String name) {
        return apply(clean, name, search(clean));
    }

    /** {@link #apply} with the class pixels already searched ({@link #search} of {@code clean}). */
    public PoisonedDataset apply(ImageDataset clean, String name, ShortcutPixel[] pixels) {
        if (pixels.length != clean.classCount()) {
            throw new IllegalArgumentException(pixels.length + " shortcut pixels for " + clean.classCount() + " classes");
        }
        ImageShape shape = clean.shape();
        int positions = shape.height() * shape.width();
        byte[] poisoned = clean.pixels().clone();
        for (int i = 0; i < clean.size(); i++) {
            ShortcutPixel pixel = pixels[clean.label(i)];
            int p = pixel.row() * shape.width() + pixel.column();
            for (int ch = 0; ch < shape.channels(); ch++) {
                poisoned[i * shape.pixelCount() + ch * positions + p] = (byte) pixel.colour()[ch];
            }
        }
        return DatasetPoisoner.measure(clean,
                new ImageDataset(name, shape, poisoned, clean.labels(), clean.classNames()));
    }

    /** "(r, c) → (255, 0, 255)", for logs. */
    public static String describe(ShortcutPixel pixel) {
        return String.format(Locale.ROOT, "(%d, %d) → %s", pixel.row(), pixel.column(),
                java.util.Arrays.toString(pixel.colour()));
    }
}
