package ai.gue.data;

import ai.gue.util.AtomicOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The flat layout that APBench and Image Shortcut Squeezing (ISS) read poisoned training sets
 * from: one PNG per training index, named by the bare index, in the dataset's own order.
 *
 * <pre>
 * root/data/0.png, 1.png, ..., (N-1).png   image i of the training split (no zero padding)
 * root/labels.txt                          N lines; line i is the class index of data/i.png
 * root/classes.txt                         one class name per line; line k names class k
 * root/test/                               the test split in the same layout (optional)
 * </pre>
 *
 * <p>Where the names come from: APBench's {@code util.py} ({@code Dataset_load}) lists
 * {@code dataset/<attack>_poisons/<c10|c100|svhn>/data/} and maps each file {@code <i>.png} to
 * training index {@code i}, taking the label from the clean dataset; its generators (e.g.
 * {@code DC/dc_poisons_generate.py}) write {@code str(idx) + ".png"} there. ISS's
 * {@code poison_loaders.py} ({@code folder_load}) opens {@code poison_path + str(i) + '.png'} for
 * {@code i} in 0..49999 with CIFAR-10's labels. Neither reads a label file, so gue keeps its labels
 * and class names <em>next to</em> {@code data/}, where both tools ignore them: point APBench's
 * {@code dataset/<attack>_poisons/c10} at {@code root}, and ISS's {@code --poison_path} at
 * {@code root/data/} (with the trailing slash: ISS concatenates strings).
 *
 * <p>Reading is strict: {@code data/} must hold exactly the files {@code 0.png} .. {@code (N-1).png}
 * for the N lines of {@code labels.txt} (hidden files are ignored), every image the first one's size.
 * Any other entry, a missing index or a wrongly sized image is an error naming the file.
 */
public final class IndexedPngFormat {

    /** The folder of images, as APBench names it. */
    public static final String IMAGES = "data";
    /** Labels, one class index per line. */
    public static final String LABELS = "labels.txt";
    /** Class names, one per line. */
    public static final String CLASSES = "classes.txt";
    /** The test split's sub-folder. */
    public static final String TEST = "test";

    private IndexedPngFormat() {
    }

    /** Whether {@code dir} holds this layout: a {@code data/} folder and {@code labels.txt}. */
    public static boolean looksLikeIndexedPng(Path dir) {
        return Files.isDirectory(dir.resolve(IMAGES)) && Files.isRegularFile(dir.resolve(LABELS));
    }

    /** Whether {@code dir} also holds a test split in the same layout. */
    public static boolean hasTestSplit(Path dir) {
        return looksLikeIndexedPng(dir.resolve(TEST));
    }

    /** Writes the training split into {@code root} and the test split into {@code root/test}, atomically as one folder. */
    public static void writeSplit(DatasetPair data, Path root, boolean overwrite) throws IOException {
        AtomicOutput.writeDirectory(root, overwrite, temp -> {
            writeInto(data.train(), temp);
            writeInto(data.test(), Files.createDirectory(temp.resolve(TEST)));
        });
    }

    /** Writes one split into {@code root}, atomically. */
    public static void write(ImageDataset dataset, Path root, boolean overwrite) throws IOException {
        AtomicOutput.writeDirectory(root, overwrite, temp -> writeInto(dataset, temp));
    }

    private static void writeInto(ImageDataset dataset, Path folder) throws IOException {
        for (String name : dataset.classNames()) {
            if (name.contains("\n") || name.contains("\r") || name.isBlank()) {
                throw new IllegalArgumentException(dataset.name() + ": class name '" + name
                        + "' cannot be one line of " + CLASSES);
            }
        }
        Path images = Files.createDirectory(folder.resolve(IMAGES));
        StringBuilder labels = new StringBuilder(dataset.size() * 2);
        for (int i = 0; i < dataset.size(); i++) {
            PngCodec.write(dataset.shape(), dataset.pixels(), i * dataset.shape().pixelCount(),
                    images.resolve(i + ".png"));
            labels.append(dataset.label(i)).append('\n');
        }
        Files.writeString(folder.resolve(LABELS), labels, StandardCharsets.UTF_8);
        Files.writeString(folder.resolve(CLASSES), String.join("\n", dataset.classNames()) + "\n",
                StandardCharsets.UTF_8);
    }

    /** Reads one split from {@code root}, named {@code name}. */
    public static ImageDataset read(Path root, String name) throws IOException {
        Path images = root.resolve(IMAGES);
        if (!Files.isDirectory(images)) {
            throw new DataFormatException(images, "missing: expected a folder of <index>.png images");
        }
        List<String> classNames = lines(root.resolve(CLASSES));
        if (classNames.isEmpty()) {
            throw new DataFormatException(root.resolve(CLASSES), "empty: expected one class name per line");
        }
        Path labelFile = root.resolve(LABELS);
        List<String> labelLines = lines(labelFile);
        int n = labelLines.size();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            try {
                labels[i] = Integer.parseInt(labelLines.get(i).trim());
            } catch (NumberFormatException e) {
                throw new DataFormatException(labelFile, "line " + (i + 1) + " is '" + labelLines.get(i)
                        + "', expected a class index");
            }
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new DataFormatException(labelFile, "line " + (i + 1) + ": label " + labels[i] + " is outside [0, "
                        + classNames.size() + ") (" + CLASSES + " names " + classNames.size() + " classes)");
            }
        }
        if (n == 0) {
            throw new DataFormatException(labelFile, "empty: expected one label per image");
        }
        checkEntries(images, n);
        ImageShape shape = null;
        byte[] pixels = null;
        for (int i = 0; i < n; i++) {
            Path file = images.resolve(i + ".png");
            PngCodec.Decoded image = PngCodec.read(file);
            if (shape == null) {
                shape = image.shape();
                long total = (long) n * shape.pixelCount();
                if (total > Integer.MAX_VALUE - 16) {
                    throw new DataFormatException(images, n + " images of " + shape
                            + " are more than one in-memory dataset can hold");
                }
                pixels = new byte[(int) total];
            } else if (!image.shape().equals(shape)) {
                throw new DataFormatException(file, "image " + i + " is " + image.shape()
                        + " (channels x height x width) but expected " + shape + " like 0.png");
            }
            System.arraycopy(image.pixels(), 0, pixels, i * shape.pixelCount(), shape.pixelCount());
        }
        return new ImageDataset(name, shape, pixels, labels, classNames);
    }

    /** {@code data/} must hold exactly {@code 0.png .. (n-1).png}, besides hidden files. */
    private static void checkEntries(Path images, int n) throws IOException {
        boolean[] seen = new boolean[n];
        List<Path> entries;
        try (Stream<Path> list = Files.list(images)) {
            entries = list.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
        for (Path entry : entries) {
            int index = index(entry.getFileName().toString());
            if (Files.isDirectory(entry) || index < 0) {
                throw new DataFormatException(entry, "unexpected entry in " + IMAGES + "/: expected only files named "
                        + "<index>.png (0.png, 1.png, ...) without zero padding");
            }
            if (index >= n) {
                throw new DataFormatException(entry, "index " + index + " has no label: " + LABELS + " has " + n
                        + " lines");
            }
            seen[index] = true;
        }
        for (int i = 0; i < n; i++) {
            if (!seen[i]) {
                throw new DataFormatException(images.resolve(i + ".png"), "missing: " + LABELS + " has " + n
                        + " lines, so " + IMAGES + "/ needs 0.png .. " + (n - 1) + ".png");
            }
        }
    }

    /** The index of {@code "<i>.png"} (canonical decimal, no zero padding), else -1. */
    private static int index(String fileName) {
        if (!fileName.endsWith(".png")) {
            return -1;
        }
        String stem = fileName.substring(0, fileName.length() - 4);
        if (stem.isEmpty() || stem.length() > 9 || !stem.chars().allMatch(c -> c >= '0' && c <= '9')
                || (stem.length() > 1 && stem.charAt(0) == '0')) {
            return -1;
        }
        return Integer.parseInt(stem);
    }

    private static List<String> lines(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file, "missing: this layout keeps labels in " + LABELS + " and class names in "
                    + CLASSES + " next to " + IMAGES + "/ (APBench and ISS take them from CIFAR-10 instead)");
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
