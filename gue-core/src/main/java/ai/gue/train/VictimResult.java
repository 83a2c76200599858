package ai.gue.train;

import java.util.List;

/**
 * The outcome of training one victim.
 *
 * @param config         the recipe
 * @param trainImages    number of training images
 * @param testImages     number of test images
 * @param parameterCount trainable parameters of the network
 * @param epochs         per-epoch measurements, in order
 * @param totalSeconds   wall time including evaluation
 */
public record VictimResult(VictimTrainingConfig config, int trainImages, int testImages, long parameterCount,
        List<EpochMetrics> epochs, double totalSeconds) {

    public VictimResult {
        epochs = List.copyOf(epochs);
    }

    /** Clean test accuracy after the last epoch, in [0, 1]. */
    public double finalTestAccuracy() {
        return epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).testAccuracy();
    }
}
