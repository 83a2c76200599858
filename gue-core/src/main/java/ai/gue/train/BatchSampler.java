package ai.gue.train;

import ai.gue.data.ImageDataset;
import ai.gue.data.ImageShape;
import ai.gue.util.Shuffle;
import java.util.SplittableRandom;

/**
 * Turns a dataset into mini-batches of floats in [0, 1]: the epoch's order (a seeded shuffle, or
 * dataset order) and per-image augmentation are both drawn from a generator seeded for that epoch
 * alone, so epoch k's batches do not depend on how many epochs ran before (needed to resume).
 */
public final class BatchSampler {

    private final ImageDataset dataset;
    private final int batchSize;
    private final Augmentation augmentation;
    private final boolean shuffle;

    public BatchSampler(ImageDataset dataset, int batchSize, Augmentation augmentation, boolean shuffle) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.augmentation = augmentation;
        this.shuffle = shuffle;
    }

    /** Number of batches per epoch; the last one may be smaller. */
    public int batchesPerEpoch() {
        return (dataset.size() + batchSize - 1) / batchSize;
    }

    /** The order of the epoch seeded by {@code epochSeed}: a Fisher-Yates shuffle, or identity. */
    public int[] order(long epochSeed) {
        int[] order = new int[dataset.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (shuffle) {
            Shuffle.inPlace(order, new SplittableRandom(epochSeed));
        }
        return order;
    }

    /**
     * Batch {@code batchIndex} of the epoch with the given order; augmentation draws from
     * {@code augmentationSeed} mixed with the batch index, so batches can be built in any order.
     */
    public HostBatch batch(int[] order, int batchIndex, long augmentationSeed) {
        int start = batchIndex * batchSize;
        int size = Math.min(batchSize, order.length - start);
        if (size <= 0) {
            throw new IndexOutOfBoundsException("batch " + batchIndex + " of an epoch of " + batchesPerEpoch());
        }
        ImageShape shape = dataset.shape();
        int perImage = shape.pixelCount();
        float[] images = new float[size * perImage];
        int[] labels = new int[size];
        int[] indices = new int[size];
        SplittableRandom random = new SplittableRandom(augmentationSeed ^ (0x9E3779B97F4A7C15L * (batchIndex + 1)));
        for (int k = 0; k < size; k++) {
            int index = order[start + k];
            indices[k] = index;
            labels[k] = dataset.label(index);
            int pad = augmentation.cropPadding();
            int dy = pad == 0 ? 0 : random.nextInt(2 * pad + 1) - pad;
            int dx = pad == 0 ? 0 : random.nextInt(2 * pad + 1) - pad;
            boolean flip = augmentation.horizontalFlip() && random.nextBoolean();
            copyShifted(dataset.pixels(), index * perImage, shape, images, k * perImage, dy, dx, flip);
        }
        return new HostBatch(images, labels, indices);
    }

    /**
     * Writes the image shifted by (dy, dx) with zero fill (= crop of the zero-padded image at
     * offset (pad + dy, pad + dx)), optionally mirrored, scaled to [0, 1].
     */
    static void copyShifted(byte[] source, int sourceOffset, ImageShape shape, float[] target, int targetOffset,
            int dy, int dx, boolean flip) {
        int h = shape.height();
        int w = shape.width();
        for (int c = 0; c < shape.channels(); c++) {
            int plane = c * h * w;
            for (int y = 0; y < h; y++) {
                int sy = y + dy;
                for (int x = 0; x < w; x++) {
                    int sx = (flip ? w - 1 - x : x) + dx;
                    float value = 0f;
                    if (sy >= 0 && sy < h && sx >= 0 && sx < w) {
                        value = (source[sourceOffset + plane + sy * w + sx] & 0xFF) / 255f;
                    }
                    target[targetOffset + plane + y * w + x] = value;
                }
            }
        }
    }
}
