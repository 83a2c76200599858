package ai.gue.report;

import java.awt.BasicStroke;
import java.awt.Color;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;

/** The one look every gue chart shares: white background, light grid, plain lines. */
final class Charts {

    private static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    /** Dark, distinguishable colours (JFreeChart's defaults include yellow, unreadable on white). */
    private static final Color[] PALETTE = {new Color(0x1F77B4), new Color(0xD62728), new Color(0x2CA02C),
        new Color(0xFF7F0E), new Color(0x9467BD), new Color(0x8C564B), new Color(0x17BECF), new Color(0x7F7F7F)};

    private Charts() {}

    /** Styles {@code plot}; its series take palette colours from {@code firstColour} on. */
    static void style(XYPlot plot, boolean shapes, int firstColour) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setOutlineVisible(false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, shapes);
        renderer.setAutoPopulateSeriesStroke(false);
        renderer.setDefaultStroke(new BasicStroke(1.6f));
        for (int series = 0; series < plot.getSeriesCount(); series++) {
            renderer.setSeriesPaint(series, PALETTE[(firstColour + series) % PALETTE.length]);
        }
        plot.setRenderer(renderer);
    }

    static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        if (chart.getLegend() != null) {
            chart.getLegend().setBackgroundPaint(Color.WHITE);
        }
    }

    /** Refuses a plot whose legend would name two series alike ({@code plot} names the plot in the message). */
    static void requireUniqueNames(String plot, java.util.List<String> names) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw new IllegalArgumentException(plot + ": series name '" + name + "' is used twice");
            }
        }
    }
}
