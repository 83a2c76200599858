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
        progress.onStart(RunCommandTest.tinyGame(), 100, 4, 1, 1);
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
        new GameProgress(new PrintWriter(text), false).onStart(RunCommandTest.tinyGame(), 100, 4, 2, 1);
        assertTrue(text.toString().contains("all 1 epochs of 4 steps already played"), text.toString());
        StringWriter resumed = new StringWriter();
        new GameProgress(new PrintWriter(resumed), false).onStart(RunCommandTest.tinyGame(), 100, 4, 1, 1);
        assertTrue(resumed.toString().contains("epochs 1..1 of 4 steps"), resumed.toString());
    }

    @Test
    void aResumeInsideAnEpochSaysWhereItStartsAndTimesOnlyTheStepsItPlays() {
        StringWriter text = new StringWriter();
        GameProgress progress = new GameProgress(new PrintWriter(text), false);
        progress.onStart(RunCommandTest.tinyGame(), 100, 4, 1, 3);
        assertTrue(text.toString().contains("epochs 1 (from step 3)..1 of 4 steps"), text.toString());
        progress.onStep(1, 3, 4, metrics(2.0));
        progress.onStep(1, 4, 4, metrics(1.0));
        progress.onMidEpochCheckpoint(1, 4);
        String[] lines = text.toString().split("\n");
        assertTrue(lines[1].contains("step 3/4") && lines[1].contains("2.00s/step"), lines[1]);
        assertTrue(lines[2].contains("step 4/4") && lines[2].contains("1.50s/step") && lines[2].contains("ETA 0m00s"),
                "the mean of the 2 steps played, and nothing left: " + lines[2]);
        assertTrue(lines[3].contains("checkpoint after step 4 of epoch 1 written"), lines[3]);
    }

    private static GameStepMetrics metrics(double seconds) {
        return new GameStepMetrics(2.4, 2.3, 2.2, 0.1, 1.0, 1, 1, 1, 0, 0.01, 0.01, 0.01, seconds);
    }
}
