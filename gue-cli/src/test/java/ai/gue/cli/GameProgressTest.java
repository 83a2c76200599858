package ai.gue.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.gue.game.GameStepMetrics;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The game's log lines: step time as the epoch's mean, not the last step's; the epochs still to play. */
class GameProgressTest {

    @Test
    void stepTimeIsTheMeanOverTheEpochSoFar() throws Exception {
        StringWriter text = new StringWriter();
        GameProgress progress = new GameProgress(new PrintWriter(text), false);
        progress.onStart(RunCommandTest.tinyGame(), 100, 4, 1);
        // Three full batches at 2 s, then a partial last batch at 0.2 s: the mean is 1.55 s, not 0.2 s.
        double[] seconds = {2.0, 2.0, 2.0, 0.2};
        for (int step = 1; step <= 4; step++) {
            progress.onStep(1, step, 4, metrics(seconds[step - 1]));
        }
        progress.onStep(2, 1, 4, metrics(3.0)); // a new epoch starts its own mean
        String[] lines = text.toString().split("\n");
        assertTrue(lines[lines.length - 2].contains("step 4/4") && lines[lines.length - 2].contains("1.55s/step"),
                lines[lines.length - 2]);
        assertTrue(lines[lines.length - 1].contains("3.00s/step"), lines[lines.length - 1]);
    }

    @Test
    void aFinishedGameIsSaidToBeFinishedNotGivenABackwardEpochRange() {
        StringWriter text = new StringWriter();
        new GameProgress(new PrintWriter(text), false).onStart(RunCommandTest.tinyGame(), 100, 4, 2);
        assertTrue(text.toString().contains("all 1 epochs of 4 steps already played"), text.toString());
        StringWriter resumed = new StringWriter();
        new GameProgress(new PrintWriter(resumed), false).onStart(RunCommandTest.tinyGame(), 100, 4, 1);
        assertTrue(resumed.toString().contains("epochs 1..1 of 4 steps"), resumed.toString());
    }

    private static GameStepMetrics metrics(double seconds) {
        return new GameStepMetrics(2.4, 2.3, 2.2, 0.1, 1.0, 1, 1, 1, 0, 0.01, 0.01, 0.01, seconds);
    }
}
