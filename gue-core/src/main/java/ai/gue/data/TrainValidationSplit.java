package ai.gue.data;

import java.util.Objects;

/**
 * A dataset cut in two disjoint parts that together cover it, with the index of every image in
 * the original dataset ({@code trainIndices[k]} is the original index of {@code train} image k).
 */
public record TrainValidationSplit(ImageDataset train, ImageDataset validation, int[] trainIndices,
                                   int[] validationIndices) {

    public TrainValidationSplit {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        if (trainIndices.length != train.size() || validationIndices.length != validation.size()) {
            throw new IllegalArgumentException("index arrays do not match the datasets' sizes");
        }
    }
}
