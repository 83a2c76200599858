package ai.gue.data;

/** The on-disk formats {@link DatasetLoader} recognises. */
public enum DatasetFormat {
    /** A folder with {@code data_batch_<n>.bin} and {@code test_batch.bin}. */
    CIFAR10_FOLDER,
    /** A single CIFAR-10 batch file ({@code *.bin}); a training set only. */
    CIFAR10_BATCH,
    /** A folder with CIFAR-100's {@code train.bin} and {@code test.bin}. */
    CIFAR100_FOLDER,
    /** A folder with SVHN's {@code train_32x32.mat} and {@code test_32x32.mat}. */
    SVHN_FOLDER,
    /** A single SVHN {@code .mat} file; a training set only. */
    SVHN_FILE,
    /** A folder with {@code train/} and {@code test/}, each a folder of class sub-folders of PNGs. */
    IMAGE_FOLDER_SPLIT,
    /** A folder of class sub-folders of PNGs; a training set only. */
    IMAGE_FOLDER,
    /**
     * APBench / Image Shortcut Squeezing layout ({@link IndexedPngFormat}): {@code data/<index>.png},
     * {@code labels.txt}, {@code classes.txt}, and {@code test/} in the same layout.
     */
    INDEXED_PNG_SPLIT,
    /** The same layout without {@code test/}; a training set only. */
    INDEXED_PNG
}
