package ai.gue.train;

import ai.djl.ndarray.NDArray;

/** Cross-entropy losses on logits, written out so that their semantics are explicit. */
public final class CrossEntropy {

    private CrossEntropy() {}

    /**
     * Mean cross-entropy of {@code logits} (N, C) against integer {@code labels} (N) with label
     * smoothing {@code smoothing}: the target puts {@code 1 - s + s/C} on the label and {@code s/C}
     * elsewhere (PyTorch's {@code CrossEntropyLoss(label_smoothing=s)}).
     */
    public static NDArray smoothed(NDArray logits, NDArray labels, int classes, double smoothing) {
        NDArray logProbabilities = logits.logSoftmax(1);
        NDArray target = labels.oneHot(classes).mul(1 - smoothing).add(smoothing / classes);
        return logProbabilities.mul(target).sum(new int[] {1}).mean().neg();
    }
}
