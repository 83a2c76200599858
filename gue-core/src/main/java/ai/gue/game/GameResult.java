package ai.gue.game;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of a game run.
 *
 * @param config         the config
 * @param gameImages     images the game trained on
 * @param steps          per-step metrics, in order
 * @param selections     selection checks, in order
 * @param finalGenerator checkpoint folder of the last generator
 * @param bestGenerator  checkpoint folder of the selected generator (the last one when no selection ran)
 * @param seconds        wall time of this invocation (a resumed run counts only its own part)
 */
public record GameResult(GameConfig config, int gameImages, List<GameStepMetrics> steps,
        List<SelectionResult> selections, Path finalGenerator, Path bestGenerator, double seconds) {

    public GameResult {
        steps = List.copyOf(steps);
        selections = List.copyOf(selections);
    }

    /** Summed wall time of all steps, those of earlier invocations of a resumed game included. */
    public double stepSeconds() {
        return steps.stream().mapToDouble(GameStepMetrics::seconds).sum();
    }
}
