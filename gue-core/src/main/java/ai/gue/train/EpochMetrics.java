package ai.gue.train;

/**
 * What one epoch of victim training measured.
 *
 * @param epoch           1-based epoch number
 * @param trainLoss       mean training loss over the epoch's batches (augmented, label-smoothed)
 * @param trainAccuracy   share of training images classified correctly during the epoch (augmented)
 * @param testAccuracy    clean test accuracy after the epoch, in [0, 1] (NaN if not measured)
 * @param testLoss        mean cross-entropy on the test set (NaN if not measured)
 * @param learningRate    learning rate of the epoch's last step
 * @param trainSeconds    wall time of the epoch's training steps
 * @param imagesPerSecond training throughput of the epoch
 * @param residentBytes   process resident memory after the epoch (native memory included)
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double testAccuracy,
        double testLoss, double learningRate, double trainSeconds, double imagesPerSecond, long residentBytes) {}
