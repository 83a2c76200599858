package ai.gue.game;

import java.util.List;

/**
 * What a checkpoint records besides the two networks' parameters: how far the game got and the
 * selection so far. Together with the config (whose seeds fix every random stream per epoch) it
 * lets a killed run continue exactly as an uninterrupted one would.
 *
 * @param config          the run's config
 * @param epochsDone      completed epochs
 * @param stepsDone       completed game steps
 * @param steps           per-step metrics so far
 * @param selections      selection checks so far
 */
public record GameState(GameConfig config, int epochsDone, long stepsDone, List<GameStepMetrics> steps,
        List<SelectionResult> selections) {

    public GameState {
        steps = List.copyOf(steps);
        selections = List.copyOf(selections);
    }
}
