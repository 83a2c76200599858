package ai.gue.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * One numeric variable of a MATLAB level-5 MAT file: its name, its dimensions (MATLAB order,
 * column-major: element (i, j, k, ...) sits at i + d0 * (j + d1 * (k + ...))) and its values.
 * 8-bit classes keep their raw bytes in {@link #bytes()}; every other numeric class is widened to
 * {@link #doubles()} (exact for all MATLAB integer classes up to 32 bits and for single/double).
 */
public record MatArray(String name, int[] dimensions, MatClass matClass, byte[] bytes, double[] doubles) {

    /** The MATLAB array classes this package understands (the {@code mx*_CLASS} codes). */
    public enum MatClass {
        DOUBLE(6), SINGLE(7), INT8(8), UINT8(9), INT16(10), UINT16(11), INT32(12), UINT32(13);

        /** The code MAT files store in the array-flags sub-element. */
        public final int code;

        MatClass(int code) {
            this.code = code;
        }

        /** The class with this code, or null for classes not supported (cell, struct, char, sparse, ...). */
        public static MatClass ofCode(int code) {
            for (MatClass c : values()) {
                if (c.code == code) {
                    return c;
                }
            }
            return null;
        }

        /** Whether values are held as raw bytes rather than doubles. */
        public boolean isByte() {
            return this == INT8 || this == UINT8;
        }
    }

    public MatArray {
        Objects.requireNonNull(name, "name");
        dimensions = dimensions.clone();
        Objects.requireNonNull(matClass, "matClass");
        long count = 1;
        for (int d : dimensions) {
            if (d < 0) {
                throw new IllegalArgumentException(name + ": negative dimension in " + Arrays.toString(dimensions));
            }
            count *= d;
        }
        int held = matClass.isByte() ? Objects.requireNonNull(bytes, "bytes").length
                : Objects.requireNonNull(doubles, "doubles").length;
        if (held != count) {
            throw new IllegalArgumentException(name + ": dimensions " + Arrays.toString(dimensions)
                    + " need " + count + " values but " + held + " were given");
        }
    }

    /** A uint8 array (does not copy {@code values}). */
    public static MatArray uint8(String name, int[] dimensions, byte[] values) {
        return new MatArray(name, dimensions, MatClass.UINT8, values, null);
    }

    /** A double array (does not copy {@code values}). */
    public static MatArray ofDoubles(String name, int[] dimensions, double[] values) {
        return new MatArray(name, dimensions, MatClass.DOUBLE, null, values);
    }

    /** Number of elements. */
    public int elementCount() {
        return matClass.isByte() ? bytes.length : doubles.length;
    }

    /** Element {@code index} (column-major) as a double: bytes are unsigned for UINT8, signed for INT8. */
    public double value(int index) {
        return switch (matClass) {
            case UINT8 -> bytes[index] & 0xFF;
            case INT8 -> bytes[index];
            default -> doubles[index];
        };
    }

    @Override
    public String toString() {
        return name + " " + matClass + Arrays.toString(dimensions);
    }
}
