package ai.gue.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.gue.data.ImageDataset;
import ai.gue.data.ImageShape;
import ai.gue.model.TensorShapes;
import ai.gue.train.HostUpload;

/**
 * Applies a generator to every image of a dataset and stores the result as 8 bits, with the
 * budget enforced on the stored bytes: each pixel becomes {@code round(255·x')}, then is clamped
 * to {@code [x − m, x + m] ∩ [0, 255]} with {@code m = budget.maxPixelDelta()}. (The authors
 * truncate instead of rounding, which can leave pixels up to 1/255 outside the budget; DESIGN.md
 * section 5.) The generator runs in inference mode (BatchNorm running statistics), as the
 * authors' evaluation does; a diagnostic mode uses each batch's statistics instead, as the game does.
 */
public final class DatasetPoisoner {

    private final int batchSize;
    private final boolean batchStatistics;

    /** Poisons in inference mode, {@code batchSize} images per generator pass. */
    public DatasetPoisoner(int batchSize) {
        this(batchSize, false);
    }

    /**
     * @param batchStatistics normalise with each batch's own BatchNorm statistics (the generator's
     *     training mode, as during the game; it also updates the running statistics) instead of the
     *     running ones: a diagnostic for a train/inference mismatch, not the authors' protocol
     */
    public DatasetPoisoner(int batchSize, boolean batchStatistics) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.batchSize = batchSize;
        this.batchStatistics = batchStatistics;
    }

    /** Poisons {@code clean} with {@code poison}; {@code manager} is the generator's manager (or a parent). */
    public PoisonedDataset apply(GeneratorPoison poison, ImageDataset clean, NDManager manager, String name) {
        ImageShape shape = clean.shape();
        int perImage = shape.pixelCount();
        byte[] source = clean.pixels();
        byte[] poisoned = new byte[source.length];
        int maxDelta = poison.budget().maxPixelDelta();
        HostUpload upload = new HostUpload();
        for (int start = 0; start < clean.size(); start += batchSize) {
            int count = Math.min(batchSize, clean.size() - start);
            float[] batch = PixelScale.toUnit(source, start * perImage, count * perImage);
            float[] perturbed;
            try (NDManager step = manager.newSubManager()) {
                NDArray images = upload.floats(step, batch, TensorShapes.batch(count, shape));
                perturbed = poison.poison(new ParameterStore(step, false), images, batchStatistics).toFloatArray();
            }
            for (int k = 0; k < batch.length; k++) {
                poisoned[start * perImage + k] =
                        Quantization.storedWithinLinf(source[start * perImage + k] & 0xFF, perturbed[k], maxDelta);
            }
        }
        return measure(clean, new ImageDataset(name, shape, poisoned, clean.labels(), clean.classNames()));
    }

    /** The perturbation of {@code poisoned} relative to {@code clean} (same shape, same order). */
    public static PoisonedDataset measure(ImageDataset clean, ImageDataset poisoned) {
        clean.requirePairedWith(poisoned);
        int perImage = clean.shape().pixelCount();
        byte[] a = clean.pixels();
        byte[] b = poisoned.pixels();
        int maxAbs = 0;
        long changed = 0;
        double l2Sum = 0;
        for (int i = 0; i < clean.size(); i++) {
            double squares = 0;
            for (int k = i * perImage; k < (i + 1) * perImage; k++) {
                int d = (b[k] & 0xFF) - (a[k] & 0xFF);
                if (d != 0) {
                    changed++;
                    maxAbs = Math.max(maxAbs, Math.abs(d));
                    squares += (d / 255.0) * (d / 255.0);
                }
            }
            l2Sum += Math.sqrt(squares);
        }
        return new PoisonedDataset(poisoned, maxAbs, clean.size() == 0 ? 0 : l2Sum / clean.size(),
                a.length == 0 ? 0 : changed / (double) a.length);
    }
}
