package ai.gue.data;

import ai.gue.util.AtomicOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A folder of PNG images, one sub-folder per class (torchvision's {@code ImageFolder} layout):
 * {@code root/<class name>/<file>.png}. Class names are the sub-folder names sorted by
 * {@link String#compareTo} (torchvision's {@code sorted()} order for ASCII names), so labels match
 * what PyTorch code would assign.
 *
 * <p>Image order: {@link #write} names image {@code i} {@code <class>/<i zero-padded to 5+
 * digits>.png}. When reading, if every file name is a number and no number repeats, images are
 * ordered by that number across classes, which restores the written order exactly (binary → folder
 * → binary is byte-exact, order included). Otherwise the order is torchvision's: class by class,
 * files sorted by name.
 *
 * <p>Strictness: hidden entries (names starting with {@code .}, e.g. {@code .DS_Store}) are
 * ignored everywhere; regular files directly in the root are ignored (as torchvision does: room
 * for a README or a manifest); inside a class folder every other entry must be a {@code .png} file
 * (a sub-folder or any other file is an error naming it). An empty root, an empty class folder, a
 * corrupt PNG or one whose size or channel count differs from the first image is an error.
 */
public final class ImageFolderFormat {

    /** Minimum digits of the zero-padded file names written. */
    public static final int MIN_INDEX_DIGITS = 5;

    private ImageFolderFormat() {
    }

    /** Reads a class-folder tree, the shape taken from the first image; named after the folder. */
    public static ImageDataset read(Path root) throws IOException {
        return read(root, root.toAbsolutePath().normalize().getFileName().toString(), null);
    }

    /**
     * Reads a class-folder tree.
     *
     * @param expectedShape the shape every image must have, or null to take the first image's
     */
    public static ImageDataset read(Path root, String name, ImageShape expectedShape) throws IOException {
        List<Path> classDirs = classFolders(root);
        List<String> classNames = classDirs.stream().map(p -> p.getFileName().toString()).toList();
        List<Entry> entries = new ArrayList<>();
        for (int label = 0; label < classDirs.size(); label++) {
            for (Path file : pngFiles(classDirs.get(label))) {
                entries.add(new Entry(file, label, numericStem(file)));
            }
        }
        if (entries.stream().allMatch(e -> e.number >= 0) && distinctNumbers(entries)) {
            entries.sort(Comparator.comparingLong(e -> e.number));
        }
        ImageShape shape = expectedShape;
        Path shapeSource = null;
        byte[] pixels = null;
        int[] labels = new int[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            PngCodec.Decoded image = PngCodec.read(entry.file);
            if (shape == null) {
                shape = image.shape();
                shapeSource = entry.file;
            }
            if (!image.shape().equals(shape)) {
                throw new DataFormatException(entry.file, "image " + i + " is " + image.shape()
                        + " (channels x height x width) but expected " + shape
                        + (shapeSource != null ? " like " + shapeSource.getFileName() : ""));
            }
            if (pixels == null) {
                long total = (long) entries.size() * shape.pixelCount();
                if (total > Integer.MAX_VALUE - 16) {
                    throw new DataFormatException(root, entries.size() + " images of " + shape
                            + " are more than one in-memory dataset can hold");
                }
                pixels = new byte[(int) total];
            }
            System.arraycopy(image.pixels(), 0, pixels, i * shape.pixelCount(), shape.pixelCount());
            labels[i] = entry.label;
        }
        return new ImageDataset(name, shape, pixels, labels, classNames);
    }

    /** Whether {@code dir} looks like a class-folder tree: a folder with at least one visible sub-folder. */
    public static boolean looksLikeImageFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.anyMatch(p -> !isHidden(p) && Files.isDirectory(p));
        }
    }

    /**
     * Writes the dataset as {@code root/<class>/<index>.png} (atomically; refuses an existing root
     * unless {@code overwrite}). Every class must have at least one image, since an empty class
     * folder is unreadable, and class names must be usable, distinct folder names.
     */
    public static void write(ImageDataset dataset, Path root, boolean overwrite) throws IOException {
        checkWritable(dataset);
        AtomicOutput.writeDirectory(root, overwrite, temp -> writeInto(dataset, temp));
    }

    /**
     * Writes both splits as {@code root/train/<class>/<index>.png} and {@code root/test/...}, the
     * layout {@link DatasetLoader} reads back as {@link DatasetFormat#IMAGE_FOLDER_SPLIT}; atomically,
     * as one folder.
     */
    public static void writeSplit(DatasetPair data, Path root, boolean overwrite) throws IOException {
        checkWritable(data.train());
        checkWritable(data.test());
        AtomicOutput.writeDirectory(root, overwrite, temp -> {
            writeInto(data.train(), Files.createDirectory(temp.resolve("train")));
            writeInto(data.test(), Files.createDirectory(temp.resolve("test")));
        });
    }

    /** Every class must have at least one image (an empty class folder is unreadable) and a usable name. */
    private static void checkWritable(ImageDataset dataset) {
        checkClassNames(dataset);
        int[] counts = dataset.classCounts();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] == 0) {
                throw new IllegalArgumentException(dataset.name() + ": class '" + dataset.classNames().get(c)
                        + "' has no images; an image folder cannot represent an empty class");
            }
        }
    }

    private static void writeInto(ImageDataset dataset, Path folder) throws IOException {
        int digits = Math.max(MIN_INDEX_DIGITS, String.valueOf(Math.max(0, dataset.size() - 1)).length());
        String pattern = "%0" + digits + "d.png";
        for (String className : dataset.classNames()) {
            Files.createDirectory(folder.resolve(className));
        }
        for (int i = 0; i < dataset.size(); i++) {
            Path file = folder.resolve(dataset.classNames().get(dataset.label(i))).resolve(String.format(pattern, i));
            PngCodec.write(dataset.shape(), dataset.pixels(), i * dataset.shape().pixelCount(), file);
        }
    }

    private static List<Path> classFolders(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new DataFormatException(root, "not a folder: expected a folder of class sub-folders");
        }
        List<Path> dirs;
        try (Stream<Path> list = Files.list(root)) {
            dirs = list.filter(p -> !isHidden(p) && Files.isDirectory(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
        if (dirs.isEmpty()) {
            throw new DataFormatException(root, "empty: expected one sub-folder of PNG images per class");
        }
        return dirs;
    }

    private static List<Path> pngFiles(Path classDir) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(classDir)) {
            files = list.filter(p -> !isHidden(p)).sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
        for (Path file : files) {
            if (Files.isDirectory(file)) {
                throw new DataFormatException(file, "is a folder inside class folder '" + classDir.getFileName()
                        + "'; expected only .png files (nested folders are not supported)");
            }
            if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
                throw new DataFormatException(file, "is not a .png file; a class folder must hold only PNG images"
                        + " (hidden files are ignored)");
            }
        }
        if (files.isEmpty()) {
            throw new DataFormatException(classDir, "empty class folder: expected at least one .png image");
        }
        return files;
    }

    private static boolean isHidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    /** The file name without {@code .png} as a number, or -1 if it is not all digits. */
    private static long numericStem(Path file) {
        String name = file.getFileName().toString();
        String stem = name.substring(0, name.length() - 4);
        if (stem.isEmpty() || stem.length() > 18 || !stem.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return -1;
        }
        return Long.parseLong(stem);
    }

    private static boolean distinctNumbers(List<Entry> entries) {
        Set<Long> seen = new HashSet<>();
        return entries.stream().allMatch(e -> seen.add(e.number));
    }

    private static void checkClassNames(ImageDataset dataset) {
        Set<String> folded = new HashSet<>();
        for (String name : dataset.classNames()) {
            boolean bad = name.isEmpty() || name.startsWith(".") || name.contains("/") || name.contains("\\")
                    || name.contains("\0") || name.contains(":");
            if (bad) {
                throw new IllegalArgumentException(dataset.name() + ": class name '" + name
                        + "' cannot be a folder name (empty, hidden, or containing / \\ : or NUL)");
            }
            if (!folded.add(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(dataset.name() + ": class names '" + name
                        + "' collide on case-insensitive file systems");
            }
        }
    }

    private record Entry(Path file, int label, long number) {
    }
}
