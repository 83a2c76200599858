package ai.gue.compare;

import ai.gue.report.MarkdownReport.Align;
import ai.gue.report.ReportBlock.Table;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The grid's tables as pure functions of cell results, in the literature's layout: one row per
 * attack, one column per victim and defense, each value the victim's clean test accuracy (%) after
 * its last epoch. Nothing here trains or reads files, so a fixed set of results always gives the
 * same text (the golden-file test relies on it).
 */
public final class ComparisonTable {

    /** A cell that has not run yet. */
    public static final String NOT_RUN = "—";
    /** A cell whose every run threw. */
    public static final String FAILED = "failed";
    /** A cell that trained but has no finite accuracy (a diverged victim). */
    public static final String NOT_A_NUMBER = "n/a";

    private ComparisonTable() {}

    /**
     * The accuracy table. With one victim the columns are named by defense alone, otherwise
     * "victim / defense"; a value over several seeds reads "mean ± sample std (seeds)".
     */
    public static Table accuracy(Experiment experiment, List<CellResult> results) {
        boolean oneVictim = experiment.victims().size() == 1;
        List<String> header = new ArrayList<>(List.of("attack"));
        List<Align> align = new ArrayList<>(List.of(Align.LEFT));
        for (GridColumn column : experiment.columns()) {
            header.add(oneVictim ? column.defense() : column.victim() + " / " + column.defense());
            align.add(Align.RIGHT);
        }
        Map<String, List<CellResult>> byRowColumn = results.stream().collect(Collectors.groupingBy(
                r -> r.cell().attack() + "\u0000" + r.cell().victim() + "\u0000" + r.cell().defense()));
        List<List<String>> rows = new ArrayList<>();
        for (AttackSpec attack : experiment.attacks()) {
            List<String> row = new ArrayList<>(List.of(attack.name()));
            for (GridColumn column : experiment.columns()) {
                List<CellResult> seeds = byRowColumn.getOrDefault(
                        attack.name() + "\u0000" + column.victim() + "\u0000" + column.defense(), List.of()).stream()
                        .filter(r -> experiment.seeds().contains(r.cell().seed())).toList();
                row.add(summarize(seeds, experiment.seeds().size() > 1));
            }
            rows.add(row);
        }
        return new Table(header, align, rows);
    }

    /**
     * One table value from the results of one (attack, victim, defense) over seeds: the accuracy in
     * percent with two decimals; over several finished seeds "mean ± std (n)" with the sample
     * standard deviation; {@value #NOT_RUN}, {@value #FAILED} or {@value #NOT_A_NUMBER} when no seed
     * has a finite accuracy.
     *
     * @param showCount whether a single value also shows "(1)" (when the experiment repeats seeds, so
     *                  that a partly finished value is recognisable)
     */
    public static String summarize(List<CellResult> seeds, boolean showCount) {
        List<Double> finite = seeds.stream().filter(r -> r.outcome() == CellOutcome.DONE)
                .map(r -> 100 * r.testAccuracy()).filter(Double::isFinite).toList();
        if (finite.isEmpty()) {
            if (seeds.stream().anyMatch(r -> r.outcome() == CellOutcome.DONE)) {
                return NOT_A_NUMBER;
            }
            return seeds.isEmpty() ? NOT_RUN : FAILED;
        }
        double mean = finite.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        if (finite.size() == 1) {
            return String.format(Locale.ROOT, showCount ? "%.2f (1)" : "%.2f", mean);
        }
        double squares = finite.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        double std = Math.sqrt(squares / (finite.size() - 1));
        return String.format(Locale.ROOT, "%.2f ± %.2f (%d)", mean, std, finite.size());
    }

    /** The cost of each cell that ran, in run order, and a total line. */
    public static Table cost(Experiment experiment, List<CellResult> results) {
        Map<CellKey, CellResult> byCell = results.stream().collect(Collectors.toMap(CellResult::cell,
                Function.identity(), (a, b) -> b));
        List<List<String>> rows = new ArrayList<>();
        double totalSeconds = 0;
        for (CellKey cell : experiment.cells()) {
            CellResult r = byCell.get(cell);
            if (r == null) {
                continue;
            }
            totalSeconds += r.seconds();
            rows.add(List.of(cell.attack(), cell.victim(), cell.defense(), Long.toString(cell.seed()),
                    r.outcome() == CellOutcome.DONE ? Integer.toString(r.testAccuracies().size()) : FAILED,
                    r.outcome() == CellOutcome.DONE ? String.format(Locale.ROOT, "%,d", r.trainImages()) : "",
                    String.format(Locale.ROOT, "%.1f", r.seconds() / 60), rate(r.imagesPerSecond())));
        }
        rows.add(List.of("total", "", "", "", "", "", String.format(Locale.ROOT, "%.1f", totalSeconds / 60), ""));
        return new Table(List.of("attack", "victim", "defense", "seed", "epochs", "training images", "minutes",
                "images/s"), List.of(Align.LEFT, Align.LEFT, Align.LEFT, Align.RIGHT, Align.RIGHT, Align.RIGHT,
                        Align.RIGHT, Align.RIGHT), rows);
    }

    /** The stored poisons, in the experiment's attack order. */
    public static Table poisons(Experiment experiment, List<PoisonRecord> poisons) {
        Map<String, PoisonRecord> byAttack = poisons.stream().collect(Collectors.toMap(PoisonRecord::attack,
                Function.identity(), (a, b) -> b));
        List<List<String>> rows = new ArrayList<>();
        for (AttackSpec attack : experiment.attacks()) {
            PoisonRecord p = byAttack.get(attack.name());
            if (p != null) {
                rows.add(List.of(p.attack(), p.budget(), String.format(Locale.ROOT, "%d/255", p.maxAbsDelta()),
                        String.format(Locale.ROOT, "%.4f", p.meanL2()),
                        String.format(Locale.ROOT, "%.2f", 100 * p.changedShare()),
                        String.format(Locale.ROOT, "%.1f", p.seconds() / 60)));
            }
        }
        return new Table(List.of("attack", "budget", "stored L∞", "mean L2", "values changed (%)", "minutes"),
                List.of(Align.LEFT, Align.LEFT, Align.RIGHT, Align.RIGHT, Align.RIGHT, Align.RIGHT),
                Collections.unmodifiableList(rows));
    }

    /**
     * One line per cell that ran, in run order, for analysis elsewhere: accuracies in [0, 1], NaN
     * when there is none, times in seconds.
     */
    public static String csv(Experiment experiment, List<CellResult> results) {
        Map<CellKey, CellResult> byCell = results.stream().collect(Collectors.toMap(CellResult::cell,
                Function.identity(), (a, b) -> b));
        StringBuilder csv = new StringBuilder("attack,victim,defense,seed,outcome,test_accuracy,epochs,train_images,"
                + "test_images,seconds,images_per_second\n");
        for (CellKey cell : experiment.cells()) {
            CellResult r = byCell.get(cell);
            if (r != null) {
                csv.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%s,%.6f,%d,%d,%d,%.3f,%.1f%n", cell.attack(),
                        cell.victim(), cell.defense(), cell.seed(), r.outcome().fileName(), r.testAccuracy(),
                        r.testAccuracies().size(), r.trainImages(), r.testImages(), r.seconds(),
                        r.imagesPerSecond()));
            }
        }
        return csv.toString();
    }

    private static String rate(double imagesPerSecond) {
        return Double.isFinite(imagesPerSecond) ? String.format(Locale.ROOT, "%.0f", imagesPerSecond) : "";
    }
}
