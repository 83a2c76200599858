package ai.gue.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bilinear ×2 upsampling with {@code align_corners=True} (PyTorch's {@code nn.Upsample(scale_factor=2,
 * mode='bilinear', align_corners=True)}), written as two matrix products so that it runs on any DJL
 * engine and differentiates for free: {@code out = A_h · X · A_wᵀ}, where {@code A_n} has shape
 * (2n, n) and row {@code d} interpolates source position {@code d·(n−1)/(2n−1)} between its two
 * neighbouring pixels.
 *
 * <p>The interpolation weights are cached per size as Java arrays; the small matrices are created for
 * each call in the input's own {@link NDManager} (and so on its device), so they are freed together
 * with the step's other arrays and never outlive the manager they were made for.
 */
public final class BilinearUpsampling {
    private static final Map<Long, float[]> CACHE = new ConcurrentHashMap<>();

    private BilinearUpsampling() {}

    /** Upsamples the last two axes of {@code x} (N, C, H, W) to (N, C, 2H, 2W). */
    public static NDArray upsample2x(NDArray x) {
        Shape shape = x.getShape();
        int dims = shape.dimension();
        return upsample2x(x, 2 * shape.get(dims - 2), 2 * shape.get(dims - 1));
    }

    /**
     * Upsamples the last two axes ×2 and zero-pads the result to {@code (outHeight, outWidth)}, as the
     * UNet does when an odd-sized skip connection is one pixel larger than the upsampled map (the
     * padding goes {@code floor(diff / 2)} before and the rest after).
     */
    public static NDArray upsample2x(NDArray x, long outHeight, long outWidth) {
        Shape shape = x.getShape();
        int dims = shape.dimension();
        if (dims < 2) {
            throw new IllegalArgumentException("bilinear upsampling needs at least 2 axes, got " + shape);
        }
        int height = Math.toIntExact(shape.get(dims - 2));
        int width = Math.toIntExact(shape.get(dims - 1));
        NDManager manager = x.getManager();
        DataType type = x.getDataType();
        try (NDArray rows = matrix(manager, width, Math.toIntExact(outWidth), type);
                NDArray rowsT = rows.transpose();
                NDArray cols = matrix(manager, height, Math.toIntExact(outHeight), type);
                NDArray widened = x.matMul(rowsT)) {
            // widened: (..., H, outW); the result is created in the first operand's manager: x's.
            return cols.matMul(widened);
        }
    }

    /**
     * The interpolation matrix as a tensor that libtorch owns. {@code manager.create(float[])} only
     * wraps a Java direct buffer, which is freed once its array is closed and collected, while the
     * autograd graph keeps the tensor for the backward pass ({@code matMul} saves its operands): the
     * copy makes the graph, not the Java object, keep the values alive, so the arrays may be closed
     * right after the forward pass.
     */
    private static NDArray matrix(NDManager manager, int size, int outSize, DataType type) {
        float[] weights = CACHE.computeIfAbsent(key(size, outSize), k -> computeWeights(size, outSize));
        try (NDArray wrapped = manager.create(weights, new Shape(outSize, size))) {
            return type != DataType.FLOAT32 ? wrapped.toType(type, true) : wrapped.duplicate();
        }
    }

    /**
     * The (outSize × size) row-major interpolation matrix for ×2 upsampling with align_corners, with
     * the 2·size interpolated rows placed at offset {@code floor((outSize − 2·size) / 2)} and zero rows
     * elsewhere.
     */
    static float[] weights(int size, int outSize) {
        return CACHE.computeIfAbsent(key(size, outSize), k -> computeWeights(size, outSize)).clone();
    }

    private static long key(int size, int outSize) {
        if (size < 1 || outSize < 2 * size) {
            throw new IllegalArgumentException("cannot upsample " + size + " pixels ×2 into " + outSize);
        }
        return ((long) size << 32) | outSize;
    }

    private static float[] computeWeights(int size, int outSize) {
        int upsampled = 2 * size;
        int offset = (outSize - upsampled) / 2;
        float[] a = new float[outSize * size];
        double scale = size == 1 ? 0 : (size - 1) / (double) (upsampled - 1);
        for (int d = 0; d < upsampled; d++) {
            double source = d * scale;
            int low = Math.min((int) Math.floor(source), size - 1);
            int high = Math.min(low + 1, size - 1);
            double frac = source - low;
            int row = (d + offset) * size;
            a[row + low] += (float) (1 - frac);
            a[row + high] += (float) frac;
        }
        return a;
    }
}
