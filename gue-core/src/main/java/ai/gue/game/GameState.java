package ai.gue.game;

import java.util.List;

/**
 * What a checkpoint records besides the two networks' parameters: how far the game got and the
 * selection so far. Together with the config (whose seeds fix every random stream per epoch and
 * every step's streams by the step's place in its epoch) it lets a killed run continue exactly as an
 * uninterrupted one would, from an epoch's end or from inside an epoch.
 *
 * @param config           the run's config
 * @param epochsDone       completed epochs
 * @param stepsDone        completed game steps
 * @param steps            per-step metrics so far
 * @param selections       selection checks so far
 * @param batchesIntoEpoch batches of epoch {@code epochsDone + 1} already played (0 at an epoch's end;
 *                         absent, hence 0, in the checkpoints of gue before mid-epoch checkpoints)
 * @param warmStart        the trained generator the game started from; null for the seeded initialisation
 *                         (and in the checkpoints of gue before warm starts)
 */
public record GameState(GameConfig config, int epochsDone, long stepsDone, List<GameStepMetrics> steps,
        List<SelectionResult> selections, int batchesIntoEpoch, WarmStart warmStart) {

    public GameState {
        steps = List.copyOf(steps);
        selections = List.copyOf(selections);
        if (epochsDone < 0 || batchesIntoEpoch < 0) {
            throw new IllegalArgumentException("game state: " + epochsDone + " epochs and " + batchesIntoEpoch
                    + " batches into the next one");
        }
    }

    /** Epochs the game has started: the completed ones and the one it is inside, if any. */
    public int epochsStarted() {
        return epochsDone + (batchesIntoEpoch > 0 ? 1 : 0);
    }
}
