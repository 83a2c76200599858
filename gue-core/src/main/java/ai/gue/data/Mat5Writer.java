package ai.gue.data;

import ai.gue.util.AtomicOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A minimal writer of MATLAB level-5 MAT files, the counterpart of {@link Mat5Reader}. It exists
 * so that tests can build SVHN-like files without MATLAB, and for interop (writing a dataset in
 * SVHN's layout). Like MATLAB it writes little-endian, uses the small-element format for names of
 * up to 4 bytes, stores whole-number double arrays in 0..255 as {@code miUINT8} to save space,
 * and can wrap every variable in a zlib {@code miCOMPRESSED} element (MATLAB's {@code -v7}).
 */
public final class Mat5Writer {

    private Mat5Writer() {
    }

    /** Writes {@code arrays} to {@code file} (atomically; refuses an existing file unless {@code overwrite}). */
    public static void write(Path file, List<MatArray> arrays, boolean compress, boolean overwrite)
            throws IOException {
        AtomicOutput.writeFile(file, overwrite, (OutputStream out) -> {
            out.write(header());
            for (MatArray array : arrays) {
                byte[] matrix = matrixElement(array);
                if (compress) {
                    ByteArrayOutputStream deflated = new ByteArrayOutputStream();
                    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
                    try (DeflaterOutputStream z = new DeflaterOutputStream(deflated, deflater)) {
                        z.write(matrix);
                    } finally {
                        deflater.end();
                    }
                    out.write(tag(Mat5Reader.MI_COMPRESSED, deflated.size()));
                    deflated.writeTo(out); // compressed elements are not padded
                } else {
                    out.write(matrix);
                }
            }
        });
    }

    private static byte[] header() {
        byte[] header = new byte[Mat5Reader.HEADER_BYTES];
        Arrays.fill(header, 0, 116, (byte) ' ');
        byte[] text = "MATLAB 5.0 MAT-file, written by gue (ai.gue.data.Mat5Writer)"
                .getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, header, 0, text.length);
        header[124] = 0x00; // version 0x0100, little-endian
        header[125] = 0x01;
        header[126] = 'I';
        header[127] = 'M';
        return header;
    }

    private static byte[] matrixElement(MatArray array) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ByteBuffer flags = le(8).putInt(array.matClass().code).putInt(0);
        writeElement(body, Mat5Reader.MI_UINT32, flags.array());
        ByteBuffer dims = le(4 * array.dimensions().length);
        for (int d : array.dimensions()) {
            dims.putInt(d);
        }
        writeElement(body, Mat5Reader.MI_INT32, dims.array());
        writeElement(body, Mat5Reader.MI_INT8, array.name().getBytes(StandardCharsets.UTF_8));
        if (array.matClass().isByte()) {
            writeElement(body, array.matClass() == MatArray.MatClass.UINT8 ? Mat5Reader.MI_UINT8 : Mat5Reader.MI_INT8,
                    array.bytes());
        } else if (fitsInUint8(array.doubles())) {
            byte[] small = new byte[array.doubles().length];
            for (int i = 0; i < small.length; i++) {
                small[i] = (byte) (int) array.doubles()[i];
            }
            writeElement(body, Mat5Reader.MI_UINT8, small);
        } else {
            ByteBuffer values = le(8 * array.doubles().length);
            for (double v : array.doubles()) {
                values.putDouble(v);
            }
            writeElement(body, Mat5Reader.MI_DOUBLE, values.array());
        }
        ByteArrayOutputStream element = new ByteArrayOutputStream();
        element.write(tag(Mat5Reader.MI_MATRIX, body.size()));
        body.writeTo(element);
        return element.toByteArray();
    }

    private static boolean fitsInUint8(double[] values) {
        for (double v : values) {
            if (v != Math.rint(v) || v < 0 || v > 255) {
                return false;
            }
        }
        return true;
    }

    private static void writeElement(OutputStream out, int type, byte[] data) throws IOException {
        if (data.length <= 4 && data.length > 0) {
            // Small data element format: size in the upper half-word, data in the tag's second word.
            ByteBuffer small = le(8).putInt((data.length << 16) | type);
            small.put(data);
            out.write(small.array());
            return;
        }
        out.write(tag(type, data.length));
        out.write(data);
        out.write(new byte[(int) (Mat5Reader.padded(data.length) - data.length)]);
    }

    private static byte[] tag(int type, long size) {
        return le(8).putInt(type).putInt((int) size).array();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
