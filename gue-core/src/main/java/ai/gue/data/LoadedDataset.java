package ai.gue.data;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link DatasetLoader} found at a path: the format, the folder or file actually read (a
 * known sub-folder such as {@code cifar-10-batches-bin} may be chosen), the training set, and the
 * test set when the format has one.
 */
public record LoadedDataset(Path source, DatasetFormat format, ImageDataset train, Optional<ImageDataset> test) {

    public LoadedDataset {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
    }
}
