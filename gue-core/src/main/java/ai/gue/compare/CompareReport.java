package ai.gue.compare;

import ai.gue.report.MarkdownReport.Align;
import ai.gue.report.ReportBlock;
import ai.gue.report.ReportBlock.Figure;
import ai.gue.report.ReportBlock.Heading;
import ai.gue.report.ReportBlock.Paragraph;
import ai.gue.report.ReportBlock.Table;
import ai.gue.report.ReportDocument;
import ai.gue.report.RunReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The report of a comparison grid: the accuracy table in the literature's layout first (the number
 * the grid exists for), then what each row, victim and column is, the stored poisons, the cost of
 * every cell, and the figures. A pure function of the experiment, the results and the figure paths,
 * rendered to Markdown and to HTML from the same blocks ({@link ReportDocument}).
 */
public final class CompareReport {

    /**
     * What the report is made from.
     *
     * @param experiment      the grid
     * @param results         the cells that ran (any order; cells of other experiments are ignored)
     * @param poisons         the stored poisons
     * @param accuracyFigures attack name to its accuracy-per-epoch PNG, relative to the report
     * @param galleries       attack name to its perturbation gallery PNG, relative to the report
     */
    public record Inputs(Experiment experiment, List<CellResult> results, List<PoisonRecord> poisons,
            Map<String, String> accuracyFigures, Map<String, String> galleries) {

        public Inputs {
            results = List.copyOf(results);
            poisons = List.copyOf(poisons);
            accuracyFigures = Map.copyOf(accuracyFigures);
            galleries = Map.copyOf(galleries);
        }
    }

    private CompareReport() {}

    /** The report's blocks. */
    public static ReportDocument document(Inputs inputs) {
        Experiment e = inputs.experiment();
        List<CellKey> cells = e.cells();
        List<CellResult> results = inputs.results().stream().filter(r -> cells.contains(r.cell())).toList();
        long done = results.stream().filter(r -> r.outcome() == CellOutcome.DONE).count();
        long failed = results.size() - done;
        List<ReportBlock> blocks = new ArrayList<>();
        blocks.add(new Heading(1, "Comparison: " + e.name()));
        blocks.add(new Paragraph(String.format(Locale.ROOT, "%d of %d cells done%s (%s × %s × %s × %s).", done,
                cells.size(), failed > 0 ? ", " + failed + " failed" : "", count(e.attacks().size(), "attack"),
                count(e.victims().size(), "victim"), count(e.defenses().size(), "defense"),
                count(e.seeds().size(), "seed"))));
        blocks.add(new Paragraph(dataDescription(e)));
        blocks.add(new Heading(2, "Clean test accuracy (%)"));
        blocks.add(ComparisonTable.accuracy(e, results));
        blocks.add(new Paragraph("Each value is the clean test accuracy of a victim trained from scratch on the "
                + "row's training set behind the column's defense, after its last epoch; lower means a stronger "
                + "poison. Over several seeds: mean ± sample standard deviation (number of seeds). "
                + ComparisonTable.NOT_RUN + ": not run yet; " + ComparisonTable.FAILED
                + ": the victim's training threw (see the cell's result.json); " + ComparisonTable.NOT_A_NUMBER
                + ": no finite accuracy."));
        blocks.add(new Heading(2, "Setup"));
        blocks.add(new Table(List.of("attack", "what"), List.of(Align.LEFT, Align.LEFT),
                e.attacks().stream().map(a -> List.of(a.name(), a.describe())).toList()));
        blocks.add(new Table(List.of("victim", "preset", "recipe"), List.of(Align.LEFT, Align.LEFT, Align.LEFT),
                e.victims().stream().map(v -> List.of(v.name(), v.preset(), RunReport.describeRecipe(v.recipe())))
                        .toList()));
        blocks.add(new Table(List.of("defense", "what"), List.of(Align.LEFT, Align.LEFT),
                e.defenses().stream().map(d -> List.of(d.name(), d.defense().describe())).toList()));
        if (!inputs.poisons().isEmpty()) {
            blocks.add(new Heading(2, "Poisons as stored"));
            blocks.add(ComparisonTable.poisons(e, inputs.poisons()));
            blocks.add(new Paragraph("Measured on the stored 8-bit images against the clean ones: L∞ in grey levels, "
                    + "mean L2 per image on the [0, 1] scale; minutes to compute, write and verify the poison once "
                    + "(every cell of the row reuses it)."));
        }
        blocks.add(new Heading(2, "Cost"));
        blocks.add(ComparisonTable.cost(e, results));
        blocks.add(new Paragraph("Minutes of wall time per victim, training and testing included; images/s is the "
                + "training throughput (images × epochs / seconds of training steps)."));
        List<Figure> curves = figures(e, inputs.accuracyFigures(), "clean test accuracy per epoch, attack ");
        if (!curves.isEmpty()) {
            blocks.add(new Heading(2, "Accuracy per epoch"));
            blocks.addAll(curves);
        }
        List<Figure> galleries = figures(e, inputs.galleries(), "clean, poisoned and amplified perturbation, attack ");
        if (!galleries.isEmpty()) {
            blocks.add(new Heading(2, "Perturbations"));
            blocks.addAll(galleries);
        }
        return new ReportDocument(blocks);
    }

    private static List<Figure> figures(Experiment e, Map<String, String> paths, String caption) {
        return e.attacks().stream().filter(a -> paths.containsKey(a.name()))
                .map(a -> new Figure(caption + a.name(), paths.get(a.name()))).toList();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String dataDescription(Experiment e) {
        StringBuilder text = new StringBuilder("Training set `").append(e.dataset()).append('`');
        if (e.trainLimit() != null) {
            text.append(String.format(Locale.ROOT, " (first %,d images)", e.trainLimit()));
        }
        text.append(", clean test set ").append(e.test() != null ? "`" + e.test() + "`" : "its test split");
        if (e.testLimit() != null) {
            text.append(String.format(Locale.ROOT, " (first %,d images)", e.testLimit()));
        }
        text.append(e.poisonRatio() != null
                ? String.format(Locale.ROOT, "; %s%% of the training images poisoned, the rest clean",
                        java.math.BigDecimal.valueOf(100 * e.poisonRatio()).stripTrailingZeros().toPlainString())
                : "; every training image poisoned");
        text.append("; victim seeds ").append(e.seeds().stream().map(String::valueOf).collect(Collectors.joining(", ")))
                .append('.');
        return text.toString();
    }
}
