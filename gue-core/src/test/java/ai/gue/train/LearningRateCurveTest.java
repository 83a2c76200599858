package ai.gue.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LearningRateCurveTest {

    @Test
    void multistepMatchesTheAuthorsRecipe() {
        // 100 epochs, x0.1 at 75 and 90 (DESIGN.md section 5), 10 steps per epoch.
        LearningRateCurve curve = new LearningRateCurve(LrSchedule.MULTISTEP, 0.01, List.of(75, 90), 0.1, 0, 100, 10);
        assertEquals(0.01, curve.at(0), 1e-12);
        assertEquals(0.01, curve.at(749), 1e-12);
        assertEquals(0.001, curve.at(750), 1e-12);
        assertEquals(0.0001, curve.at(900), 1e-12);
        assertEquals(0.0001, curve.at(999), 1e-12);
    }

    @Test
    void oneCycleRisesToThePeakThenFallsToZero() {
        LearningRateCurve curve = new LearningRateCurve(LrSchedule.ONE_CYCLE, 0.4, List.of(), 0.1, 0.25, 4, 25);
        // 100 steps, 25 of warm-up: step 24 reaches the peak.
        assertEquals(0.4 / 25, curve.at(0), 1e-12);
        assertEquals(0.4, curve.at(24), 1e-12);
        assertEquals(0.4 * 50 / 75.0, curve.at(50), 1e-12);
        assertEquals(0.4 / 75, curve.at(99), 1e-12);
        for (int s = 1; s < 25; s++) {
            assertTrue(curve.at(s) > curve.at(s - 1));
        }
        for (int s = 26; s < 100; s++) {
            assertTrue(curve.at(s) < curve.at(s - 1));
        }
    }

    @Test
    void cosineHalvesAtMidpoint() {
        LearningRateCurve curve = new LearningRateCurve(LrSchedule.COSINE, 0.1, List.of(), 0.1, 0, 10, 10);
        assertEquals(0.1, curve.at(0), 1e-12);
        assertEquals(0.05, curve.at(50), 1e-12);
        assertTrue(curve.at(99) < 1e-3);
    }

    @Test
    void stepUsesTheFirstMilestoneAsStepSize() {
        LearningRateCurve curve = new LearningRateCurve(LrSchedule.STEP, 1.0, List.of(3), 0.5, 0, 9, 1);
        assertEquals(1.0, curve.at(2), 1e-12);
        assertEquals(0.5, curve.at(3), 1e-12);
        assertEquals(0.25, curve.at(6), 1e-12);
    }

    @Test
    void scheduleNamesParseAndUnknownNamesAreRejected() {
        assertEquals(LrSchedule.ONE_CYCLE, LrSchedule.parse("one-cycle"));
        assertEquals(LrSchedule.MULTISTEP, LrSchedule.parse("MULTISTEP"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LrSchedule.parse("warm"));
        assertTrue(e.getMessage().contains("one-cycle"), e.getMessage());
    }
}
