package ai.gue.compare;

import ai.gue.train.EpochMetrics;
import ai.gue.train.VictimResult;
import java.util.List;
import java.util.Objects;

/**
 * What a cell measured: the number the table shows (clean test accuracy after the last epoch), the
 * curve the plots show, and the cost. The report is a pure function of these records.
 *
 * @param cell            which cell
 * @param outcome         done or failed
 * @param testAccuracy    clean test accuracy after the last epoch, in [0, 1] (NaN if failed or diverged)
 * @param testAccuracies  clean test accuracy after each epoch
 * @param trainImages     training images per epoch
 * @param testImages      test images
 * @param seconds         wall time of the victim (training and testing)
 * @param imagesPerSecond training throughput: images × epochs / seconds spent in training steps
 * @param error           why the cell failed, or null
 */
public record CellResult(CellKey cell, CellOutcome outcome, double testAccuracy, List<Double> testAccuracies,
        int trainImages, int testImages, double seconds, double imagesPerSecond, String error) {

    public CellResult {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(outcome, "outcome");
        testAccuracies = List.copyOf(testAccuracies);
    }

    /** The result of a victim that trained. */
    public static CellResult done(CellKey cell, VictimResult victim) {
        double trainSeconds = victim.epochs().stream().mapToDouble(EpochMetrics::trainSeconds).sum();
        double throughput = trainSeconds > 0 ? (double) victim.trainImages() * victim.epochs().size() / trainSeconds
                : Double.NaN;
        return new CellResult(cell, CellOutcome.DONE, victim.finalTestAccuracy(),
                victim.epochs().stream().map(EpochMetrics::testAccuracy).toList(), victim.trainImages(),
                victim.testImages(), victim.totalSeconds(), throughput, null);
    }

    /** The result of a cell whose victim threw. */
    public static CellResult failed(CellKey cell, String error, double seconds) {
        return new CellResult(cell, CellOutcome.FAILED, Double.NaN, List.of(), 0, 0, seconds, Double.NaN, error);
    }
}
