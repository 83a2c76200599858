package ai.gue.pipeline;

import ai.gue.train.VictimTrainingListener;

/** Progress of an efficacy curve; the CLI renders it, the library never prints. */
public interface EfficacyCurveListener {

    /** Ignores everything. */
    EfficacyCurveListener NONE = new EfficacyCurveListener() {};

    /** A stage begins (poisoning with a generator, training a victim). */
    default void onStage(String description) {}

    /** Receives the progress of the victim named {@code name}. */
    default VictimTrainingListener victimListener(String name) {
        return VictimTrainingListener.NONE;
    }

    /** After a victim was trained or found finished. */
    default void onMeasured(CurveMeasurement measurement, boolean reused) {}
}
