package ai.gue.report;

import ai.gue.train.EpochMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Clean test accuracy (%) per epoch of several victims in one line chart, e.g. the victims trained
 * on clean, GUE-poisoned and random-noise data: the gap between the lines is the poison's effect.
 */
public final class AccuracyPlot {

    /** PNG width in pixels. */
    public static final int WIDTH = 800;
    /** PNG height in pixels. */
    public static final int HEIGHT = 500;

    /**
     * One victim's curve.
     *
     * @param name           legend entry, unique within a plot
     * @param testAccuracies clean test accuracy after epoch 1, 2, ..., in [0, 1] (NaN = not measured)
     */
    public record Series(String name, List<Double> testAccuracies) {

        public Series {
            testAccuracies = List.copyOf(testAccuracies);
        }

        /** The test accuracies of a victim's epochs. */
        public static Series of(String name, List<EpochMetrics> epochs) {
            return new Series(name, epochs.stream().map(EpochMetrics::testAccuracy).toList());
        }
    }

    private AccuracyPlot() {}

    /** The chart (epochs on x, accuracy in % on y, 0..100). */
    public static JFreeChart chart(String title, List<Series> series) {
        Png.ensureHeadless();
        XYSeriesCollection data = new XYSeriesCollection();
        Charts.requireUniqueNames("accuracy plot", series.stream().map(Series::name).toList());
        for (Series s : series) {
            XYSeries line = new XYSeries(s.name(), false, true);
            for (int e = 0; e < s.testAccuracies().size(); e++) {
                double accuracy = s.testAccuracies().get(e);
                if (Double.isFinite(accuracy)) { // an unmeasured epoch leaves a gap, not a zero
                    line.add(e + 1, 100 * accuracy);
                }
            }
            data.addSeries(line);
        }
        NumberAxis epochs = new NumberAxis("epoch");
        epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis accuracy = new NumberAxis("clean test accuracy (%)");
        accuracy.setRange(0, 100);
        XYPlot plot = new XYPlot(data, epochs, accuracy, null);
        Charts.style(plot, true, 0);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        Charts.style(chart);
        return chart;
    }

    /** Writes the chart as a {@value #WIDTH}x{@value #HEIGHT} PNG. */
    public static void write(String title, List<Series> series, Path target, boolean overwrite) throws IOException {
        Png.write(chart(title, series), WIDTH, HEIGHT, target, overwrite);
    }
}
