package ai.gue.data;

import java.util.Objects;

/**
 * A subset of a dataset: the selected images, and where each came from ({@code indices[k]} is the
 * index in the original dataset of image {@code k}), so results can be traced back.
 */
public record Subset(ImageDataset dataset, int[] indices) {

    public Subset {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(indices, "indices");
        if (indices.length != dataset.size()) {
            throw new IllegalArgumentException(indices.length + " indices for " + dataset);
        }
    }
}
