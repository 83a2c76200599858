package ai.gue.data;

import ai.gue.util.AtomicOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The CIFAR binary formats. CIFAR-10: records of {@code <1 label byte><1024 R><1024 G><1024 B>};
 * a folder holds {@code data_batch_1.bin} .. {@code data_batch_5.bin}, {@code test_batch.bin} and
 * optionally {@code batches.meta.txt} (class names, one a line). CIFAR-100: records of
 * {@code <coarse byte><fine byte><3072 pixels>} in {@code train.bin} / {@code test.bin}, with
 * optional {@code fine_label_names.txt} / {@code coarse_label_names.txt}. The pixels are planar
 * (C, H, W), exactly {@link ImageDataset}'s layout, so reading and writing copy bytes unchanged.
 */
public final class CifarBinaryFormat {

    /** CIFAR-10's classes, in label order. */
    public static final List<String> CIFAR10_CLASSES = List.of("airplane", "automobile", "bird", "cat",
            "deer", "dog", "frog", "horse", "ship", "truck");
    /** Bytes of one CIFAR-10 record: label + 3 x 32 x 32 pixels. */
    public static final int CIFAR10_RECORD_BYTES = 1 + 3072;
    /** Bytes of one CIFAR-100 record: coarse label + fine label + 3 x 32 x 32 pixels. */
    public static final int CIFAR100_RECORD_BYTES = 2 + 3072;
    /** Images per batch file in the official CIFAR-10 release. */
    public static final int CIFAR10_BATCH_SIZE = 10_000;
    /** File names of the official CIFAR-10 training batches, in order. */
    public static final List<String> CIFAR10_TRAIN_FILES = List.of("data_batch_1.bin", "data_batch_2.bin",
            "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    public static final String CIFAR10_TEST_FILE = "test_batch.bin";
    public static final String CIFAR10_META_FILE = "batches.meta.txt";
    public static final String CIFAR100_TRAIN_FILE = "train.bin";
    public static final String CIFAR100_TEST_FILE = "test.bin";
    public static final String CIFAR100_FINE_NAMES_FILE = "fine_label_names.txt";
    public static final String CIFAR100_COARSE_NAMES_FILE = "coarse_label_names.txt";

    private static final ImageShape SHAPE = ImageShape.CIFAR;
    private static final int PIXELS = SHAPE.pixelCount();
    private static final Pattern TRAIN_BATCH = Pattern.compile("data_batch_(\\d+)\\.bin");

    private CifarBinaryFormat() {
    }

    // ---------------------------------------------------------------- CIFAR-10

    /** Reads one CIFAR-10 batch file; the dataset is named after the file. */
    public static ImageDataset readCifar10Batch(Path file, List<String> classNames) throws IOException {
        return readCifar10Batches(List.of(file), file.getFileName().toString(), classNames);
    }

    /** Reads CIFAR-10 batch files and concatenates them in the given order. */
    public static ImageDataset readCifar10Batches(List<Path> files, String name, List<String> classNames)
            throws IOException {
        long total = 0;
        for (Path file : files) {
            total += recordCount(file, CIFAR10_RECORD_BYTES, "CIFAR-10");
        }
        checkFitsInMemory(files.get(0), total);
        byte[] pixels = new byte[(int) (total * PIXELS)];
        int[] labels = new int[(int) total];
        int image = 0;
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            for (int r = 0; r < bytes.length / CIFAR10_RECORD_BYTES; r++, image++) {
                int offset = r * CIFAR10_RECORD_BYTES;
                labels[image] = checkLabel(file, r, offset, bytes[offset] & 0xFF, classNames.size(), "label");
                System.arraycopy(bytes, offset + 1, pixels, image * PIXELS, PIXELS);
            }
        }
        return new ImageDataset(name, SHAPE, pixels, labels, classNames);
    }

    /**
     * Reads a CIFAR-10 folder: the training batches {@code data_batch_1.bin .. data_batch_k.bin}
     * (numbered without gaps, usually k = 5) concatenated in order, and {@code test_batch.bin}.
     * Class names come from {@code batches.meta.txt} when present, else {@link #CIFAR10_CLASSES}.
     */
    public static DatasetPair readCifar10Folder(Path dir) throws IOException {
        List<Path> trainFiles = cifar10TrainFiles(dir);
        Path testFile = dir.resolve(CIFAR10_TEST_FILE);
        if (!Files.isRegularFile(testFile)) {
            throw new DataFormatException(testFile, "missing: a CIFAR-10 folder needs " + CIFAR10_TEST_FILE);
        }
        Path meta = dir.resolve(CIFAR10_META_FILE);
        List<String> classNames = Files.isRegularFile(meta) ? readNameList(meta) : CIFAR10_CLASSES;
        return new DatasetPair(readCifar10Batches(trainFiles, "cifar10-train", classNames),
                readCifar10Batch(testFile, classNames));
    }

    /** The training batch files of a CIFAR-10 folder, in numeric order; checks there is no gap. */
    static List<Path> cifar10TrainFiles(Path dir) throws IOException {
        List<Integer> numbers;
        try (Stream<Path> list = Files.list(dir)) {
            numbers = list.map(p -> TRAIN_BATCH.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches).map(m -> Integer.parseInt(m.group(1))).sorted().toList();
        }
        if (numbers.isEmpty()) {
            throw new DataFormatException(dir, "no data_batch_<n>.bin files: not a CIFAR-10 folder");
        }
        for (int i = 0; i < numbers.size(); i++) {
            if (numbers.get(i) != i + 1) {
                throw new DataFormatException(dir.resolve("data_batch_" + (i + 1) + ".bin"),
                        "missing: training batches must be numbered 1.." + numbers.get(numbers.size() - 1)
                                + " without gaps");
            }
        }
        return numbers.stream().map(n -> dir.resolve("data_batch_" + n + ".bin")).toList();
    }

    /** Writes a dataset as one CIFAR-10 batch file (3 x 32 x 32 images, at most 256 classes). */
    public static void writeCifar10Batch(ImageDataset dataset, Path file, boolean overwrite) throws IOException {
        writeCifar10Range(dataset, 0, dataset.size(), file, overwrite);
    }

    /**
     * Writes a CIFAR-10 folder: the training set cut into batches of {@link #CIFAR10_BATCH_SIZE}
     * images ({@code data_batch_1.bin} ...), {@code test_batch.bin} and {@code batches.meta.txt}.
     * The official 50,000/10,000 images come out byte-identical to the official files.
     */
    public static void writeCifar10Folder(DatasetPair data, Path dir, boolean overwrite) throws IOException {
        checkCifarShape(data.train(), 256);
        AtomicOutput.writeDirectory(dir, overwrite, temp -> {
            ImageDataset train = data.train();
            int batches = Math.max(1, (train.size() + CIFAR10_BATCH_SIZE - 1) / CIFAR10_BATCH_SIZE);
            for (int b = 0; b < batches; b++) {
                int from = b * CIFAR10_BATCH_SIZE;
                int to = Math.min(train.size(), from + CIFAR10_BATCH_SIZE);
                writeCifar10Range(train, from, to, temp.resolve("data_batch_" + (b + 1) + ".bin"), false);
            }
            writeCifar10Batch(data.test(), temp.resolve(CIFAR10_TEST_FILE), false);
            writeNameList(train.classNames(), temp.resolve(CIFAR10_META_FILE), false);
        });
    }

    private static void writeCifar10Range(ImageDataset dataset, int from, int to, Path file, boolean overwrite)
            throws IOException {
        checkCifarShape(dataset, 256);
        AtomicOutput.writeFile(file, overwrite, (OutputStream out) -> {
            byte[] pixels = dataset.pixels();
            for (int i = from; i < to; i++) {
                out.write(dataset.label(i));
                out.write(pixels, i * PIXELS, PIXELS);
            }
        });
    }

    // ---------------------------------------------------------------- CIFAR-100

    /** Reads one CIFAR-100 file ({@code train.bin} or {@code test.bin}). */
    public static Cifar100Data readCifar100File(Path file, List<String> fineNames, List<String> coarseNames)
            throws IOException {
        long count = recordCount(file, CIFAR100_RECORD_BYTES, "CIFAR-100");
        checkFitsInMemory(file, count);
        byte[] bytes = Files.readAllBytes(file);
        int n = (int) count;
        byte[] pixels = new byte[n * PIXELS];
        int[] fine = new int[n];
        int[] coarse = new int[n];
        for (int r = 0; r < n; r++) {
            int offset = r * CIFAR100_RECORD_BYTES;
            coarse[r] = checkLabel(file, r, offset, bytes[offset] & 0xFF, coarseNames.size(), "coarse label");
            fine[r] = checkLabel(file, r, offset + 1, bytes[offset + 1] & 0xFF, fineNames.size(), "fine label");
            System.arraycopy(bytes, offset + 2, pixels, r * PIXELS, PIXELS);
        }
        String name = "cifar100-" + file.getFileName().toString().replaceFirst("\\.bin$", "");
        return new Cifar100Data(new ImageDataset(name, SHAPE, pixels, fine, fineNames), coarse, coarseNames);
    }

    /**
     * Reads a CIFAR-100 folder's {@code train.bin} and {@code test.bin} with their fine labels.
     * Class names come from {@code fine_label_names.txt} when present, else {@code class_0 ..
     * class_99}. Use {@link #readCifar100File} to get the coarse labels as well.
     */
    public static DatasetPair readCifar100Folder(Path dir) throws IOException {
        List<String> fine = cifar100FineNames(dir);
        List<String> coarse = cifar100CoarseNames(dir);
        return new DatasetPair(readCifar100File(dir.resolve(CIFAR100_TRAIN_FILE), fine, coarse).fine(),
                readCifar100File(dir.resolve(CIFAR100_TEST_FILE), fine, coarse).fine());
    }

    /** The fine class names of a CIFAR-100 folder: the names file if present, else placeholders. */
    public static List<String> cifar100FineNames(Path dir) throws IOException {
        Path file = dir.resolve(CIFAR100_FINE_NAMES_FILE);
        return Files.isRegularFile(file) ? readNameList(file) : placeholderNames(100);
    }

    /** The coarse class names of a CIFAR-100 folder: the names file if present, else placeholders. */
    public static List<String> cifar100CoarseNames(Path dir) throws IOException {
        Path file = dir.resolve(CIFAR100_COARSE_NAMES_FILE);
        return Files.isRegularFile(file) ? readNameList(file) : placeholderNames(20);
    }

    /** Writes one CIFAR-100 file, coarse and fine labels included. */
    public static void writeCifar100File(Cifar100Data data, Path file, boolean overwrite) throws IOException {
        checkCifarShape(data.fine(), 256);
        if (data.coarseClassNames().size() > 256) {
            throw new IllegalArgumentException("CIFAR-100 stores coarse labels in one byte: "
                    + data.coarseClassNames().size() + " coarse classes do not fit");
        }
        AtomicOutput.writeFile(file, overwrite, (OutputStream out) -> {
            ImageDataset images = data.fine();
            for (int i = 0; i < images.size(); i++) {
                out.write(data.coarseLabels()[i]);
                out.write(images.label(i));
                out.write(images.pixels(), i * PIXELS, PIXELS);
            }
        });
    }

    // ---------------------------------------------------------------- shared

    /** Reads a class-name list: one name a line, blank lines ignored, names trimmed. */
    public static List<String> readNameList(Path file) throws IOException {
        List<String> names = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (names.isEmpty()) {
            throw new DataFormatException(file, "expected class names, one a line, but the file has none");
        }
        return names;
    }

    /** Writes a class-name list, one name a line. */
    public static void writeNameList(List<String> names, Path file, boolean overwrite) throws IOException {
        AtomicOutput.writeFile(file, overwrite,
                (OutputStream out) -> out.write((String.join("\n", names) + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code class_0 .. class_<n-1>}. */
    static List<String> placeholderNames(int n) {
        return IntStream.range(0, n).mapToObj(i -> "class_" + i).toList();
    }

    private static long recordCount(Path file, int recordBytes, String format) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file, "missing: expected a " + format + " binary file");
        }
        long size = Files.size(file);
        if (size == 0) {
            throw new DataFormatException(file, "empty: expected " + format + " records of " + recordBytes + " bytes");
        }
        if (size % recordBytes != 0) {
            throw new DataFormatException(file, "length " + size + " bytes is not a multiple of the "
                    + recordBytes + "-byte " + format + " record: " + size / recordBytes + " whole records and "
                    + size % recordBytes + " bytes left over at byte offset " + (size - size % recordBytes)
                    + " (truncated, oversized, or not " + format + ")");
        }
        return size / recordBytes;
    }

    private static void checkFitsInMemory(Path file, long images) {
        if (images * PIXELS > Integer.MAX_VALUE - 16) {
            throw new DataFormatException(file, images + " images are more than one in-memory dataset can hold ("
                    + (Integer.MAX_VALUE / PIXELS) + " at most)");
        }
    }

    private static int checkLabel(Path file, int record, long offset, int label, int classCount, String what) {
        if (label >= classCount) {
            throw new DataFormatException(file, what + " " + label + " of image " + record + " (byte offset "
                    + offset + ") is outside [0, " + classCount + ")");
        }
        return label;
    }

    private static void checkCifarShape(ImageDataset dataset, int maxClasses) {
        if (!dataset.shape().equals(SHAPE)) {
            throw new IllegalArgumentException(dataset.name() + ": the CIFAR binary format holds "
                    + SHAPE + " images, not " + dataset.shape());
        }
        if (dataset.classCount() > maxClasses) {
            throw new IllegalArgumentException(dataset.name() + ": the CIFAR binary format stores labels in one byte: "
                    + dataset.classCount() + " classes do not fit");
        }
    }

}
