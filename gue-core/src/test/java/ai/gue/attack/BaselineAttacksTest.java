package ai.gue.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.gue.data.ImageDataset;
import ai.gue.data.ImageShape;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The model-free baselines on synthetic CIFAR-shaped images: every attack keeps its declared budget
 * on every image (saturated pixels included), is seeded, and LSP and OPS are class-wise shortcuts.
 */
class BaselineAttacksTest {

    /** Random images, a quarter of their values at 0 or 255 so that clamping matters; labels i mod classes. */
    static ImageDataset randomImages(int n, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[n * ImageShape.CIFAR.pixelCount()];
        for (int k = 0; k < pixels.length; k++) {
            int pick = random.nextInt(8);
            pixels[k] = (byte) (pick == 0 ? 0 : pick == 1 ? 255 : random.nextInt(256));
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
        }
        List<String> names = java.util.stream.IntStream.range(0, classes).mapToObj(c -> "c" + c).toList();
        return new ImageDataset("random", ImageShape.CIFAR, pixels, labels, names);
    }

    @Test
    void everyAttackKeepsItsBudgetOnEveryImageAndIsSeeded() {
        ImageDataset clean = randomImages(40, 4, 1);
        for (AttackKind kind : AttackKind.values()) {
            if (kind.crafted()) {
                continue; // EM, REM, TAP and DeepConfuse train models first: CraftedAttacksTest, DeepConfuseTest
            }
            PoisonAttack attack = kind.create(AttackSettings.defaults(5));
            assertEquals(kind, AttackKind.parse(attack.name()));
            PoisonedDataset a = attack.apply(clean, "a");
            AttackBudget.Measurement measured = attack.budget().check(clean, a.dataset());
            assertTrue(measured.largest() > 0, kind + " changes something");
            assertArrayEquals(a.dataset().pixels(), kind.create(AttackSettings.defaults(5)).apply(clean, "b")
                    .dataset().pixels(), kind + ": same seed, same bytes");
            assertArrayEquals(clean.labels(), a.dataset().labels());
            if (kind != AttackKind.OPS) {
                assertFalse(Arrays.equals(a.dataset().pixels(), kind.create(AttackSettings.defaults(6)).apply(clean,
                        "c").dataset().pixels()), kind + ": another seed, other bytes");
            }
        }
        assertEquals(PerturbationNorm.LINF, AttackKind.NOISE_SIGN.create(AttackSettings.defaults(0)).budget().norm());
        assertEquals(PerturbationNorm.L2, AttackKind.LSP.create(AttackSettings.defaults(0)).budget().norm());
        assertEquals(PerturbationNorm.L0, AttackKind.OPS.create(AttackSettings.defaults(0)).budget().norm());
    }

    @Test
    void lspGivesEveryImageOfAClassThePatternOfItsClass() {
        LinearSeparablePatches lsp = new LinearSeparablePatches(LinearSeparablePatches.Config.defaults(3));
        int[][] patterns = lsp.classPatterns(ImageShape.CIFAR, 3);
        for (int[] pattern : patterns) {
            double length = Math.sqrt(Arrays.stream(pattern).mapToDouble(v -> (double) v * v).sum()) / 255;
            assertTrue(length <= 1.0 && length > 0.98, "pattern uses the L2 budget: " + length);
            // Constant over each 8×8 block of each channel.
            for (int ch = 0; ch < 3; ch++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        assertEquals(pattern[ch * 1024 + (y / 8 * 8) * 32 + x / 8 * 8], pattern[ch * 1024 + y * 32 + x]);
                    }
                }
            }
        }
        assertFalse(Arrays.equals(patterns[0], patterns[1]));
        // On mid-grey images nothing clamps: the stored change is exactly the class pattern.
        byte[] grey = new byte[6 * 3072];
        Arrays.fill(grey, (byte) 128);
        ImageDataset clean = new ImageDataset("grey", ImageShape.CIFAR, grey, new int[] {0, 1, 2, 0, 1, 2},
                List.of("a", "b", "c"));
        ImageDataset poisoned = lsp.apply(clean, "lsp").dataset();
        for (int i = 0; i < clean.size(); i++) {
            for (int k = 0; k < 3072; k++) {
                assertEquals(patterns[clean.label(i)][k], (poisoned.pixels()[i * 3072 + k] & 0xFF) - 128);
            }
        }
    }

    @Test
    void quantisingToGreyLevelsNeverLeavesTheL2Ball() {
        SplittableRandom random = new SplittableRandom(9);
        for (int trial = 0; trial < 200; trial++) {
            double[] direction = new double[1 + random.nextInt(3072)];
            for (int k = 0; k < direction.length; k++) {
                direction[k] = random.nextGaussian();
            }
            double radius = 0.05 + random.nextDouble(2);
            if (trial % 2 == 1) {
                // A dominant value and many that sit just above half a level once scaled: plain
                // rounding overshoots, and shrinking by the overshoot ratio alone does not converge.
                Arrays.fill(direction, 0.5001 / 255);
                direction[0] = 1;
            }
            int[] levels = Quantization.toLevelsWithinL2(direction, radius);
            double length = Math.sqrt(Arrays.stream(levels).mapToDouble(v -> (double) v * v).sum()) / 255;
            assertTrue(length <= radius, "trial " + trial + ": " + length + " > " + radius);
            assertTrue(length > 0.9 * radius - 1.0 / 255, "trial " + trial + " uses the budget: " + length);
        }
    }

    @Test
    void opsFindsAPlantedPixelAndChangesOnlyIt() {
        // Noise images; in every image of class c the pixel at position 37·c + 5 is black in all channels,
        // so turning it white changes it by the whole range in every image of the class: the best shortcut.
        ImageDataset noise = randomImages(60, 3, 2);
        byte[] pixels = noise.pixels().clone();
        for (int i = 0; i < noise.size(); i++) {
            int p = 37 * noise.label(i) + 5;
            for (int ch = 0; ch < 3; ch++) {
                pixels[i * 3072 + ch * 1024 + p] = 0;
            }
        }
        ImageDataset clean = new ImageDataset("planted", ImageShape.CIFAR, pixels, noise.labels(), noise.classNames());
        OnePixelShortcut ops = new OnePixelShortcut();
        OnePixelShortcut.ShortcutPixel[] found = ops.search(clean);
        for (int c = 0; c < 3; c++) {
            int p = 37 * c + 5;
            assertEquals(p / 32, found[c].row(), "class " + c);
            assertEquals(p % 32, found[c].column(), "class " + c);
            assertArrayEquals(new int[] {255, 255, 255}, found[c].colour(), "class " + c);
        }
        ImageDataset poisoned = ops.apply(clean, "ops").dataset();
        for (int i = 0; i < clean.size(); i++) {
            int p = 37 * clean.label(i) + 5;
            for (int k = 0; k < 3072; k++) {
                int expected = k % 1024 == p ? 255 : clean.pixels()[i * 3072 + k] & 0xFF;
                assertEquals(expected, poisoned.pixels()[i * 3072 + k] & 0xFF, "image " + i + " value " + k);
            }
        }
    }

    @Test
    void opsGivesEveryClassItsOwnPixelEvenWhenTwoClassesWouldPickTheSame() {
        // Classes 0 and 1 both have the same black pixel, the best candidate of each; class 1 must go elsewhere.
        ImageDataset noise = randomImages(60, 3, 4);
        byte[] pixels = noise.pixels().clone();
        for (int i = 0; i < noise.size(); i++) {
            if (noise.label(i) < 2) {
                for (int ch = 0; ch < 3; ch++) {
                    pixels[i * 3072 + ch * 1024 + 100] = 0;
                }
            }
        }
        ImageDataset clean = new ImageDataset("shared", ImageShape.CIFAR, pixels, noise.labels(), noise.classNames());
        OnePixelShortcut.ShortcutPixel[] found = new OnePixelShortcut().search(clean);
        assertEquals(100, found[0].row() * 32 + found[0].column());
        java.util.Set<Integer> positions = new java.util.HashSet<>();
        for (OnePixelShortcut.ShortcutPixel pixel : found) {
            assertTrue(positions.add(pixel.row() * 32 + pixel.column()), "distinct positions: " + Arrays.toString(found));
        }
    }

    @Test
    void arNoiseIsAnnihilatedByItsOwnClassFilterOnly() {
        AutoregressivePerturbation ar = new AutoregressivePerturbation(new AutoregressivePerturbation.Config(1.0, 3));
        double[][][] coefficients = ar.classCoefficients(2, 3, ImageShape.CIFAR);
        for (double[][] perChannel : coefficients) {
            for (double[] c : perChannel) {
                assertEquals(1.0, Arrays.stream(c).sum(), 1e-9, "coefficients sum to 1");
            }
        }
        double[] noise = ar.noise(coefficients, 0, 17, ImageShape.CIFAR);
        double ownResidual = 0;
        double otherResidual = 0;
        double energy = 0;
        for (int ch = 0; ch < 3; ch++) {
            for (int y = 2; y < 32; y++) {
                for (int x = 2; x < 32; x++) {
                    double own = -noise[(ch * 32 + y) * 32 + x];
                    double other = own;
                    int k = 0;
                    for (int dy = -2; dy <= 0; dy++) {
                        for (int dx = -2; dx <= 0; dx++) {
                            if (dy == 0 && dx == 0) {
                                break;
                            }
                            double value = noise[(ch * 32 + y + dy) * 32 + x + dx];
                            own += coefficients[0][ch][k] * value;
                            other += coefficients[1][ch][k] * value;
                            k++;
                        }
                    }
                    ownResidual += own * own;
                    otherResidual += other * other;
                    energy += noise[(ch * 32 + y) * 32 + x] * noise[(ch * 32 + y) * 32 + x];
                }
            }
        }
        assertTrue(ownResidual < 1e-18 * energy, "the class's filter maps its noise to zero: " + ownResidual);
        assertTrue(otherResidual > 1e-3 * energy, "another class's filter does not: " + otherResidual / energy);
        assertFalse(Arrays.equals(noise, ar.noise(coefficients, 0, 18, ImageShape.CIFAR)), "sample-wise noise");
    }
}
