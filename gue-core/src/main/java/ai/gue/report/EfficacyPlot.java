package ai.gue.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * An efficacy curve: victim clean test accuracy (%) against the game steps that made the poison,
 * one line per generator training-set size, with the clean-data victim as a dashed reference
 * line. The distance below the reference is the poison's effect.
 */
public final class EfficacyPlot {

    /** PNG width in pixels. */
    public static final int WIDTH = 800;
    /** PNG height in pixels. */
    public static final int HEIGHT = 500;

    /** A measured point: game steps and clean test accuracy in [0, 1]. */
    public record Point(double steps, double accuracy) {}

    /**
     * One line, e.g. the generators of one game.
     *
     * @param name   legend entry, unique within a plot
     * @param points in any order; drawn sorted by steps
     */
    public record Series(String name, List<Point> points) {

        public Series {
            points = List.copyOf(points);
        }
    }

    private EfficacyPlot() {}

    /** The chart; {@code cleanReference} in [0, 1], or NaN for none. */
    public static JFreeChart chart(String title, List<Series> series, double cleanReference) {
        Png.ensureHeadless();
        XYSeriesCollection data = new XYSeriesCollection();
        Charts.requireUniqueNames("efficacy plot", series.stream().map(Series::name).toList());
        for (Series s : series) {
            XYSeries line = new XYSeries(s.name(), true, true);
            s.points().stream().filter(p -> Double.isFinite(p.accuracy())).forEach(p -> line.add(p.steps(),
                    100 * p.accuracy()));
            data.addSeries(line);
        }
        NumberAxis steps = new NumberAxis("game steps");
        steps.setAutoRangeIncludesZero(true);
        NumberAxis accuracy = new NumberAxis("victim clean test accuracy (%)");
        accuracy.setRange(0, 100);
        XYPlot plot = new XYPlot(data, steps, accuracy, null);
        Charts.style(plot, true, 0);
        if (Double.isFinite(cleanReference)) {
            ValueMarker clean = new ValueMarker(100 * cleanReference, Color.DARK_GRAY, new BasicStroke(1.2f,
                    BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            clean.setLabel(String.format(Locale.ROOT, "clean training set: %.2f%%", 100 * cleanReference));
            clean.setLabelAnchor(RectangleAnchor.TOP_RIGHT); // above the line at the right, clear of early points
            clean.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
            plot.addRangeMarker(clean);
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        Charts.style(chart);
        return chart;
    }

    /** Writes the chart as a {@value #WIDTH}x{@value #HEIGHT} PNG. */
    public static void write(String title, List<Series> series, double cleanReference, Path target,
            boolean overwrite) throws IOException {
        Png.write(chart(title, series, cleanReference), WIDTH, HEIGHT, target, overwrite);
    }
}
