package ai.gue.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.gue.report.EfficacyPlot;
import ai.gue.train.Augmentation;
import ai.gue.train.LrSchedule;
import ai.gue.train.VictimTrainingConfig;
import ai.gue.model.ClassifierArch;
import java.util.List;
import org.junit.jupiter.api.Test;

class CurveTableTest {

    private static CurveMeasurement point(String label, int images, long steps, long seed, double accuracy) {
        return new CurveMeasurement(label, CurveInput.defaultSeries(images), "runs/g/" + label, (int) (steps / 100),
                steps, images, seed, accuracy, 0.9, 8, 60);
    }

    private static final List<CurveMeasurement> MEASURED = List.of(
            new CurveMeasurement(EfficacyCurve.CLEAN, "", "", 0, 0, 0, 0, 0.80, 0.85, 0, 60),
            new CurveMeasurement(EfficacyCurve.CLEAN, "", "", 0, 0, 0, 1, 0.82, 0.85, 0, 60),
            point("a", 4500, 1400, 0, 0.78), point("a", 4500, 1400, 1, 0.74),
            point("b", 45000, 1400, 0, 0.70), point("b", 45000, 1400, 1, 0.60),
            point("c", 45000, 7000, 0, 0.50), point("c", 45000, 7000, 1, 0.40));

    @Test
    void rowsAverageTheSeedsWithTheSampleStandardDeviation() {
        List<CurveTable.Row> rows = CurveTable.rows(MEASURED);
        assertEquals(List.of("clean", "a", "b", "c"), rows.stream().map(CurveTable.Row::label).toList());
        assertEquals(0.81, rows.get(0).meanAccuracy(), 1e-12);
        assertEquals(0.65, rows.get(2).meanAccuracy(), 1e-12);
        assertEquals(Math.sqrt(2 * 0.05 * 0.05), rows.get(2).stdAccuracy(), 1e-12, "n - 1 in the denominator");
        assertTrue(Double.isNaN(CurveTable.rows(MEASURED.subList(0, 1)).get(0).stdAccuracy()), "one seed: no spread");
        assertEquals(0.81, CurveTable.cleanMean(MEASURED), 1e-12);
        assertTrue(Double.isNaN(CurveTable.cleanMean(MEASURED.subList(2, 4))));
    }

    @Test
    void plotHasOneLinePerGeneratorTrainingSetSizeAndNoCleanLine() {
        List<EfficacyPlot.Series> series = CurveTable.plotSeries(MEASURED);
        assertEquals(List.of("generator trained on 4,500 images", "generator trained on 45,000 images"),
                series.stream().map(EfficacyPlot.Series::name).toList());
        assertEquals(List.of(new EfficacyPlot.Point(1400, 0.65), new EfficacyPlot.Point(7000, 0.45)),
                series.get(1).points().stream().map(p -> new EfficacyPlot.Point(p.steps(),
                        Math.round(p.accuracy() * 1e9) / 1e9)).toList());
    }

    @Test
    void namedSeriesSeparateGamesOnTheSameDataInOrderOfAppearance() {
        List<CurveMeasurement> twoGames = List.of(
                new CurveMeasurement("x1", "exp15", "g/x1", 10, 3520, 45000, 0, 0.68, 0.9, 8, 60),
                new CurveMeasurement("y1", "exp14", "g/y1", 10, 3520, 45000, 0, 0.75, 0.9, 8, 60),
                new CurveMeasurement("x2", "exp15", "g/x2", 14, 4928, 45000, 0, 0.47, 0.9, 8, 60));
        List<EfficacyPlot.Series> series = CurveTable.plotSeries(twoGames);
        assertEquals(List.of("exp15", "exp14"), series.stream().map(EfficacyPlot.Series::name).toList());
        assertEquals(List.of(new EfficacyPlot.Point(3520, 0.68), new EfficacyPlot.Point(4928, 0.47)),
                series.get(0).points());
    }

    @Test
    void markdownTableGivesMeanSpreadAndEverySeed() {
        VictimTrainingConfig victim = new VictimTrainingConfig(ClassifierArch.FASTNET, 0.25, 3, 256, 0.2, 0.9, 5e-4,
                true, LrSchedule.ONE_CYCLE, List.of(), 0.1, 0.25, 0.1, Augmentation.NONE, 0, 512);
        String md = CurveTable.markdown(MEASURED, new EfficacyCurveConfig(victim, List.of(0L, 1L), true, 500),
                "curve.png");
        assertTrue(md.contains("| none (clean training set) | - | - | - | - | 81.00 ± 1.41% | 80.00 / 82.00 | 85.00% |"),
                md);
        assertTrue(md.contains("| `runs/g/c` | generator trained on 45,000 images | 45,000 | 70 | 7,000 | 45.00 ± 7.07% "
                + "| 50.00 / 40.00 | 90.00% |"), md);
        assertTrue(md.contains("Victim: fastnet x0.25, 3 epochs, batch 256, seeds [0, 1]"), md);
        assertTrue(md.contains("![victim accuracy against game steps](curve.png)"), md);
    }
}
