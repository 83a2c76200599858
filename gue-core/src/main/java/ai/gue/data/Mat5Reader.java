package ai.gue.data;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * A minimal reader of MATLAB level-5 MAT files (the format of SVHN's {@code *_32x32.mat}): numeric,
 * real, non-sparse matrices ({@code miMATRIX}), plain or inside {@code miCOMPRESSED} (zlib)
 * elements, either byte order, with the small-element format. It streams: only the variables asked
 * for are held in memory. Other variables (cells, structs, chars, sparse) are skipped; asking for
 * one of them is an error. MAT v7.3 files are HDF5 and are not supported.
 */
public final class Mat5Reader {

    static final int MI_INT8 = 1, MI_UINT8 = 2, MI_INT16 = 3, MI_UINT16 = 4, MI_INT32 = 5, MI_UINT32 = 6,
            MI_SINGLE = 7, MI_DOUBLE = 9, MI_INT64 = 12, MI_UINT64 = 13, MI_MATRIX = 14, MI_COMPRESSED = 15;
    static final int HEADER_BYTES = 128;

    private final Path file;

    private Mat5Reader(Path file) {
        this.file = file;
    }

    /** Reads every supported numeric variable of the file, in file order. */
    public static Map<String, MatArray> read(Path file) throws IOException {
        return new Mat5Reader(file).readVariables(name -> true);
    }

    /**
     * Reads the named variables; the others are skipped without being kept.
     *
     * @throws DataFormatException if one of {@code names} is missing or not a supported numeric matrix
     */
    public static Map<String, MatArray> read(Path file, Set<String> names) throws IOException {
        Map<String, MatArray> found = new Mat5Reader(file).readVariables(names::contains);
        for (String name : names) {
            if (!found.containsKey(name)) {
                throw new DataFormatException(file, "no variable '" + name + "' (found " + found.keySet() + ")");
            }
        }
        return found;
    }

    private Map<String, MatArray> readVariables(Predicate<String> wanted) throws IOException {
        Map<String, MatArray> result = new LinkedHashMap<>();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] header = raw.readNBytes(HEADER_BYTES);
            ByteOrder order = headerByteOrder(header);
            Source top = new Source(raw, order, 0);
            while (true) {
                long elementOffset = top.position;
                Tag tag = top.readTagOrEnd(elementOffset);
                if (tag == null) {
                    break;
                }
                if (tag.type == MI_COMPRESSED) {
                    // The compressed bytes hold exactly one element; they are not padded.
                    Bounded compressed = new Bounded(top, tag.size);
                    Inflater inflater = new Inflater();
                    try (InputStream inflated = new InflaterInputStream(compressed, inflater, 1 << 16)) {
                        Source inner = new Source(inflated, order, 0);
                        Tag innerTag = inner.readTagOrEnd(0);
                        if (innerTag != null && innerTag.type == MI_MATRIX) {
                            readMatrix(inner, innerTag.size, elementOffset, wanted, result);
                        }
                    } catch (java.util.zip.ZipException e) {
                        throw new DataFormatException(file, "corrupt compressed element at byte offset "
                                + elementOffset + ": " + e.getMessage(), e);
                    } finally {
                        inflater.end();
                    }
                    compressed.skipRest();
                } else if (tag.type == MI_MATRIX) {
                    Bounded body = new Bounded(top, tag.size);
                    readMatrix(new Source(body, order, 0), tag.size, elementOffset, wanted, result);
                    body.skipRest();
                    top.skipPadding(tag.size);
                } else {
                    top.skipFully(padded(tag.size), elementOffset);
                }
            }
        }
        return result;
    }

    private ByteOrder headerByteOrder(byte[] header) {
        if (header.length < HEADER_BYTES) {
            throw new DataFormatException(file, "only " + header.length
                    + " bytes: a MAT file starts with a 128-byte header");
        }
        String text = new String(header, 0, 116, StandardCharsets.ISO_8859_1);
        if (text.startsWith("HDF") || header[0] == (byte) 0x89) {
            throw new DataFormatException(file, "is a MAT v7.3 (HDF5) file; save it with -v7 or -v6");
        }
        if (!text.startsWith("MATLAB")) {
            throw new DataFormatException(file, "header does not start with 'MATLAB': not a MAT level-5 file");
        }
        if (header[126] == 'I' && header[127] == 'M') {
            return ByteOrder.LITTLE_ENDIAN;
        }
        if (header[126] == 'M' && header[127] == 'I') {
            return ByteOrder.BIG_ENDIAN;
        }
        throw new DataFormatException(file, "endian indicator at byte offset 126 is neither 'IM' nor 'MI'");
    }

    /** Reads the body of an miMATRIX element (its tag already consumed). */
    private void readMatrix(Source in, long size, long elementOffset, Predicate<String> wanted,
                            Map<String, MatArray> result) throws IOException {
        if (size == 0) {
            return; // an empty placeholder matrix
        }
        byte[] flags = in.readSubelement(elementOffset, "array flags");
        ByteBuffer flagBuffer = ByteBuffer.wrap(flags).order(in.order);
        int flagWord = flagBuffer.getInt(0);
        int classCode = flagWord & 0xFF;
        boolean complex = (flagWord & 0x0800) != 0;
        ByteBuffer dimBuffer = ByteBuffer.wrap(in.readSubelement(elementOffset, "dimensions")).order(in.order);
        int[] dims = new int[dimBuffer.capacity() / 4];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = dimBuffer.getInt(4 * i);
        }
        String name = new String(in.readSubelement(elementOffset, "array name"), StandardCharsets.UTF_8);
        if (!wanted.test(name)) {
            return; // the caller skips the rest of the element
        }
        MatArray.MatClass matClass = MatArray.MatClass.ofCode(classCode);
        if (matClass == null || complex) {
            throw new DataFormatException(file, "variable '" + name + "' at byte offset " + elementOffset
                    + " has MATLAB class code " + classCode + (complex ? " (complex)" : "")
                    + "; expected a real numeric matrix");
        }
        Tag dataTag = in.readTag(elementOffset, "real part of '" + name + "'");
        long count = 1;
        for (int d : dims) {
            count *= d;
        }
        int width = storageWidth(dataTag.type, elementOffset, name);
        if (dataTag.size != count * width) {
            throw new DataFormatException(file, "variable '" + name + "' at byte offset " + elementOffset
                    + ": dimensions " + java.util.Arrays.toString(dims) + " need " + count * width
                    + " data bytes but the element holds " + dataTag.size);
        }
        if (dataTag.size > Integer.MAX_VALUE - 16) {
            throw new DataFormatException(file, "variable '" + name + "' is too large (" + dataTag.size + " bytes)");
        }
        byte[] data = dataTag.smallData != null ? dataTag.smallData : in.readFully((int) dataTag.size, elementOffset);
        MatArray array = matClass.isByte()
                ? new MatArray(name, dims, matClass, toBytes(data, dataTag.type, in.order, (int) count), null)
                : new MatArray(name, dims, matClass, null, toDoubles(data, dataTag.type, in.order, (int) count));
        result.put(name, array);
    }

    private int storageWidth(int type, long elementOffset, String name) {
        return switch (type) {
            case MI_INT8, MI_UINT8 -> 1;
            case MI_INT16, MI_UINT16 -> 2;
            case MI_INT32, MI_UINT32, MI_SINGLE -> 4;
            case MI_DOUBLE, MI_INT64, MI_UINT64 -> 8;
            default -> throw new DataFormatException(file, "variable '" + name + "' at byte offset "
                    + elementOffset + " stores its data as MAT type " + type + "; expected a numeric type");
        };
    }

    private static byte[] toBytes(byte[] data, int type, ByteOrder order, int count) {
        if (type == MI_UINT8 || type == MI_INT8) {
            return data; // the usual case, no copy
        }
        double[] values = toDoubles(data, type, order, count);
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++) {
            bytes[i] = (byte) (long) values[i];
        }
        return bytes;
    }

    private static double[] toDoubles(byte[] data, int type, ByteOrder order, int count) {
        ByteBuffer b = ByteBuffer.wrap(data).order(order);
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = switch (type) {
                case MI_INT8 -> data[i];
                case MI_UINT8 -> data[i] & 0xFF;
                case MI_INT16 -> b.getShort(2 * i);
                case MI_UINT16 -> b.getShort(2 * i) & 0xFFFF;
                case MI_INT32 -> b.getInt(4 * i);
                case MI_UINT32 -> b.getInt(4 * i) & 0xFFFFFFFFL;
                case MI_SINGLE -> b.getFloat(4 * i);
                case MI_DOUBLE -> b.getDouble(8 * i);
                case MI_INT64 -> (double) b.getLong(8 * i);
                case MI_UINT64 -> Double.parseDouble(Long.toUnsignedString(b.getLong(8 * i)));
                default -> throw new IllegalStateException("type " + type);
            };
        }
        return out;
    }

    static long padded(long size) {
        return (size + 7) & ~7L;
    }

    /** An element tag; {@code smallData} is set for the small-element format (data in the tag). */
    private record Tag(int type, long size, byte[] smallData) {
    }

    /** A byte source with a byte order and a position, for error messages and padding. */
    private final class Source {
        final InputStream in;
        final ByteOrder order;
        long position;

        Source(InputStream in, ByteOrder order, long position) {
            this.in = in;
            this.order = order;
            this.position = position;
        }

        /** The next tag, or null at a clean end of input. */
        Tag readTagOrEnd(long elementOffset) throws IOException {
            byte[] first = in.readNBytes(8);
            position += first.length;
            if (first.length == 0) {
                return null;
            }
            if (first.length < 8) {
                throw new DataFormatException(file, "truncated element tag at byte offset " + elementOffset);
            }
            return parseTag(first);
        }

        Tag readTag(long elementOffset, String what) throws IOException {
            Tag tag = readTagOrEnd(elementOffset);
            if (tag == null) {
                throw new DataFormatException(file, "element at byte offset " + elementOffset
                        + " ends before its " + what);
            }
            return tag;
        }

        private Tag parseTag(byte[] tagBytes) {
            ByteBuffer b = ByteBuffer.wrap(tagBytes).order(order);
            int word = b.getInt(0);
            int smallSize = word >>> 16;
            if (smallSize != 0) {
                // Small data element: size and type share the first word, data sits in the second.
                byte[] data = new byte[Math.min(smallSize, 4)];
                System.arraycopy(tagBytes, 4, data, 0, data.length);
                return new Tag(word & 0xFFFF, smallSize, data);
            }
            return new Tag(word, b.getInt(4) & 0xFFFFFFFFL, null);
        }

        /** A whole sub-element's data (small or normal format), padding consumed. */
        byte[] readSubelement(long elementOffset, String what) throws IOException {
            Tag tag = readTag(elementOffset, what);
            if (tag.smallData != null) {
                return tag.smallData;
            }
            if (tag.size > 1 << 20) {
                throw new DataFormatException(file, "element at byte offset " + elementOffset + ": " + what
                        + " claims " + tag.size + " bytes");
            }
            byte[] data = readFully((int) tag.size, elementOffset);
            skipPadding(tag.size);
            return data;
        }

        byte[] readFully(int n, long elementOffset) throws IOException {
            byte[] data = in.readNBytes(n);
            position += data.length;
            if (data.length < n) {
                throw new DataFormatException(file, "element at byte offset " + elementOffset
                        + " is truncated: expected " + n + " more bytes, got " + data.length);
            }
            return data;
        }

        void skipPadding(long size) throws IOException {
            skipFully(padded(size) - size, -1);
        }

        void skipFully(long n, long elementOffset) throws IOException {
            long left = n;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        if (elementOffset < 0) {
                            return; // padding missing at the very end of a file: harmless
                        }
                        throw new DataFormatException(file, "element at byte offset " + elementOffset
                                + " is truncated (" + left + " bytes missing)");
                    }
                    skipped = 1;
                }
                left -= skipped;
                position += skipped;
            }
        }
    }

    /** A view of the next {@code size} bytes of a source; closing it does not close the source. */
    private final class Bounded extends FilterInputStream {
        private final Source source;
        private long left;

        Bounded(Source source, long size) {
            super(source.in);
            this.source = source;
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
                source.position++;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(buf, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
                source.position += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(Math.min(n, left));
            if (skipped > 0) {
                left -= skipped;
                source.position += skipped;
            }
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), left);
        }

        @Override
        public void close() {
            // the underlying stream belongs to the caller
        }

        void skipRest() throws IOException {
            long start = source.position;
            while (left > 0) {
                long skipped = skip(left);
                if (skipped <= 0) {
                    if (read() < 0) {
                        throw new DataFormatException(file, "element ending near byte offset " + (start + left)
                                + " is truncated: " + left + " bytes missing");
                    }
                }
            }
        }
    }

}
