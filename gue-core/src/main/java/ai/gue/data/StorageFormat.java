package ai.gue.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The layouts gue writes a dataset (both splits) in, the choice behind {@code --format} of
 * {@code gue poison}, {@code gue attack} and {@code gue data convert}. Each one is read back by
 * {@link DatasetLoader} with images, order and labels unchanged.
 */
public enum StorageFormat {
    /** CIFAR-10 binary batches: {@code data_batch_1..5.bin} + {@code test_batch.bin} (the authors' loaders, torchvision). */
    CIFAR10_BINARY,
    /** Class folders: {@code train/<class>/<index>.png}, {@code test/...} (torchvision {@code ImageFolder}). */
    IMAGE_FOLDER,
    /**
     * One PNG per training index: {@code data/<index>.png} + {@code labels.txt} + {@code classes.txt},
     * test split in {@code test/} (APBench and Image Shortcut Squeezing; {@link IndexedPngFormat}).
     */
    INDEXED_PNG;

    /** Writes {@code data} to {@code root} in this layout, atomically; an existing root only if {@code overwrite}. */
    public void write(DatasetPair data, Path root, boolean overwrite) throws IOException {
        switch (this) {
            case CIFAR10_BINARY -> CifarBinaryFormat.writeCifar10Folder(data, root, overwrite);
            case IMAGE_FOLDER -> ImageFolderFormat.writeSplit(data, root, overwrite);
            case INDEXED_PNG -> IndexedPngFormat.writeSplit(data, root, overwrite);
        }
    }
}
