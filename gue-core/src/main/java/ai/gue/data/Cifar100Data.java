package ai.gue.data;

import java.util.List;
import java.util.Objects;

/**
 * One CIFAR-100 file: the images labelled with their 100 fine classes, plus the 20 coarse
 * (superclass) labels the format also stores, kept so that nothing is lost on a round trip.
 */
public record Cifar100Data(ImageDataset fine, int[] coarseLabels, List<String> coarseClassNames) {

    public Cifar100Data {
        Objects.requireNonNull(fine, "fine");
        Objects.requireNonNull(coarseLabels, "coarseLabels");
        coarseClassNames = List.copyOf(coarseClassNames);
        if (coarseLabels.length != fine.size()) {
            throw new IllegalArgumentException(fine.name() + ": " + coarseLabels.length
                    + " coarse labels for " + fine.size() + " images");
        }
    }

    /** The same images labelled with their coarse classes. */
    public ImageDataset coarse() {
        return new ImageDataset(fine.name() + "-coarse", fine.shape(), fine.pixels(), coarseLabels,
                coarseClassNames);
    }
}
