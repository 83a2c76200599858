package ai.gue.cli;

import ai.gue.game.GameConfig;
import ai.gue.game.GameListener;
import ai.gue.game.GameStepMetrics;
import ai.gue.game.SelectionResult;
import java.io.PrintWriter;
import java.util.Locale;

/** Renders a game run: a live line on a terminal, periodic log lines otherwise. */
final class GameProgress implements GameListener {

    private final PrintWriter out;
    private final boolean live;
    private int epochs;
    private int stepsPerEpoch;
    private int firstEpoch;
    private int firstStep;
    private long startNanos;
    /** Step seconds summed over the current epoch: one step's time misleads (an epoch's last batch is partial). */
    private double epochStepSeconds;
    private int epochStepsTimed;
    private int timedEpoch;

    GameProgress(PrintWriter out, boolean live) {
        this.out = out;
        this.live = live;
    }

    @Override
    public void onStart(GameConfig config, int gameImages, int stepsPerEpoch, int startEpoch, int startStep) {
        this.epochs = config.epochs();
        this.stepsPerEpoch = stepsPerEpoch;
        this.firstEpoch = startEpoch;
        this.firstStep = startStep;
        this.startNanos = System.nanoTime();
        boolean augmented = config.poisonAugmentation().cropPadding() > 0 || config.poisonAugmentation().horizontalFlip();
        out.printf(Locale.ROOT, "game: follower %s x%.3g, UNet width %d, budget %s, %s payoff, T=%d, %,d images, "
                        + "%s%s%n", config.followerArch(), config.followerWidth(),
                config.generatorWidth(), config.budget().describe(), config.payoff(), config.innerSteps(), gameImages,
                epochsToPlay(startEpoch, startStep, epochs, stepsPerEpoch), augmented ? String.format(Locale.ROOT,
                        "; poisoned batch cropped (pad %d) and %sflipped before the follower (a deviation)",
                        config.poisonAugmentation().cropPadding(),
                        config.poisonAugmentation().horizontalFlip() ? "" : "not ") : "");
        out.flush();
    }

    /**
     * "epochs 3..12", "epochs 3 (from step 120)..12" when resuming inside epoch 3, or, for a checkpoint that
     * has played them all (a resumed or re-run grid), that it has.
     */
    static String epochsToPlay(int startEpoch, int startStep, int epochs, int stepsPerEpoch) {
        return startEpoch > epochs
                ? String.format(Locale.ROOT, "all %d epochs of %d steps already played", epochs, stepsPerEpoch)
                : String.format(Locale.ROOT, "epochs %d%s..%d of %d steps", startEpoch,
                        startStep > 1 ? " (from step " + startStep + ")" : "", epochs, stepsPerEpoch);
    }

    @Override
    public void onStep(int epoch, int step, int steps, GameStepMetrics m) {
        long done = (long) (epoch - firstEpoch) * stepsPerEpoch + step - (firstStep - 1);
        long total = (long) (epochs - firstEpoch + 1) * stepsPerEpoch - (firstStep - 1);
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        if (epoch != timedEpoch) {
            timedEpoch = epoch;
            epochStepSeconds = 0;
            epochStepsTimed = 0;
        }
        epochStepSeconds += m.seconds();
        epochStepsTimed++;
        String line = String.format(Locale.ROOT,
                "epoch %d/%d step %d/%d | f %.4f g(θ) %.4f g(θT) %.4f q %.4f λ %.3g | class alignment δ %+.3f "
                        + "signal %+.3f (live %+.3f) | %.2fs/step (epoch mean) ETA %s", epoch, epochs,
                step, steps, m.leaderPayoff(), m.followerLoss(), m.innerFollowerLoss(), m.valueGap(),
                m.barrierMultiplier(), m.perturbationClassAlignment(), m.signalClassAlignment(), m.liveSignalClassAlignment(),
                epochStepSeconds / epochStepsTimed,
                ProgressRenderer.duration(elapsed / done * (total - done)));
        if (live) {
            out.print("\r  " + line + "   ");
            out.flush();
        } else if (step % Math.max(1, steps / 4) == 0 || step == steps) {
            out.println("  " + line);
            out.flush();
        }
    }

    @Override
    public void onSelection(SelectionResult s) {
        if (live) {
            out.println();
        }
        if (s.cleanReference()) {
            out.printf(Locale.ROOT, "  selection reference: the same victim trained on the clean game images reaches "
                    + "%.2f%% clean validation accuracy (%.0fs)%n", 100 * s.validationAccuracy(), s.seconds());
        } else {
            out.printf(Locale.ROOT, "  selection after epoch %d: victim clean validation accuracy %.2f%%%s; "
                            + "perturbation separability %.1f%% (clean images %.1f%%) (%.0fs)%n", s.epoch(),
                    100 * s.validationAccuracy(), s.best() ? " (best so far, kept)" : "",
                    100 * s.perturbationSeparability(), 100 * s.cleanImageSeparability(), s.seconds());
        }
        out.flush();
    }

    @Override
    public void onCheckpoint(int epoch) {
        if (live) {
            out.println();
        }
        out.printf("  checkpoint after epoch %d written%n", epoch);
        out.flush();
    }

    @Override
    public void onMidEpochCheckpoint(int epoch, int steps) {
        if (live) {
            out.println();
        }
        out.printf(Locale.ROOT, "  checkpoint after step %d of epoch %d written (--resume continues from there)%n",
                steps, epoch);
        out.flush();
    }
}
