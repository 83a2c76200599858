package ai.gue.defense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.gue.data.ImageDataset;
import ai.gue.data.ImageShape;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each defense filter transforms known images as specified. */
class ImageFiltersTest {

    private static final ai.gue.train.AdversarialTraining AT = DefenseSettings.defaults().adversarialTraining();

    private static ImageDataset oneImage(byte[] pixels) {
        return new ImageDataset("one", ImageShape.CIFAR, pixels, new int[] {0}, List.of("a"));
    }

    private static byte[] randomImage(long seed) {
        byte[] pixels = new byte[3072];
        new SplittableRandom(seed).nextBytes(pixels);
        return pixels;
    }

    private static byte[] constant(int r, int g, int b) {
        byte[] pixels = new byte[3072];
        Arrays.fill(pixels, 0, 1024, (byte) r);
        Arrays.fill(pixels, 1024, 2048, (byte) g);
        Arrays.fill(pixels, 2048, 3072, (byte) b);
        return pixels;
    }

    private static double meanAbsDifference(byte[] a, byte[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += Math.abs((a[k] & 0xFF) - (b[k] & 0xFF));
        }
        return sum / a.length;
    }

    @Test
    void grayscaleWritesTheLumaIntoEveryChannel() {
        byte[] source = randomImage(1);
        byte[] gray = new GrayscaleFilter().apply(oneImage(source), "g").pixels();
        for (int p = 0; p < 1024; p++) {
            int luma = ((source[p] & 0xFF) * 299 + (source[1024 + p] & 0xFF) * 587 + (source[2048 + p] & 0xFF) * 114) / 1000;
            assertEquals(luma, gray[p] & 0xFF);
            assertEquals(gray[p], gray[1024 + p]);
            assertEquals(gray[p], gray[2048 + p]);
        }
        // Pure red (255, 0, 0) has luma 76.
        assertEquals(76, new GrayscaleFilter().apply(oneImage(constant(255, 0, 0)), "r").pixels()[3000] & 0xFF);
    }

    @Test
    void bitDepthKeepsOnlyItsLevelsAndRemovesSmallChanges() {
        byte[] source = randomImage(2);
        byte[] squeezed = new BitDepthFilter(2).apply(oneImage(source), "b").pixels();
        for (byte value : squeezed) {
            assertTrue(List.of(0, 85, 170, 255).contains(value & 0xFF), "2 bits leave 4 levels: " + (value & 0xFF));
        }
        assertTrue(Arrays.equals(squeezed, new BitDepthFilter(2).apply(oneImage(squeezed), "again").pixels()),
                "idempotent");
        // ±8 around the level 85 stays 85 (the spacing is 85, half of it 42.5).
        byte[] near = constant(77, 93, 85);
        byte[] back = new BitDepthFilter(2).apply(oneImage(near), "n").pixels();
        for (byte value : back) {
            assertEquals(85, value & 0xFF);
        }
    }

    @Test
    void jpegKeepsFlatImagesAndLosesMoreDetailAtLowQuality() {
        // A flat block keeps only its DC coefficient. At quality 10 the IJG tables quantise it in
        // steps of 80 (luma) and 85 (chroma), i.e. at most ±5.3 levels per YCbCr channel, which the
        // colour conversion turns into at most ±14.4 levels in B (1.772·5.3 + 5): the colour stays flat
        // and within 15 levels.
        byte[] flat = constant(120, 60, 200);
        byte[] flatBack = new JpegFilter(10).apply(oneImage(flat), "f").pixels();
        for (int k = 0; k < flat.length; k++) {
            assertEquals(flatBack[k / 1024 * 1024], flatBack[k], "flat stays flat at value " + k);
            assertTrue(Math.abs((flat[k] & 0xFF) - (flatBack[k] & 0xFF)) <= 15, "within 15 levels at value " + k
                    + ": " + (flatBack[k] & 0xFF));
        }
        // Gray noise (R = G = B), so that chroma subsampling, which alone loses most of colour noise,
        // does not mask the quantisation of the luma detail.
        byte[] noise = randomImage(3);
        System.arraycopy(noise, 0, noise, 1024, 1024);
        System.arraycopy(noise, 0, noise, 2048, 1024);
        double errorAt95 = meanAbsDifference(noise, new JpegFilter(95).apply(oneImage(noise), "q95").pixels());
        double errorAt10 = meanAbsDifference(noise, new JpegFilter(10).apply(oneImage(noise), "q10").pixels());
        assertTrue(errorAt95 < 20, "quality 95 error " + errorAt95);
        assertTrue(errorAt10 > 2 * errorAt95, "quality 10 loses more: " + errorAt10 + " against " + errorAt95);
    }

    @Test
    void blurKeepsConstantsAndSpreadsAnImpulseByTheKernel() {
        byte[] flat = constant(10, 128, 250);
        assertTrue(Arrays.equals(flat, new GaussianBlurFilter(1.0, 1).apply(oneImage(flat), "f").pixels()));
        byte[] impulse = new byte[3072];
        impulse[16 * 32 + 16] = (byte) 200;
        byte[] spread = new GaussianBlurFilter(1.0, 1).apply(oneImage(impulse), "i").pixels();
        double side = Math.exp(-0.5);
        double centreWeight = 1 / (1 + 2 * side);
        double sideWeight = side / (1 + 2 * side);
        assertEquals(Math.round(200 * centreWeight * centreWeight), spread[16 * 32 + 16] & 0xFF);
        assertEquals(Math.round(200 * centreWeight * sideWeight), spread[16 * 32 + 17] & 0xFF);
        assertEquals(Math.round(200 * sideWeight * sideWeight), spread[15 * 32 + 15] & 0xFF);
        assertEquals(0, spread[16 * 32 + 18]);
        assertEquals(0, spread[1024 + 16 * 32 + 16], "channels stay separate");
    }

    @Test
    void aDefenseFiltersTestImagesOnlyWhenItChangesTheInputSpace() {
        ImageDataset test = oneImage(randomImage(4));
        assertSame(test, new Defense(DefenseKind.JPEG, DefenseSettings.defaults()).filterTest(test));
        assertSame(test, new Defense(DefenseKind.GAUSSIAN_BLUR, DefenseSettings.defaults()).filterTest(test));
        assertSame(test, Defense.NONE.filterTraining(test));
        ImageDataset gray = new Defense(DefenseKind.GRAYSCALE, DefenseSettings.defaults()).filterTest(test);
        assertEquals(gray.pixels()[5], gray.pixels()[1024 + 5]);
        assertTrue(new Defense(DefenseKind.JPEG, DefenseSettings.defaults()).describe()
                .equals("JPEG compression at quality 10 (training images only)"));
        assertThrows(IllegalArgumentException.class, () -> new DefenseSettings(0, 2, 1, 1, 16, 1, AT));
        assertThrows(IllegalArgumentException.class, () -> new DefenseSettings(10, 8, 1, 1, 16, 1, AT));
        assertThrows(IllegalArgumentException.class, () -> new DefenseSettings(10, 2, Double.NaN, 1, 16, 1, AT));
        assertThrows(IllegalArgumentException.class, () -> new DefenseSettings(10, 2, 1, 1, 0, 1, AT));
        assertThrows(IllegalArgumentException.class, () -> new DefenseSettings(10, 2, 1, 1, 16, 0, AT));
        assertThrows(IllegalArgumentException.class, () -> DefenseKind.parse("sharpen"));
    }
}
