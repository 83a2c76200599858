package ai.gue.attack;

/**
 * Progress of an attack that crafts its perturbations against a classifier (EM, TAP): those take
 * minutes to hours, so callers show where they are. Every method has an empty default.
 */
public interface CraftingListener {

    /** A listener that ignores everything. */
    CraftingListener NONE = new CraftingListener() {};

    /** {@code done} of {@code total} units of {@code phase} ("training the crafting model", "PGD") are finished. */
    default void onProgress(String phase, int done, int total) {}

    /**
     * EM finished min-min round {@code round}: the crafting model's accuracy on the quantised
     * poisoned training set is {@code poisonedAccuracy}; the round took {@code seconds}.
     */
    default void onRound(int round, double poisonedAccuracy, double seconds) {}
}
