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
            CropFlip draw = CropFlip.draw(random, augmentation);
            copyShifted(dataset.pixels(), index * perImage, shape, images, k * perImage, draw.dy(), draw.dx(),
                    draw.flip());
            if (augmentation.cutoutSize() > 0) {
                cutout(images, k * perImage, shape, augmentation.cutoutSize(), random.nextInt(shape.height()),
                        random.nextInt(shape.width()));
            }
        }
        return switch (augmentation.mixing()) {
            case NONE -> new HostBatch(images, labels, indices);
            case MIXUP, CUTMIX -> mix(images, labels, indices, shape, random);
        };
    }

    /**
     * Cutout: zeroes the square of side {@code size} centred at ({@code centreY}, {@code centreX}),
     * clipped to the image, in every channel: rows {@code [centreY − size/2, centreY − size/2 + size)}.
     */
    static void cutout(float[] images, int offset, ImageShape shape, int size, int centreY, int centreX) {
        int h = shape.height();
        int w = shape.width();
        int top = Math.max(0, centreY - size / 2);
        int bottom = Math.min(h, centreY - size / 2 + size);
        int left = Math.max(0, centreX - size / 2);
        int right = Math.min(w, centreX - size / 2 + size);
        for (int c = 0; c < shape.channels(); c++) {
            for (int y = top; y < bottom; y++) {
                java.util.Arrays.fill(images, offset + (c * h + y) * w + left, offset + (c * h + y) * w + right, 0f);
            }
        }
    }

    /** mixup or CutMix of the batch with a random permutation of itself (see {@link MixingKind}). */
    private HostBatch mix(float[] images, int[] labels, int[] indices, ImageShape shape, SplittableRandom random) {
        int size = labels.length;
        int perImage = shape.pixelCount();
        int[] partner = new int[size];
        for (int k = 0; k < size; k++) {
            partner[k] = k;
        }
        Shuffle.inPlace(partner, random);
        double lambda = BetaDistribution.symmetric(random, augmentation.mixingAlpha());
        float[] mixed = new float[images.length];
        float ownWeight;
        if (augmentation.mixing() == MixingKind.MIXUP) {
            float own = (float) lambda;
            for (int k = 0; k < size; k++) {
                int a = k * perImage;
                int b = partner[k] * perImage;
                for (int p = 0; p < perImage; p++) {
                    mixed[a + p] = own * images[a + p] + (1 - own) * images[b + p];
                }
            }
            ownWeight = own;
        } else {
            int h = shape.height();
            int w = shape.width();
            double ratio = Math.sqrt(1 - lambda);
            int boxH = (int) (h * ratio);
            int boxW = (int) (w * ratio);
            int centreY = random.nextInt(h);
            int centreX = random.nextInt(w);
            int top = Math.max(0, centreY - boxH / 2);
            int bottom = Math.min(h, centreY + boxH / 2);
            int left = Math.max(0, centreX - boxW / 2);
            int right = Math.min(w, centreX + boxW / 2);
            System.arraycopy(images, 0, mixed, 0, images.length);
            for (int k = 0; k < size; k++) {
                for (int c = 0; c < shape.channels(); c++) {
                    for (int y = top; y < bottom; y++) {
                        int row = (c * h + y) * w;
                        System.arraycopy(images, partner[k] * perImage + row + left, mixed, k * perImage + row + left,
                                right - left);
                    }
                }
            }
            ownWeight = 1f - (bottom - top) * (right - left) / (float) (h * w);
        }
        int[] partnerLabels = new int[size];
        float[] ownWeights = new float[size];
        for (int k = 0; k < size; k++) {
            partnerLabels[k] = labels[partner[k]];
            ownWeights[k] = ownWeight;
        }
        return new HostBatch(mixed, labels, indices, partnerLabels, ownWeights);
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
