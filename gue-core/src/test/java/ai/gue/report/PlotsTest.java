package ai.gue.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.gue.game.GameStepMetrics;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The charts come out as PNGs of the documented size with something drawn on them. */
class PlotsTest {

    @Test
    void accuracyPlotIsAPngOfTheFixedSize(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("accuracy.png");
        AccuracyPlot.write("victims", List.of(
                new AccuracyPlot.Series("clean", List.of(0.4, 0.6, 0.8)),
                new AccuracyPlot.Series("GUE", List.of(0.2, 0.15, Double.NaN)),
                new AccuracyPlot.Series("random noise", List.of(0.35, 0.55, 0.78))), png, false);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(AccuracyPlot.WIDTH, image.getWidth());
        assertEquals(AccuracyPlot.HEIGHT, image.getHeight());
        assertEquals(0xFFFFFF, image.getRGB(2, 2) & 0xFFFFFF, "white background");
        assertTrue(Pictures.distinctColours(image) > 5, "lines and text drawn");
        assertTrue(Pictures.nonWhiteShare(image) > 0.005, "not blank");
    }

    @Test
    void duplicateSeriesNamesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AccuracyPlot.chart("x",
                List.of(new AccuracyPlot.Series("a", List.of(0.1)), new AccuracyPlot.Series("a", List.of(0.2)))));
        assertTrue(e.getMessage().contains("'a'"), e.getMessage());
    }

    @Test
    void efficacyPlotDrawsTheCurvesAndTheCleanReference(@TempDir Path dir) throws Exception {
        List<EfficacyPlot.Series> series = List.of(
                new EfficacyPlot.Series("generator trained on 45,000 images", List.of(new EfficacyPlot.Point(7040, 0.49),
                        new EfficacyPlot.Point(1056, 0.815), new EfficacyPlot.Point(3520, Double.NaN))),
                new EfficacyPlot.Series("generator trained on 4,500 images", List.of(new EfficacyPlot.Point(1440, 0.82))));
        org.jfree.chart.JFreeChart chart = EfficacyPlot.chart("curve", series, 0.8183);
        org.jfree.chart.plot.XYPlot plot = chart.getXYPlot();
        assertEquals(2, plot.getDataset().getSeriesCount());
        assertEquals(2, plot.getDataset().getItemCount(0), "an unmeasured point is left out, not drawn at 0");
        assertEquals(1056, plot.getDataset().getXValue(0, 0), 0, "sorted by steps");
        assertEquals(49, plot.getDataset().getYValue(0, 1), 1e-9, "accuracy in %");
        assertEquals(81.83, ((org.jfree.chart.plot.ValueMarker) plot.getRangeMarkers(
                org.jfree.chart.ui.Layer.FOREGROUND).iterator().next()).getValue(), 1e-9);
        assertTrue(EfficacyPlot.chart("curve", series, Double.NaN).getXYPlot()
                .getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND) == null, "no clean victim, no line");
        Path png = dir.resolve("curve.png");
        EfficacyPlot.write("curve", series, 0.8183, png, false);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(EfficacyPlot.WIDTH, image.getWidth());
        assertEquals(EfficacyPlot.HEIGHT, image.getHeight());
        assertTrue(Pictures.nonWhiteShare(image) > 0.005, "not blank");
        assertThrows(IllegalArgumentException.class, () -> EfficacyPlot.chart("x", List.of(series.get(0),
                series.get(0)), Double.NaN));
    }

    @Test
    void gameCurvesAreAPngOfTheFixedSize(@TempDir Path dir) throws Exception {
        List<GameStepMetrics> steps = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            double f = i == 17 ? Double.NaN : -1 - i * 1e-4;
            steps.add(new GameStepMetrics(f, 2.3 - i * 2e-4, 2.2 - i * 2e-4, 0.1, 0.5 + Math.sin(i / 100.0), 1, 1, 1,
                    0, 0, 0, 0, 0.1));
        }
        Path png = dir.resolve("game.png");
        GameCurvePlot.write("game", steps, png, false);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(GameCurvePlot.WIDTH, image.getWidth());
        assertEquals(GameCurvePlot.HEIGHT, image.getHeight());
        assertTrue(Pictures.distinctColours(image) > 5);
        assertTrue(Pictures.nonWhiteShare(image) > 0.005, "not blank");
    }

    @Test
    void thinningKeepsEverythingUpToTheLimitElseEvenlySpacedEndingAtTheLast() {
        assertArrayEquals(new int[] {0, 1, 2}, GameCurvePlot.thinnedIndices(3, 2000));
        assertArrayEquals(new int[] {0, 5, 10}, GameCurvePlot.thinnedIndices(11, 3));
        int[] many = GameCurvePlot.thinnedIndices(100_000, GameCurvePlot.MAX_POINTS);
        assertEquals(GameCurvePlot.MAX_POINTS, many.length);
        assertEquals(0, many[0]);
        assertEquals(99_999, many[many.length - 1]);
        for (int k = 1; k < many.length; k++) {
            assertTrue(many[k] > many[k - 1]);
        }
        assertEquals(0, GameCurvePlot.thinnedIndices(0, 10).length);
    }
}
