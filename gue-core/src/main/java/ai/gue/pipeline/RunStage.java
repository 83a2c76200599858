package ai.gue.pipeline;

/** The stages of an unlearnability run, in order. */
public enum RunStage {
    /** Training the poison generator (the game). */
    GAME,
    /** Poisoning the whole training set with the selected generator, and making the random-noise baseline. */
    POISONING,
    /** Training one victim. */
    VICTIM,
    /** Writing figures and the report. */
    REPORT
}
