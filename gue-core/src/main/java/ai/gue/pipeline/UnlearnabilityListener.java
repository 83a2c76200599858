package ai.gue.pipeline;

import ai.gue.eval.UnlearnabilityResult.PoisonSummary;
import ai.gue.eval.UnlearnabilityResult.VictimOutcome;
import ai.gue.game.GameListener;
import ai.gue.train.VictimTrainingListener;

/** Progress of an unlearnability run; the CLI renders it, the library never prints. */
public interface UnlearnabilityListener {

    /** Ignores everything. */
    UnlearnabilityListener NONE = new UnlearnabilityListener() {};

    /** A stage begins; {@code description} says what it does (e.g. "victim 2 of 3: gue"). */
    default void onStage(RunStage stage, String description) {}

    /** Receives the game's progress. */
    default GameListener gameListener() {
        return GameListener.NONE;
    }

    /** After a poisoned training set was made and measured (for GUE: on the written files). */
    default void onPoisoned(PoisonSummary poison) {}

    /** Receives the progress of victim {@code index} (1-based) of {@code count}, named {@code name}. */
    default VictimTrainingListener victimListener(String name, int index, int count) {
        return VictimTrainingListener.NONE;
    }

    /** After a victim finished. */
    default void onVictimFinished(VictimOutcome victim) {}
}
