package ai.gue.train;

import ai.gue.data.ImageShape;
import java.util.SplittableRandom;

/**
 * A seeded batch of random 8-bit images (as floats in [0, 1]) and random labels: the input of the
 * throughput benchmarks, which measure cost, not learning.
 */
public record RandomBatch(float[] images, int[] labels) {

    /** {@code batchSize} random images of {@code shape} with labels in [0, classes). */
    public static RandomBatch of(ImageShape shape, int batchSize, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] images = new float[batchSize * shape.pixelCount()];
        for (int i = 0; i < images.length; i++) {
            images[i] = random.nextInt(256) / 255f;
        }
        int[] labels = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            labels[i] = random.nextInt(classes);
        }
        return new RandomBatch(images, labels);
    }
}
