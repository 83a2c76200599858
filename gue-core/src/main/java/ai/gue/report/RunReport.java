package ai.gue.report;

import ai.gue.eval.UnlearnabilityResult;
import ai.gue.eval.UnlearnabilityResult.GameSummary;
import ai.gue.eval.UnlearnabilityResult.PoisonSummary;
import ai.gue.eval.UnlearnabilityResult.SeenUnseen;
import ai.gue.eval.UnlearnabilityResult.VictimOutcome;
import ai.gue.game.GameConfig;
import ai.gue.game.SelectionResult;
import ai.gue.report.MarkdownReport.Align;
import ai.gue.train.VictimTrainingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Markdown report of a {@code gue run}: the victims' clean test accuracies side by side (the
 * number the run exists for), the perturbation actually stored, the game's summary, and the figures.
 */
public final class RunReport {

    private static final List<String> VICTIM_HEADER = List.of("victim", "training data", "clean test accuracy (%)",
            "epochs", "minutes");
    private static final List<Align> VICTIM_ALIGN = List.of(Align.LEFT, Align.LEFT, Align.RIGHT, Align.RIGHT,
            Align.RIGHT);

    private RunReport() {}

    /** The victims' comparison table alone (Markdown), e.g. to print at the end of a run. */
    public static String comparisonTable(UnlearnabilityResult result) {
        return MarkdownReport.tableText(VICTIM_HEADER, VICTIM_ALIGN, victimRows(result));
    }

    /** The whole report. */
    public static String render(UnlearnabilityResult result, ReportFigures figures) {
        GameConfig game = result.config().game();
        MarkdownReport md = new MarkdownReport()
                .heading(1, "GUE unlearnability run")
                .paragraph(String.format(Locale.ROOT, "Training set `%s` (%,d images, all poisoned); every victim is "
                        + "measured on the same clean test set (%,d images). Budget %s.", result.trainingSet(),
                        result.trainImages(), result.testImages(), game.budget().describe()))
                .heading(2, "Victims")
                .table(VICTIM_HEADER, VICTIM_ALIGN, victimRows(result))
                .paragraph("Recipe shared by all victims (same seed, so they differ only in their training data): "
                        + describe(result.config().victim()) + ".");
        if (result.gueSeenUnseen() != null) {
            md.paragraph(seenUnseen(result.gueSeenUnseen()));
        }
        if (figures.accuracy() != null) {
            md.image("clean test accuracy per epoch", figures.accuracy());
        }
        md.heading(2, "Perturbation as stored")
                .table(List.of("poison", "budget", "stored L∞", "mean L2", "values changed (%)"),
                        List.of(Align.LEFT, Align.LEFT, Align.RIGHT, Align.RIGHT, Align.RIGHT), poisonRows(result))
                .paragraph("Measured on the stored 8-bit images against the clean ones: L∞ in grey levels (1/255), "
                        + "mean L2 per image on the [0, 1] scale.");
        if (figures.perturbations() != null) {
            md.image("clean, poisoned and amplified perturbation, first image of each class", figures.perturbations());
        }
        GameSummary summary = result.game();
        md.heading(2, "Game")
                .bullets(List.of(
                        "players: " + describe(game),
                        String.format(Locale.ROOT, "%d epochs, %,d steps on %,d images (%,d held out clean, %s)",
                                summary.epochs(), summary.steps(), summary.gameImages(), summary.validationImages(),
                                game.heldOutRole()),
                        String.format(Locale.ROOT, "%.1f min of game steps in total; %.1f min in this invocation%s",
                                summary.stepSeconds() / 60, summary.seconds() / 60,
                                game.selectEveryEpochs() > 0 ? " (selection included)" : ""),
                        "generator used: `" + summary.generator() + "`"));
        if (!summary.selections().isEmpty()) {
            md.table(List.of("after epoch", "selection victim clean validation accuracy (%)",
                            "perturbation separability (%)", "clean-image separability (%)", "kept"),
                    List.of(Align.RIGHT, Align.RIGHT, Align.RIGHT, Align.RIGHT, Align.LEFT),
                    selectionRows(summary.selections()));
        }
        if (figures.gameCurves() != null) {
            md.image("leader payoff, follower losses and λ per game step", figures.gameCurves());
        }
        md.paragraph(String.format(Locale.ROOT, "Wall time of this invocation: %.1f min.", result.seconds() / 60));
        return md.render();
    }

    private static String seenUnseen(SeenUnseen s) {
        String seen = String.format(Locale.ROOT, "Does the poison reach images the generator never saw? The GUE victim "
                + "classifies the clean versions of its own training images: %s%% of the %,d the game trained on",
                percent(s.seenAccuracy()), s.seenImages());
        return s.unseenImages() == 0 ? seen + " (the game used every training image, to play or to select, so none is unseen)."
                : seen + String.format(Locale.ROOT, ", %s%% of the %,d it never saw.", percent(s.unseenAccuracy()),
                        s.unseenImages());
    }

    private static List<List<String>> victimRows(UnlearnabilityResult result) {
        List<List<String>> rows = new ArrayList<>();
        for (VictimOutcome v : result.victims()) {
            rows.add(List.of(v.name(), v.trainingData(), percent(v.result().finalTestAccuracy()),
                    Integer.toString(v.result().epochs().size()),
                    String.format(Locale.ROOT, "%.1f", v.result().totalSeconds() / 60)));
        }
        return rows;
    }

    private static List<List<String>> poisonRows(UnlearnabilityResult result) {
        List<List<String>> rows = new ArrayList<>();
        for (PoisonSummary p : result.poisons()) {
            rows.add(List.of(p.name() + " (" + p.description() + ")", p.budget(),
                    String.format(Locale.ROOT, "%d/255 (%.5f)", p.maxAbsDelta(), p.maxAbsDelta() / 255.0),
                    String.format(Locale.ROOT, "%.4f", p.meanL2()), percent(p.changedShare())));
        }
        return rows;
    }

    private static List<List<String>> selectionRows(List<SelectionResult> selections) {
        List<List<String>> rows = new ArrayList<>();
        for (SelectionResult s : selections) {
            rows.add(List.of(s.cleanReference() ? "0 (clean game images)" : Integer.toString(s.epoch()),
                    percent(s.validationAccuracy()),
                    percent(s.perturbationSeparability()), percent(s.cleanImageSeparability()),
                    s.best() ? "best so far" : ""));
        }
        return rows;
    }

    private static String describe(VictimTrainingConfig v) {
        return describeRecipe(v) + ", seed " + v.seed();
    }

    /** A victim recipe in one line, without its seed ("fastnet ×0.25, 3 epochs, batch 256, SGD lr 0.2 ..."). */
    public static String describeRecipe(VictimTrainingConfig v) {
        return String.format(Locale.ROOT, "%s ×%s, %d epochs, batch %d, SGD lr %s (%s), momentum %s, "
                + "weight decay %s, crop padding %d, flip %s", v.arch(), number(v.widthMultiplier()), v.epochs(),
                v.batchSize(), number(v.learningRate()), v.schedule().cliName(),
                number(v.momentum()), number(v.weightDecay()), v.augmentation().cropPadding(),
                v.augmentation().horizontalFlip() ? "yes" : "no");
    }

    private static String describe(GameConfig g) {
        return String.format(Locale.ROOT, "follower %s ×%s, UNet width %d, %s payoff, T = %d inner steps, "
                + "batch %d, %s of the training set, seed %d", g.followerArch(), number(g.followerWidth()),
                g.generatorWidth(), g.payoff(), g.innerSteps(), g.batchSize(),
                share(g.dataFraction()), g.seed());
    }

    private static String percent(double share) {
        return Double.isFinite(share) ? String.format(Locale.ROOT, "%.2f", 100 * share) : "n/a";
    }

    /** A fraction as an exact percentage: 0.2 → "20%" (no binary rounding noise). */
    private static String share(double fraction) {
        return java.math.BigDecimal.valueOf(fraction).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    /** A number without trailing zeros: 0.25, 5.0E-4 → 0.0005, 1. */
    private static String number(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
