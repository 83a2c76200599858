package ai.gue.report;

import ai.gue.util.AtomicOutput;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/** Writes images and charts as PNG files, atomically, without a display. */
final class Png {

    private Png() {}

    /**
     * Switches AWT to headless mode unless the application chose otherwise. It must happen before
     * the first AWT class initialises its toolkit, so every renderer calls it before drawing.
     */
    static void ensureHeadless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    static void write(BufferedImage image, Path target, boolean overwrite) throws IOException {
        AtomicOutput.writeFile(target, overwrite, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available in this Java runtime");
            }
        });
    }

    static void write(JFreeChart chart, int width, int height, Path target, boolean overwrite) throws IOException {
        ensureHeadless();
        AtomicOutput.writeFile(target, overwrite, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
    }
}
