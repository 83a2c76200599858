package ai.gue.cli;

import ai.gue.eval.UnlearnabilityResult.PoisonSummary;
import ai.gue.eval.UnlearnabilityResult.VictimOutcome;
import ai.gue.game.GameListener;
import ai.gue.pipeline.RunStage;
import ai.gue.pipeline.UnlearnabilityListener;
import ai.gue.train.VictimTrainingListener;
import java.io.PrintWriter;
import java.util.Locale;

/** Renders {@code gue run}: a heading per stage, the game and victims as their own commands render them. */
final class RunProgress implements UnlearnabilityListener {

    private final PrintWriter out;
    private final boolean live;
    private final long startNanos = System.nanoTime();

    RunProgress(PrintWriter out, boolean live) {
        this.out = out;
        this.live = live;
    }

    @Override
    public void onStage(RunStage stage, String description) {
        out.printf(Locale.ROOT, "%n== [%s] %s: %s%n", ProgressRenderer.duration((System.nanoTime() - startNanos) / 1e9),
                stage.name().toLowerCase(Locale.ROOT), description);
        out.flush();
    }

    @Override
    public GameListener gameListener() {
        return new GameProgress(out, live);
    }

    @Override
    public void onPoisoned(PoisonSummary p) {
        out.printf(Locale.ROOT, "  %s: stored L-inf %d/255 (budget %s), mean L2 %.4f, %.1f%% of values changed%n",
                p.name(), p.maxAbsDelta(), p.budget(), p.meanL2(), 100 * p.changedShare());
        out.flush();
    }

    @Override
    public VictimTrainingListener victimListener(String name, int index, int count) {
        return new ProgressRenderer(out, live, "victim " + name);
    }

    @Override
    public void onVictimFinished(VictimOutcome v) {
        out.printf(Locale.ROOT, "  victim %s: clean test accuracy %.2f%% after %d epochs (%.1f min)%n", v.name(),
                100 * v.result().finalTestAccuracy(), v.result().epochs().size(), v.result().totalSeconds() / 60);
        out.flush();
    }
}
