package ai.gue.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The entry point for reading a dataset from a path whatever its format: {@link #detect} tells the
 * {@link DatasetFormat} from names alone (no file is parsed), {@link #load} reads it. Folders are
 * checked in this order: CIFAR-10 batches, CIFAR-100, SVHN, indexed PNGs ({@code data/} +
 * {@code labels.txt}, the APBench layout), {@code train/} + {@code test/} image folders, class
 * sub-folders. A folder holding only the official archive's sub-folder
 * ({@code cifar-10-batches-bin}, {@code cifar-100-binary}) is looked into.
 */
public final class DatasetLoader {

    /** What is looked for, for the error message when nothing matches. */
    static final String LOOKED_FOR = "looked for: a folder with data_batch_<n>.bin + test_batch.bin (CIFAR-10),"
            + " train.bin + test.bin (CIFAR-100), train_32x32.mat + test_32x32.mat (SVHN),"
            + " data/<index>.png + labels.txt + classes.txt (indexed PNGs, APBench layout; test/ alike),"
            + " train/ + test/ folders of class sub-folders, or class sub-folders of .png images (image folder);"
            + " or a single .bin file (CIFAR-10 batch) or .mat file (SVHN)";

    private static final Pattern TRAIN_BATCH = Pattern.compile("data_batch_\\d+\\.bin");
    private static final List<String> KNOWN_SUBFOLDERS = List.of(Cifar10Fetcher.FOLDER_NAME, "cifar-100-binary");

    private DatasetLoader() {
    }

    /** The format at {@code path} and the path to read it from. */
    public record Detection(DatasetFormat format, Path source) {
    }

    /**
     * Recognises the format at {@code path}.
     *
     * @throws DataFormatException listing what was looked for, if nothing matches
     */
    public static Detection detect(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".bin")) {
                return new Detection(DatasetFormat.CIFAR10_BATCH, path);
            }
            if (name.endsWith(".mat")) {
                return new Detection(DatasetFormat.SVHN_FILE, path);
            }
            throw new DataFormatException(path, "unrecognised dataset file; " + LOOKED_FOR);
        }
        if (!Files.isDirectory(path)) {
            throw new DataFormatException(path, "does not exist");
        }
        if (hasMatching(path, TRAIN_BATCH)) {
            return new Detection(DatasetFormat.CIFAR10_FOLDER, path);
        }
        if (Files.isRegularFile(path.resolve(CifarBinaryFormat.CIFAR100_TRAIN_FILE))
                && Files.isRegularFile(path.resolve(CifarBinaryFormat.CIFAR100_TEST_FILE))) {
            return new Detection(DatasetFormat.CIFAR100_FOLDER, path);
        }
        if (Files.isRegularFile(path.resolve(SvhnFormat.TRAIN_FILE)) && Files.isRegularFile(path.resolve(SvhnFormat.TEST_FILE))) {
            return new Detection(DatasetFormat.SVHN_FOLDER, path);
        }
        for (String known : KNOWN_SUBFOLDERS) {
            Path inner = path.resolve(known);
            if (Files.isDirectory(inner) && visibleSubfolders(path) == 1) {
                return detect(inner);
            }
        }
        if (IndexedPngFormat.looksLikeIndexedPng(path)) {
            return new Detection(IndexedPngFormat.hasTestSplit(path) ? DatasetFormat.INDEXED_PNG_SPLIT
                    : DatasetFormat.INDEXED_PNG, path);
        }
        if (visibleSubfolders(path) == 1 && Files.isDirectory(path.resolve(IndexedPngFormat.IMAGES))) {
            // APBench's own output: data/<index>.png and no labels; not a one-class image folder named "data".
            throw new DataFormatException(path.resolve(IndexedPngFormat.LABELS), "missing: " + path
                    + " looks like an APBench / ISS poison folder (data/<index>.png), which keeps no labels;"
                    + " gue's indexed_png layout needs labels.txt and classes.txt next to data/");
        }
        Path train = path.resolve("train");
        Path test = path.resolve("test");
        if (visibleSubfolders(path) == 2 && ImageFolderFormat.looksLikeImageFolder(train)
                && ImageFolderFormat.looksLikeImageFolder(test)) {
            return new Detection(DatasetFormat.IMAGE_FOLDER_SPLIT, path);
        }
        if (ImageFolderFormat.looksLikeImageFolder(path)) {
            return new Detection(DatasetFormat.IMAGE_FOLDER, path);
        }
        throw new DataFormatException(path, "no dataset format recognised; " + LOOKED_FOR);
    }

    /** Detects the format at {@code path} and reads it. */
    public static LoadedDataset load(Path path) throws IOException {
        Detection d = detect(path);
        Path p = d.source();
        return switch (d.format()) {
            case CIFAR10_FOLDER -> pair(d, CifarBinaryFormat.readCifar10Folder(p));
            case CIFAR100_FOLDER -> pair(d, CifarBinaryFormat.readCifar100Folder(p));
            case SVHN_FOLDER -> pair(d, SvhnFormat.readFolder(p));
            case IMAGE_FOLDER_SPLIT -> pair(d, new DatasetPair(
                    ImageFolderFormat.read(p.resolve("train"), name(p) + "-train", null),
                    ImageFolderFormat.read(p.resolve("test"), name(p) + "-test", null)));
            case CIFAR10_BATCH -> single(d, CifarBinaryFormat.readCifar10Batch(p, cifar10Names(p.getParent())));
            case SVHN_FILE -> single(d, SvhnFormat.readFile(p));
            case IMAGE_FOLDER -> single(d, ImageFolderFormat.read(p));
            case INDEXED_PNG_SPLIT -> pair(d, new DatasetPair(IndexedPngFormat.read(p, name(p) + "-train"),
                    IndexedPngFormat.read(p.resolve(IndexedPngFormat.TEST), name(p) + "-test")));
            case INDEXED_PNG -> single(d, IndexedPngFormat.read(p, name(p)));
        };
    }

    private static List<String> cifar10Names(Path dir) throws IOException {
        Path meta = dir == null ? null : dir.resolve(CifarBinaryFormat.CIFAR10_META_FILE);
        return meta != null && Files.isRegularFile(meta) ? CifarBinaryFormat.readNameList(meta)
                : CifarBinaryFormat.CIFAR10_CLASSES;
    }

    private static LoadedDataset pair(Detection d, DatasetPair pair) {
        return new LoadedDataset(d.source(), d.format(), pair.train(), Optional.of(pair.test()));
    }

    private static LoadedDataset single(Detection d, ImageDataset train) {
        return new LoadedDataset(d.source(), d.format(), train, Optional.empty());
    }

    private static String name(Path p) {
        return p.toAbsolutePath().normalize().getFileName().toString();
    }

    private static boolean hasMatching(Path dir, Pattern pattern) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.anyMatch(p -> pattern.matcher(p.getFileName().toString()).matches());
        }
    }

    private static long visibleSubfolders(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> !p.getFileName().toString().startsWith(".") && Files.isDirectory(p)).count();
        }
    }
}
