package ai.gue.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.gue.data.ImageDataset;
import ai.gue.data.ImageShape;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PerturbationSeparabilityTest {

    private static final ImageShape SHAPE = new ImageShape(3, 8, 8);
    private static final int CLASSES = 4;
    private static final int IMAGES = 400;
    private static final int BUDGET = 8;

    /** Random clean images with labels cycling over the classes; pixels kept away from 0 and 255. */
    private static ImageDataset clean() {
        SplittableRandom random = new SplittableRandom(1);
        byte[] pixels = new byte[IMAGES * SHAPE.pixelCount()];
        for (int k = 0; k < pixels.length; k++) {
            pixels[k] = (byte) (BUDGET + random.nextInt(256 - 2 * BUDGET));
        }
        int[] labels = IntStream.range(0, IMAGES).map(i -> i % CLASSES).toArray();
        return new ImageDataset("clean", SHAPE, pixels, labels, List.of("a", "b", "c", "d"));
    }

    /** Adds ±BUDGET per pixel: one fixed sign pattern per class, or a fresh pattern per image. */
    private static ImageDataset poisoned(ImageDataset clean, boolean classWise) {
        SplittableRandom random = new SplittableRandom(2);
        int perImage = SHAPE.pixelCount();
        int[][] patterns = new int[CLASSES][perImage];
        for (int[] pattern : patterns) {
            for (int k = 0; k < perImage; k++) {
                pattern[k] = random.nextBoolean() ? BUDGET : -BUDGET;
            }
        }
        byte[] pixels = clean.pixels().clone();
        for (int i = 0; i < clean.size(); i++) {
            for (int k = 0; k < perImage; k++) {
                int delta = classWise ? patterns[clean.label(i)][k] : (random.nextBoolean() ? BUDGET : -BUDGET);
                pixels[i * perImage + k] = (byte) ((pixels[i * perImage + k] & 0xFF) + delta);
            }
        }
        return new ImageDataset("poisoned", SHAPE, pixels, clean.labels(), clean.classNames());
    }

    @Test
    void classWisePerturbationsAreSeparableAndSampleWiseNoiseIsNot() {
        ImageDataset clean = clean();
        PerturbationSeparability probe = new PerturbationSeparability(PerturbationSeparability.Config.defaults(5));
        try (NDManager manager = NDManager.newBaseManager()) {
            PerturbationSeparability.Result shortcut = probe.measure(clean, poisoned(clean, true), manager);
            PerturbationSeparability.Result noise = probe.measure(clean, poisoned(clean, false), manager);
            assertEquals(1.0, shortcut.linearAccuracy(), 1e-9);
            assertEquals(1.0, shortcut.classMeanAccuracy(), 1e-9);
            assertEquals(80, shortcut.heldOutImages());
            // The clean images are random pixels: no class information of their own.
            assertTrue(shortcut.cleanImageLinearAccuracy() < 0.45, "clean " + shortcut.cleanImageLinearAccuracy());
            assertEquals(320, shortcut.fittedImages());
            // Chance is 0.25; 80 held-out images put one standard deviation at about 0.05.
            assertTrue(noise.linearAccuracy() < 0.45, "noise linear accuracy " + noise.linearAccuracy());
            assertTrue(noise.classMeanAccuracy() < 0.45, "noise class-mean accuracy " + noise.classMeanAccuracy());
        }
    }

    @Test
    void sameSeedGivesTheSameMeasurement() {
        ImageDataset clean = clean();
        ImageDataset poisoned = poisoned(clean, false);
        PerturbationSeparability probe = new PerturbationSeparability(PerturbationSeparability.Config.defaults(9));
        try (NDManager manager = NDManager.newBaseManager()) {
            assertEquals(probe.measure(clean, poisoned, manager), probe.measure(clean, poisoned, manager));
        }
    }

    @Test
    void refusesMismatchedDatasets() {
        ImageDataset clean = clean();
        ImageDataset poisoned = poisoned(clean, true);
        int[] shifted = clean.labels().clone();
        shifted[7] = (shifted[7] + 1) % CLASSES;
        ImageDataset relabelled = new ImageDataset("relabelled", SHAPE, poisoned.pixels(), shifted, clean.classNames());
        PerturbationSeparability probe = new PerturbationSeparability(PerturbationSeparability.Config.defaults(1));
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> probe.measure(clean, relabelled, manager));
            assertTrue(error.getMessage().contains("image 7"), error.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> probe.measure(clean, clean.select(new int[] {0, 1}, "two"), manager));
        }
        assertThrows(IllegalArgumentException.class, () -> new PerturbationSeparability.Config(1.0, 1, 1, 1e-3, 0));
        assertThrows(IllegalArgumentException.class, () -> new PerturbationSeparability.Config(0.2, 1, 1, Double.NaN, 0));
    }

    @Test
    void aShortcutOnTheSeenImagesOnlyShowsOnlyOnTheSeenImages() {
        ImageDataset clean = clean();
        ImageDataset shortcut = poisoned(clean, true);
        ImageDataset noise = poisoned(clean, false);
        // Images 0..299 carry the class-wise pattern (a generator that learned its game images), 300..399
        // fresh noise (images it never saw).
        int[] seen = IntStream.range(0, 300).toArray();
        int[] unseen = IntStream.range(300, IMAGES).toArray();
        int perImage = SHAPE.pixelCount();
        byte[] pixels = shortcut.pixels().clone();
        System.arraycopy(noise.pixels(), 300 * perImage, pixels, 300 * perImage, 100 * perImage);
        ImageDataset mixed = new ImageDataset("mixed", SHAPE, pixels, clean.labels(), clean.classNames());
        PerturbationSeparability probe = new PerturbationSeparability(PerturbationSeparability.Config.defaults(5));
        try (NDManager manager = NDManager.newBaseManager()) {
            PerturbationSeparability.SeenUnseen result = probe.measureSeenUnseen(clean, mixed, seen, unseen, manager);
            assertEquals(240, result.seen().fittedImages());
            assertEquals(60, result.seen().heldOutImages());
            assertEquals(100, result.unseen().heldOutImages());
            assertEquals(1.0, result.seen().linearAccuracy(), 1e-9);
            assertEquals(1.0, result.seen().classMeanAccuracy(), 1e-9);
            // Chance is 0.25; 100 images put one standard deviation at about 0.043.
            assertTrue(result.unseen().linearAccuracy() < 0.42, "unseen linear " + result.unseen().linearAccuracy());
            assertTrue(result.unseen().classMeanAccuracy() < 0.42, "unseen class mean "
                    + result.unseen().classMeanAccuracy());

            // The same poison everywhere scores alike on both.
            PerturbationSeparability.SeenUnseen uniform = probe.measureSeenUnseen(clean, shortcut, seen, unseen,
                    manager);
            assertEquals(1.0, uniform.unseen().linearAccuracy(), 1e-9);

            assertThrows(IllegalArgumentException.class,
                    () -> probe.measureSeenUnseen(clean, mixed, seen, new int[] {299, 300}, manager));
            assertThrows(IllegalArgumentException.class,
                    () -> probe.measureSeenUnseen(clean, mixed, seen, new int[0], manager));
            assertThrows(IllegalArgumentException.class,
                    () -> probe.measureSeenUnseen(clean, mixed, seen, new int[] {IMAGES}, manager));
        }
    }
}
