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
