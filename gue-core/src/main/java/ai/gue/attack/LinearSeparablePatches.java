package ai.gue.attack;

import ai.gue.data.ImageDataset;
import ai.gue.data.ImageShape;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * LSP, linearly separable patches (Yu, Zhang, Chen, Yin, Liu: "Availability Attacks Create
 * Shortcuts", KDD 2022): a model-free class-wise shortcut. Every image of class {@code c} gets the
 * same pattern {@code p_c}: the image is cut into {@code patchSize × patchSize} blocks, and each
 * block of {@code p_c} is one colour drawn uniformly from [−1, 1]³ for that class; the whole pattern
 * is then scaled to L2 length {@code radius} (1.0 on the [0, 1] scale in Image Shortcut Squeezing's
 * comparison, the setting cited in DESIGN.md section 6). Patterns of different classes are
 * independent random vectors in a 3·(H/patch)·(W/patch)-dimensional space, hence linearly separable.
 *
 * <p>The pattern is quantised to whole grey levels once per class (rounded, then shrunk until its
 * L2 length is within the radius), and the stored pixel is {@code clamp(x + q_c, 0, 255)}; clamping
 * only shortens the change, so every stored image satisfies the L2 budget exactly.
 */
public final class LinearSeparablePatches implements PoisonAttack {

    /**
     * @param patchSize block side in pixels (8 for CIFAR-10's 32×32 images, a 4×4 grid of blocks);
     *     where it does not divide the image side, the last blocks are cut off at the edge
     * @param radius    L2 length of each class pattern on the [0, 1] scale
     * @param seed      draws the class colours
     */
    public record Config(int patchSize, double radius, long seed) {

        public Config {
            if (patchSize <= 0) {
                throw new IllegalArgumentException("LSP patch size must be positive, got " + patchSize);
            }
            if (!(radius > 0) || Double.isInfinite(radius)) {
                throw new IllegalArgumentException("LSP L2 radius must be a positive number, got " + radius);
            }
        }

        /** Patch 8, L2 1.0: the literature's CIFAR-10 setting. */
        public static Config defaults(long seed) {
            return new Config(8, 1.0, seed);
        }
    }

    private final Config config;

    public LinearSeparablePatches(Config config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    @Override
    public String name() {
        return "lsp";
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "LSP (Yu et al. 2022): class-wise %d×%d colour patches, L2 %.2f, seed %d",
                config.patchSize(), config.patchSize(), config.radius(), config.seed());
    }

    @Override
    public AttackBudget budget() {
        return AttackBudget.l2(config.radius());
    }

    /**
     * The stored change of every class, in grey levels, planar (C, H, W): {@code [class][value]}.
     * Each has L2 length at most the radius (on the [0, 1] scale).
     */
    public int[][] classPatterns(ImageShape shape, int classCount) {
        SplittableRandom random = new SplittableRandom(config.seed());
        int blocksDown = (shape.height() + config.patchSize() - 1) / config.patchSize();
        int blocksAcross = (shape.width() + config.patchSize() - 1) / config.patchSize();
        int[][] patterns = new int[classCount][];
        for (int c = 0; c < classCount; c++) {
            double[][][] colours = new double[shape.channels()][blocksDown][blocksAcross];
            for (double[][] channel : colours) {
                for (double[] row : channel) {
                    for (int b = 0; b < row.length; b++) {
                        row[b] = random.nextDouble(-1, 1);
                    }
                }
            }
            double[] pattern = new double[shape.pixelCount()];
            for (int ch = 0; ch < shape.channels(); ch++) {
                for (int y = 0; y < shape.height(); y++) {
                    for (int x = 0; x < shape.width(); x++) {
                        pattern[(ch * shape.height() + y) * shape.width() + x] =
                                colours[ch][y / config.patchSize()][x / config.patchSize()];
                    }
                }
            }
            patterns[c] = Quantization.toLevelsWithinL2(pattern, config.radius());
        }
        return patterns;
    }

    @Override
    public PoisonedDataset apply(ImageDataset clean, String name) {
        int[][] patterns = classPatterns(clean.shape(), clean.classCount());
        return DatasetPoisoner.measure(clean, Quantization.addPerImage(clean, name, i -> patterns[clean.label(i)]));
    }
}
