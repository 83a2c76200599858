package ai.gue.game;

/**
 * One periodic check of the generator: a fresh victim trained on the poisoned game images, its
 * accuracy measured on the clean held-out validation images (never the test set).
 *
 * @param epoch              game epoch after which the check ran; 0 is the reference: the same
 *                           victim trained on the clean game images (no poison), which is never "best"
 * @param validationAccuracy clean validation accuracy of the victim, in [0, 1]
 * @param best               whether this generator is the best so far (lowest accuracy)
 * @param perturbationSeparability held-out accuracy of a linear classifier on the game images'
 *                           perturbations alone ({@link ai.gue.eval.PerturbationSeparability}): how
 *                           much class information the poison carries, in [0, 1]
 * @param cleanImageSeparability the same classifier on the clean game images: the reference an
 *                           image-dependent perturbation must clearly beat to be a shortcut
 * @param seconds            wall time of the check
 */
public record SelectionResult(int epoch, double validationAccuracy, boolean best, double perturbationSeparability,
        double cleanImageSeparability, double seconds) {

    /** Whether this is the epoch-0 reference on clean game images. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean cleanReference() {
        return epoch == 0;
    }
}
