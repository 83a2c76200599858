package ai.gue.report;

import ai.gue.game.GameStepMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The game per step in two panels over one step axis: top, the leader payoff f, the follower loss
 * g(a, θ) and the inner follower's loss g(a, θ^T); bottom, the barrier multiplier λ. Long games are
 * thinned to at most {@value #MAX_POINTS} evenly spaced steps (always keeping the last), which is
 * more than a PNG of this width can show.
 */
public final class GameCurvePlot {

    /** PNG width in pixels. */
    public static final int WIDTH = 800;
    /** PNG height in pixels. */
    public static final int HEIGHT = 700;
    /** Most steps drawn per line. */
    public static final int MAX_POINTS = 2000;

    private GameCurvePlot() {}

    /** Indices of the steps drawn: all of them up to {@code max}, else {@code max} evenly spaced ones ending at the last. */
    public static int[] thinnedIndices(int count, int max) {
        if (max < 2) {
            throw new IllegalArgumentException("need at least 2 points, got " + max);
        }
        int n = Math.min(count, max);
        int[] indices = new int[n];
        for (int k = 0; k < n; k++) {
            indices[k] = count <= max ? k : (int) Math.round(k * (count - 1) / (double) (n - 1));
        }
        return indices;
    }

    /** The two-panel chart. */
    public static JFreeChart chart(String title, List<GameStepMetrics> steps) {
        Png.ensureHeadless();
        int[] shown = thinnedIndices(steps.size(), MAX_POINTS);
        XYSeriesCollection losses = new XYSeriesCollection();
        losses.addSeries(series("leader payoff f", steps, shown, GameStepMetrics::leaderPayoff));
        losses.addSeries(series("follower loss g(a, θ)", steps, shown, GameStepMetrics::followerLoss));
        losses.addSeries(series("inner loss g(a, θ^T)", steps, shown, GameStepMetrics::innerFollowerLoss));
        XYSeriesCollection multiplier = new XYSeriesCollection();
        multiplier.addSeries(series("λ (barrier multiplier)", steps, shown, GameStepMetrics::barrierMultiplier));

        NumberAxis stepAxis = new NumberAxis("game step");
        stepAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(stepAxis);
        plot.setGap(12);
        XYPlot top = new XYPlot(losses, null, autoRange("loss / payoff"), null);
        Charts.style(top, false, 0);
        XYPlot bottom = new XYPlot(multiplier, null, autoRange("λ"), null);
        Charts.style(bottom, false, 3); // λ gets a colour of its own
        plot.add(top, 3);
        plot.add(bottom, 2);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        Charts.style(chart);
        return chart;
    }

    /** Writes the chart as a {@value #WIDTH}x{@value #HEIGHT} PNG. */
    public static void write(String title, List<GameStepMetrics> steps, Path target, boolean overwrite)
            throws IOException {
        Png.write(chart(title, steps), WIDTH, HEIGHT, target, overwrite);
    }

    private static NumberAxis autoRange(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        return axis;
    }

    private static XYSeries series(String name, List<GameStepMetrics> steps, int[] shown,
            ToDoubleFunction<GameStepMetrics> value) {
        XYSeries series = new XYSeries(name, false, true);
        for (int index : shown) {
            double y = value.applyAsDouble(steps.get(index));
            if (Double.isFinite(y)) { // a diverged step is a gap, not an axis blown up to infinity
                series.add(index + 1, y);
            }
        }
        return series;
    }
}
