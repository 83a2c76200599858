package ai.gue.eval;

/**
 * A classifier measured on a labelled set.
 *
 * @param accuracy share classified correctly, in [0, 1]
 * @param meanLoss mean cross-entropy (natural log)
 * @param images   number of images measured
 * @param perClassAccuracy accuracy per class (NaN for a class with no images)
 */
public record Evaluation(double accuracy, double meanLoss, int images, double[] perClassAccuracy) {}
