package ai.gue.data;

import java.util.Objects;

/** A dataset's official training and test parts, as most image benchmarks ship them. */
public record DatasetPair(ImageDataset train, ImageDataset test) {

    public DatasetPair {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (!train.shape().equals(test.shape()) || !train.classNames().equals(test.classNames())) {
            throw new IllegalArgumentException("train " + train + " and test " + test
                    + " must share image shape and class names");
        }
    }
}
