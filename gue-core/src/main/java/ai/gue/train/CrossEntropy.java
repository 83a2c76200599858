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

    /**
     * Mean cross-entropy against mixed targets (mixup, CutMix): image k's target is
     * {@code w_k·t(labels_k) + (1 − w_k)·t(partnerLabels_k)}, with t the label-smoothed one-hot target
     * of {@link #smoothed}. Cross-entropy is linear in the target, so this equals
     * {@code w·CE(labels) + (1 − w)·CE(partnerLabels)}, the papers' loss.
     *
     * @param ownWeights (N) weight of {@code labels} in each target
     */
    public static NDArray mixed(NDArray logits, NDArray labels, NDArray partnerLabels, NDArray ownWeights,
            int classes, double smoothing) {
        NDArray logProbabilities = logits.logSoftmax(1);
        NDArray weights = ownWeights.reshape(-1, 1);
        NDArray own = labels.oneHot(classes).mul(1 - smoothing).add(smoothing / classes);
        NDArray partner = partnerLabels.oneHot(classes).mul(1 - smoothing).add(smoothing / classes);
        NDArray target = own.mul(weights).add(partner.mul(weights.neg().add(1)));
        return logProbabilities.mul(target).sum(new int[] {1}).mean().neg();
    }
}
