package ai.gue.cli;

import ai.gue.train.EpochMetrics;
import ai.gue.train.VictimTrainingConfig;
import ai.gue.train.VictimTrainingListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Renders victim training: a live progress bar (images/s, ETA) on a terminal; plain log lines
 * (one per epoch, plus one per quarter epoch) otherwise, so logs stay readable in files and CI.
 */
final class ProgressRenderer implements VictimTrainingListener {

    private final PrintWriter out;
    private final boolean live;
    private final String label;
    private int epochs;
    private int stepsPerEpoch;
    private long startNanos;

    ProgressRenderer(PrintWriter out, boolean live, String label) {
        this.out = out;
        this.live = live;
        this.label = label;
    }

    /** A live bar only when stdout is a terminal and the user did not ask for plain output. */
    static boolean liveOutputWanted(boolean noProgress) {
        return !noProgress && System.console() != null;
    }

    @Override
    public void onStart(VictimTrainingConfig config, int trainImages, int stepsPerEpoch, long parameterCount) {
        this.epochs = config.epochs();
        this.stepsPerEpoch = stepsPerEpoch;
        this.startNanos = System.nanoTime();
        out.printf(Locale.ROOT, "%s: %s x%.3g (%,d parameters), %,d training images, %d epochs of %d steps%n",
                label, config.arch(), config.widthMultiplier(), parameterCount, trainImages, epochs, stepsPerEpoch);
        out.flush();
    }

    @Override
    public void onStep(int epoch, int step, int steps, double loss, double imagesPerSecond) {
        long done = (long) (epoch - 1) * stepsPerEpoch + step;
        long total = (long) epochs * stepsPerEpoch;
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        double eta = elapsed / done * (total - done);
        if (live) {
            int width = 30;
            int filled = (int) (width * step / (double) steps);
            out.printf(Locale.ROOT, "\r  epoch %d/%d [%s%s] %d/%d loss %.3f %,.0f img/s ETA %s   ", epoch, epochs,
                    "=".repeat(filled), " ".repeat(width - filled), step, steps, loss, imagesPerSecond,
                    duration(eta));
            out.flush();
        } else if (step % Math.max(1, steps / 4) == 0 && step != steps) {
            out.printf(Locale.ROOT, "  epoch %d/%d step %d/%d loss %.3f %,.0f img/s ETA %s%n", epoch, epochs, step,
                    steps, loss, imagesPerSecond, duration(eta));
            out.flush();
        }
    }

    @Override
    public void onEpoch(EpochMetrics m) {
        if (live) {
            out.print("\r" + " ".repeat(100) + "\r");
        }
        out.printf(Locale.ROOT,
                "  epoch %d/%d: train loss %.4f acc %.2f%% | test acc %.2f%% loss %.4f | lr %.4g | %.0fs %,.0f img/s"
                        + " | rss %,.0f MiB%n",
                m.epoch(), epochs, m.trainLoss(), 100 * m.trainAccuracy(), 100 * m.testAccuracy(), m.testLoss(),
                m.learningRate(), m.trainSeconds(), m.imagesPerSecond(), m.residentBytes() / 1048576.0);
        out.flush();
    }

    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
