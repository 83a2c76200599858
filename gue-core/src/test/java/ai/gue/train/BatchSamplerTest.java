package ai.gue.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.gue.data.ImageDataset;
import ai.gue.data.ImageShape;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchSamplerTest {

    /** Image i has pixel value (c*16 + y*4 + x + i) at (c, y, x): every position is identifiable. */
    private static ImageDataset ramps(int n) {
        ImageShape shape = new ImageShape(2, 4, 4);
        byte[] pixels = new byte[n * shape.pixelCount()];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            for (int c = 0; c < 2; c++) {
                for (int y = 0; y < 4; y++) {
                    for (int x = 0; x < 4; x++) {
                        pixels[i * 32 + c * 16 + y * 4 + x] = (byte) (c * 16 + y * 4 + x + i);
                    }
                }
            }
        }
        return new ImageDataset("ramps", shape, pixels, labels, List.of("even", "odd"));
    }

    @Test
    void shiftedCopyIsACropOfTheZeroPaddedImage() {
        ImageDataset d = ramps(1);
        float[] out = new float[32];
        // dy = 1, dx = -2: output (y, x) = source (y + 1, x - 2), zero outside.
        BatchSampler.copyShifted(d.pixels(), 0, d.shape(), out, 0, 1, -2, false);
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    int sy = y + 1;
                    int sx = x - 2;
                    float expected = (sy < 4 && sx >= 0) ? (c * 16 + sy * 4 + sx) / 255f : 0f;
                    assertEquals(expected, out[c * 16 + y * 4 + x], 0f, "c" + c + " y" + y + " x" + x);
                }
            }
        }
    }

    @Test
    void flipMirrorsEachRow() {
        ImageDataset d = ramps(1);
        float[] out = new float[32];
        BatchSampler.copyShifted(d.pixels(), 0, d.shape(), out, 0, 0, 0, true);
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    assertEquals((c * 16 + y * 4 + (3 - x)) / 255f, out[c * 16 + y * 4 + x], 0f);
                }
            }
        }
    }

    @Test
    void withoutAugmentationBatchesAreTheScaledImagesInOrder() {
        ImageDataset d = ramps(5);
        BatchSampler sampler = new BatchSampler(d, 2, Augmentation.NONE, false);
        assertEquals(3, sampler.batchesPerEpoch());
        int[] order = sampler.order(42);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, order);
        HostBatch last = sampler.batch(order, 2, 7);
        assertEquals(1, last.size());
        assertArrayEquals(new int[] {4}, last.indices());
        assertEquals((0 + 4) / 255f, last.images()[0], 0f);
        assertEquals((31 + 4) / 255f, last.images()[31], 0f);
    }

    @Test
    void shuffledOrderIsAPermutationFixedBySeed() {
        ImageDataset d = ramps(50);
        BatchSampler sampler = new BatchSampler(d, 8, Augmentation.STANDARD, true);
        int[] a = sampler.order(1);
        int[] b = sampler.order(1);
        int[] c = sampler.order(2);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i]);
        }
        HostBatch first = sampler.batch(a, 3, 99);
        HostBatch again = sampler.batch(a, 3, 99);
        assertArrayEquals(first.images(), again.images(), 0f);
        assertArrayEquals(first.labels(), again.labels());
    }
}
