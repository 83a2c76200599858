package ai.gue.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Copies Java arrays (a batch's images and labels) into arrays whose memory libtorch owns, through
 * one direct buffer that is reused for every copy.
 *
 * <p>Why not {@code manager.create(float[])}: DJL copies the data into a fresh Java direct buffer
 * and lets the tensor use that buffer's memory, which goes back to the system only when the garbage
 * collector collects the buffer, long after the array is closed. A training step's batch (3 MiB for
 * 256 CIFAR images) then stays resident until the next collection, and since collections grow
 * rarer as the JVM sizes its young generation up during the first epochs, resident memory grew for
 * several epochs before it levelled off. Here the tensor is libtorch's own (freed when its manager
 * closes) and the only direct buffer is this object's, as large as the largest batch.
 *
 * <p>Not thread-safe: one per training loop.
 */
public final class HostUpload {

    private ByteBuffer staging = ByteBuffer.allocateDirect(0).order(ByteOrder.nativeOrder());

    /** A float32 array of {@code shape} holding {@code values}, owned by {@code manager}. */
    public NDArray floats(NDManager manager, float[] values, Shape shape) {
        ByteBuffer buffer = staging(values.length * Float.BYTES);
        buffer.asFloatBuffer().put(values);
        return upload(manager, buffer, shape, DataType.FLOAT32, values.length);
    }

    /** An int32 vector holding {@code values}, owned by {@code manager}. */
    public NDArray ints(NDManager manager, int[] values) {
        ByteBuffer buffer = staging(values.length * Integer.BYTES);
        buffer.asIntBuffer().put(values);
        return upload(manager, buffer, new Shape(values.length), DataType.INT32, values.length);
    }

    /** A float32 vector holding {@code values}, owned by {@code manager}. */
    public NDArray floats(NDManager manager, float[] values) {
        return floats(manager, values, new Shape(values.length));
    }

    private static NDArray upload(NDManager manager, ByteBuffer buffer, Shape shape, DataType type, int count) {
        if (shape.size() != count) {
            throw new IllegalArgumentException(count + " values do not fill shape " + shape);
        }
        // A direct buffer in native order is wrapped, not copied (so is NDArray.set: it makes the
        // tensor use the buffer's memory); the clone is libtorch's own memory.
        try (NDArray view = manager.create(buffer, shape, type)) {
            return view.duplicate();
        }
    }

    /** The staging buffer, at least {@code bytes} long, positioned at 0 with its limit at {@code bytes}. */
    private ByteBuffer staging(int bytes) {
        if (staging.capacity() < bytes) {
            staging = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        }
        staging.clear();
        staging.limit(bytes);
        return staging;
    }
}
