package ai.gue.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Tiny synthetic datasets and archives the tests write themselves. */
final class TestData {

    private TestData() {
    }

    /** Random pixels; labels in a seeded scramble so class order differs from index order. */
    static ImageDataset random(String name, ImageShape shape, int size, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[size * shape.pixelCount()];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) random.nextInt(256);
        }
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            // every class appears when size >= classes, but not in blocks
            labels[i] = i < classes ? (classes - 1 - i) : random.nextInt(classes);
        }
        List<String> names = IntStream.range(0, classes).mapToObj(c -> "c" + c).toList();
        return new ImageDataset(name, shape, pixels, labels, names);
    }

    /** A CIFAR-shaped random dataset with the CIFAR-10 class names. */
    static ImageDataset cifar(String name, int size, long seed) {
        ImageDataset d = random(name, ImageShape.CIFAR, size, 10, seed);
        return new ImageDataset(name, d.shape(), d.pixels(), d.labels(), CifarBinaryFormat.CIFAR10_CLASSES);
    }

    /** Files (recursively) under {@code dir}, relative, sorted. */
    static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    /** A minimal ustar writer: entries of (name, bytes). */
    static void writeTar(OutputStream out, List<java.util.Map.Entry<String, byte[]>> entries) throws IOException {
        for (var e : entries) {
            byte[] header = new byte[512];
            put(header, 0, e.getKey());
            put(header, 100, "0000644\0");
            put(header, 108, "0000000\0");
            put(header, 116, "0000000\0");
            put(header, 124, String.format("%011o\0", e.getValue().length));
            put(header, 136, "00000000000\0");
            java.util.Arrays.fill(header, 148, 156, (byte) ' ');
            header[156] = '0';
            put(header, 257, "ustar\0");
            put(header, 263, "00");
            long sum = 0;
            for (byte b : header) {
                sum += b & 0xFF;
            }
            put(header, 148, String.format("%06o\0 ", sum));
            out.write(header);
            out.write(e.getValue());
            out.write(new byte[(512 - e.getValue().length % 512) % 512]);
        }
        out.write(new byte[1024]);
    }

    private static void put(byte[] header, int offset, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, header, offset, b.length);
    }

    static byte[] json(int[] labels) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < labels.length; i++) {
            sb.append(i == 0 ? "" : ",").append(labels[i]);
        }
        return sb.append("]").toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream z = new java.util.zip.GZIPOutputStream(bytes)) {
            z.write(data);
        }
        return bytes.toByteArray();
    }
}
