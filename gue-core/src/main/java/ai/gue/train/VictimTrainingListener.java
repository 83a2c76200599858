package ai.gue.train;

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
}
