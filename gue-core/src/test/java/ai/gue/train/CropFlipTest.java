package ai.gue.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.gue.data.ImageShape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The device-side crop and flip the game applies to its poisoned batch, against the victim's host-side one. */
class CropFlipTest {

    private static final ImageShape SHAPE = new ImageShape(3, 8, 8);
    private static final int N = 24;

    private static byte[] randomImages(long seed) {
        byte[] pixels = new byte[N * SHAPE.pixelCount()];
        new SplittableRandom(seed).nextBytes(pixels);
        return pixels;
    }

    private static float[] scaled(byte[] pixels) {
        float[] values = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            values[i] = (pixels[i] & 0xFF) / 255f;
        }
        return values;
    }

    /** What the victim's sampler makes of the same images with the same draws. */
    private static float[] onTheHost(byte[] pixels, Augmentation augmentation, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] expected = new float[pixels.length];
        for (int k = 0; k < N; k++) {
            CropFlip draw = CropFlip.draw(random, augmentation);
            BatchSampler.copyShifted(pixels, k * SHAPE.pixelCount(), SHAPE, expected, k * SHAPE.pixelCount(),
                    draw.dy(), draw.dx(), draw.flip());
        }
        return expected;
    }

    @Test
    void theDeviceCropEqualsTheVictimsHostCropForTheSameDraws() {
        byte[] pixels = randomImages(1);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = manager.create(scaled(pixels), new Shape(N, 3, 8, 8));
            for (Augmentation augmentation : new Augmentation[] {Augmentation.STANDARD, new Augmentation(2, false),
                new Augmentation(0, true)}) {
                float[] device = CropFlip.apply(batch, augmentation, 17).toFloatArray();
                assertArrayEquals(onTheHost(pixels, augmentation, 17), device, 0f, augmentation.toString());
            }
            float[] a = CropFlip.apply(batch, Augmentation.STANDARD, 17).toFloatArray();
            float[] b = CropFlip.apply(batch, Augmentation.STANDARD, 18).toFloatArray();
            assertTrue(!java.util.Arrays.equals(a, b), "another seed, other crops");
            assertSame(batch, CropFlip.apply(batch, Augmentation.NONE, 17), "nothing to do");
        }
    }

    @Test
    void itsGradientIsTheAdjointMap() {
        byte[] pixels = randomImages(2);
        float[] weights = scaled(randomImages(3));
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = manager.create(scaled(pixels), new Shape(N, 3, 8, 8));
            batch.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray out = CropFlip.apply(batch, Augmentation.STANDARD, 5);
                collector.backward(out.mul(manager.create(weights, out.getShape())).sum());
            }
            float[] gradient = batch.getGradient().toFloatArray();
            // d/dx_j sum_i w_i out_i = sum of w_i over the output pixels i that copy input pixel j.
            float[] expected = new float[pixels.length];
            SplittableRandom random = new SplittableRandom(5);
            int h = SHAPE.height();
            int w = SHAPE.width();
            for (int k = 0; k < N; k++) {
                CropFlip draw = CropFlip.draw(random, Augmentation.STANDARD);
                for (int c = 0; c < 3; c++) {
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            int sy = y + draw.dy();
                            int sx = (draw.flip() ? w - 1 - x : x) + draw.dx();
                            if (sy >= 0 && sy < h && sx >= 0 && sx < w) {
                                int plane = k * SHAPE.pixelCount() + c * h * w;
                                expected[plane + sy * w + sx] += weights[plane + y * w + x];
                            }
                        }
                    }
                }
            }
            assertArrayEquals(expected, gradient, 1e-6f);
        }
    }

    @Test
    void cutoutAndMixingAreRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = manager.zeros(new Shape(2, 3, 8, 8));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CropFlip.apply(batch, new Augmentation(4, true, 16, MixingKind.NONE, 1.0), 0));
            assertTrue(e.getMessage().contains("only crop and flip"), e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> CropFlip.apply(batch, new Augmentation(4, true, 0, MixingKind.MIXUP, 1.0), 0));
        }
        assertEquals(new CropFlip(0, 0, false), CropFlip.draw(new SplittableRandom(1), Augmentation.NONE));
    }
}
