package ai.gue.attack;

import ai.gue.data.ImageDataset;
import ai.gue.data.ImageShape;
import ai.gue.util.SeedTree;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * AR, autoregressive perturbations (Sandoval-Segura, Singla, Geiping, Goldblum, Goldstein, Jacobs:
 * "Autoregressive Perturbations for Data Poisoning", NeurIPS 2022): a model-free, sample-wise poison
 * whose noise comes from one autoregressive process per class.
 *
 * <p>Each class has, per channel, 8 coefficients on the causal 3×3 window (the window's last entry,
 * the pixel itself, is 0). To perturb an image, a fresh Gaussian field of (H + 4)×(W + 4) per channel
 * is updated in raster order, each pixel from (row ≥ 2, column ≥ 2) on becoming the coefficients'
 * weighted sum of its window; the first 4 rows and columns are cropped and the result is scaled to
 * L2 length {@code radius} (1.0 on the [0, 1] scale in Image Shortcut Squeezing's comparison). A
 * 3×3 filter with the coefficients and −1 at the pixel maps the class's noise to zero, so a network
 * can detect the class from the noise alone, which is why it is a shortcut.
 *
 * <p>Deviation: the authors use 10 coefficient sets chosen by a search; gue draws each class's
 * coefficients from N(0, 1), normalised to sum 1 per channel (the authors' random initialisation),
 * and redraws a set whose process, run on a test field of N(0, 1) values, reaches a magnitude of
 * 10 or more: an unstable process blows up towards the bottom-right corner and its scaled noise
 * sits in a few pixels. About a quarter of the draws pass. The coefficients depend on the seed only; each image's field on the seed
 * and its index, so a subset of the dataset gets the same noise as in the whole.
 */
public final class AutoregressivePerturbation implements PoisonAttack {

    /** Rows and columns of the field that are cropped away (the authors' CIFAR setting). */
    static final int CROP = 4;
    private static final double GROWTH_LIMIT = 10;
    private static final int MAX_DRAWS = 100_000;

    /**
     * @param radius L2 length of each image's noise on the [0, 1] scale
     * @param seed   draws the class coefficients and each image's start field
     */
    public record Config(double radius, long seed) {

        public Config {
            if (!(radius > 0) || Double.isInfinite(radius)) {
                throw new IllegalArgumentException("AR L2 radius must be a positive number, got " + radius);
            }
        }
    }

    private final Config config;

    public AutoregressivePerturbation(Config config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    @Override
    public String name() {
        return "ar";
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "AR (Sandoval-Segura et al. 2022): per-class 3×3 autoregressive noise, "
                + "random stable coefficients, L2 %.2f, seed %d", config.radius(), config.seed());
    }

    @Override
    public AttackBudget budget() {
        return AttackBudget.l2(config.radius());
    }

    /** The coefficients of every class: {@code [class][channel][8]}, window order row by row. */
    public double[][][] classCoefficients(int classes, int channels, ImageShape shape) {
        SplittableRandom random = new SplittableRandom(new SeedTree(config.seed()).child("ar-coefficients").seed());
        double[][][] coefficients = new double[classes][channels][];
        for (int c = 0; c < classes; c++) {
            for (int ch = 0; ch < channels; ch++) {
                double[] candidate;
                int draws = 0;
                do {
                    if (++draws > MAX_DRAWS) {
                        throw new IllegalStateException("no stable AR process in " + MAX_DRAWS + " draws");
                    }
                    candidate = new double[8];
                    double sum = 0;
                    for (int k = 0; k < 8; k++) {
                        candidate[k] = random.nextGaussian();
                        sum += candidate[k];
                    }
                    for (int k = 0; k < 8; k++) {
                        candidate[k] /= sum;
                    }
                } while (!stable(candidate, shape, random));
                coefficients[c][ch] = candidate;
            }
        }
        return coefficients;
    }

    /** Whether the process stays within {@link #GROWTH_LIMIT} of its start on a test field. */
    private static boolean stable(double[] coefficients, ImageShape shape, SplittableRandom random) {
        double[] field = new double[(shape.height() + CROP) * (shape.width() + CROP)];
        for (int k = 0; k < field.length; k++) {
            field[k] = random.nextGaussian();
        }
        run(coefficients, field, shape.height() + CROP, shape.width() + CROP);
        for (double v : field) {
            if (!(Math.abs(v) < GROWTH_LIMIT)) {
                return false;
            }
        }
        return true;
    }

    /** Updates {@code field} (h × w, row-major) in place in raster order. */
    static void run(double[] coefficients, double[] field, int h, int w) {
        for (int y = 2; y < h; y++) {
            for (int x = 2; x < w; x++) {
                double value = 0;
                int k = 0;
                for (int dy = -2; dy <= 0; dy++) {
                    for (int dx = -2; dx <= 0; dx++) {
                        if (dy == 0 && dx == 0) {
                            break;
                        }
                        value += coefficients[k++] * field[(y + dy) * w + x + dx];
                    }
                }
                field[y * w + x] = value;
            }
        }
    }

    /** The real-valued noise of image {@code index} of class {@code label}, planar, before scaling. */
    double[] noise(double[][][] coefficients, int label, int index, ImageShape shape) {
        SplittableRandom random = new SplittableRandom(new SeedTree(config.seed()).child("image/" + index).seed());
        int h = shape.height() + CROP;
        int w = shape.width() + CROP;
        double[] noise = new double[shape.pixelCount()];
        double[] field = new double[h * w];
        for (int ch = 0; ch < shape.channels(); ch++) {
            for (int k = 0; k < field.length; k++) {
                field[k] = random.nextGaussian();
            }
            run(coefficients[label][ch], field, h, w);
            for (int y = 0; y < shape.height(); y++) {
                for (int x = 0; x < shape.width(); x++) {
                    noise[(ch * shape.height() + y) * shape.width() + x] = field[(y + CROP) * w + x + CROP];
                }
            }
        }
        return noise;
    }

    @Override
    public PoisonedDataset apply(ImageDataset clean, String name) {
        double[][][] coefficients = classCoefficients(clean.classCount(), clean.shape().channels(), clean.shape());
        return DatasetPoisoner.measure(clean, Quantization.addPerImage(clean, name, i -> Quantization.toLevelsWithinL2(
                noise(coefficients, clean.label(i), i, clean.shape()), config.radius())));
    }
}
