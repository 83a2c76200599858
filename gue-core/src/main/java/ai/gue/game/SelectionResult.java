package ai.gue.game;

/**
 * One periodic check of the generator: a fresh victim trained on the poisoned game images, its
 * accuracy measured on the clean held-out validation images (never the test set).
 *
 * @param epoch              game epoch after which the check ran
 * @param validationAccuracy clean validation accuracy of the victim, in [0, 1]
 * @param best               whether this generator is the best so far (lowest accuracy)
 * @param seconds            wall time of the check
 */
public record SelectionResult(int epoch, double validationAccuracy, boolean best, double seconds) {}
