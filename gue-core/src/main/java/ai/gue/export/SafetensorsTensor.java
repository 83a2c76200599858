package ai.gue.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * One named tensor of a safetensors file: its type, shape and raw little-endian bytes.
 *
 * @param name the header key
 * @param dtype the element type
 * @param shape the dimensions ({@code []} for a scalar)
 * @param data the elements in row-major order, little-endian; {@code product(shape) × dtype.bytes()} bytes
 */
public record SafetensorsTensor(String name, SafetensorsDtype dtype, long[] shape, byte[] data) {

    /** Validates that the bytes fit the shape. */
    public SafetensorsTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
        data = data.clone();
        long elements = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(name + ": negative dimension in " + Arrays.toString(shape));
            }
            elements = Math.multiplyExact(elements, d);
        }
        if (elements * dtype.bytes() != data.length) {
            throw new IllegalArgumentException(name + ": " + data.length + " bytes do not hold " + elements + " "
                    + dtype + " elements of shape " + Arrays.toString(shape));
        }
    }

    /** A float32 tensor. */
    public static SafetensorsTensor ofFloats(String name, long[] shape, float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return new SafetensorsTensor(name, SafetensorsDtype.F32, shape, buffer.array());
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Number of bytes, without copying them. */
    public int byteCount() {
        return data.length;
    }

    /** The elements of an F32 tensor. */
    public float[] floats() {
        if (dtype != SafetensorsDtype.F32) {
            throw new IllegalStateException(name + " is " + dtype + ", not F32");
        }
        float[] values = new float[data.length / 4];
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    /** Writes the bytes without copying them. */
    void writeTo(java.io.OutputStream out) throws java.io.IOException {
        out.write(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SafetensorsTensor t && name.equals(t.name) && dtype == t.dtype
                && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape);
    }
}
