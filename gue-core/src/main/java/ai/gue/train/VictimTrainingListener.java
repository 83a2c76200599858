package ai.gue.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;

/** Progress of a victim training run; the CLI renders it, the library never prints. */
public interface VictimTrainingListener {

    /** A listener that ignores everything. */
    VictimTrainingListener NONE = new VictimTrainingListener() {};

    /** Called once before the first step. */
    default void onStart(VictimTrainingConfig config, int trainImages, int stepsPerEpoch, long parameterCount) {}

    /** Called after each optimiser step with the running loss of that step. */
    default void onStep(int epoch, int step, int stepsPerEpoch, double loss, double imagesPerSecond) {}

    /** Called after each epoch (after evaluation). */
    default void onEpoch(EpochMetrics metrics) {}

    /**
     * Called once after the last epoch with the trained network, for measurements beyond the test
     * set; {@code classifier} and {@code manager} are valid only during the call.
     */
    default void onTrained(Block classifier, NDManager manager) {}
}
