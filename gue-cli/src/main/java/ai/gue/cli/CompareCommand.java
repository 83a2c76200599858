package ai.gue.cli;

import ai.gue.compare.AttackSpec;
import ai.gue.compare.CellKey;
import ai.gue.compare.CellOutcome;
import ai.gue.compare.CellResult;
import ai.gue.compare.CellStatus;
import ai.gue.attack.CraftingListener;
import ai.gue.game.GameListener;
import ai.gue.compare.CompareListener;
import ai.gue.compare.CompareRunner;
import ai.gue.compare.ComparisonTable;
import ai.gue.compare.Experiment;
import ai.gue.compare.ExperimentParser;
import ai.gue.compare.PlannedCell;
import ai.gue.compare.PoisonRecord;
import ai.gue.data.DatasetCatalog;
import ai.gue.report.MarkdownReport;
import ai.gue.report.MarkdownReport.Align;
import ai.gue.train.VictimTrainingListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gue compare}: runs a grid of attacks × victims × defenses × seeds and writes one report. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a comparison grid from a YAML experiment file: every attack (clean, a baseline, a GUE "
                + "generator folder, or a GUE game the grid plays, checkpointed every epoch in games/<attack>/) "
                + "crossed with every victim recipe, defense and seed. Each cell trains a fresh "
                + "victim and stores cells/<attack>/<victim>/<defense>/seed-<n>/result.json last; a cell whose "
                + "result exists for the same configuration is skipped, so an interrupted grid resumes where it "
                + "stopped. Poisons are computed once per attack (poisons/<attack>/). After every cell, report.md and "
                + "a self-contained report.html are rewritten: the clean test accuracy table (rows attacks, columns "
                + "defenses and victims, mean +- std over seeds), the cost of every cell, accuracy-per-epoch plots "
                + "and a perturbation gallery per attack."})
final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Where the grid comes from: a file or a shipped preset. */
    static final class Source {
        @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "The experiment YAML file (see README).")
        String file;

        @Option(names = "--preset", paramLabel = "NAME",
                description = "A shipped grid instead of a file: cpu (the cpu-long GUE game and the model-free "
                        + "baselines x 8 cheap defenses on the cpu-short victim, about 4 hours on 2 cores), "
                        + "cpu-crafted (EM, REM, TAP, DeepConfuse and the cpu-long GUE game x none, grayscale, jpeg, "
                        + "about 4.5 hours) or paper (the literature's grid, ResNet-18 100 epochs; for a GPU).")
        String preset;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "Grid folder (default: runs/compare-<file or preset name> in the gue home). Running again "
                    + "with the same folder resumes the grid.")
    Path out;

    @Option(names = "--dry-run", description = "Print the plan (every cell and whether it is done) and stop.")
    boolean dryRun;

    @Option(names = "--only-report", description = "Rewrite report.md and report.html from the stored results; train "
            + "nothing.")
    boolean onlyReport;

    @Option(names = "--force", description = "Recompute cells and poisons whose stored results were made with another "
            + "configuration (otherwise the grid refuses to run).")
    boolean force;

    @Option(names = "--no-progress", description = "Plain log lines instead of a live progress bar.")
    boolean noProgress;

    @Mixin
    DatasetOptions datasets = new DatasetOptions();

    @Override
    public Integer call() throws Exception {
        if (dryRun && onlyReport) {
            throw new IllegalArgumentException("give at most one of --dry-run and --only-report");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        String name = source.preset != null ? source.preset : source.file;
        Experiment experiment = ExperimentParser.load(name);
        Path folder = out != null ? out : Workspace.home().resolve("runs").resolve("compare-"
                + Path.of(name).getFileName().toString().replaceFirst("\\.ya?ml$", ""));
        CompareRunner runner = new CompareRunner(experiment, folder, force);
        List<PlannedCell> plan = runner.plan();
        printPlan(stdout, experiment, folder, plan);
        if (dryRun) {
            return 0;
        }
        Printer printer = new Printer(stdout, ProgressRenderer.liveOutputWanted(noProgress));
        if (onlyReport) {
            if (!java.nio.file.Files.isDirectory(folder)) {
                throw new IllegalArgumentException("no grid folder " + folder + " to report on; run the grid first "
                        + "(or give its folder with --out)");
            }
            runner.writeReport(printer);
            return 0;
        }
        DatasetCatalog catalog = datasets.catalog();
        FetchProgress fetch = new FetchProgress(stdout);
        List<CellResult> ran = runner.run(dataset -> catalog.load(dataset, fetch), printer);
        List<CellResult> all = runner.plan().stream().filter(c -> c.previous() != null).map(PlannedCell::previous)
                .toList();
        var table = ComparisonTable.accuracy(experiment, all);
        stdout.println("clean test accuracy (%):");
        stdout.println(MarkdownReport.tableText(table.header(), table.alignment(), table.rows()));
        long failed = ran.stream().filter(r -> r.outcome() == CellOutcome.FAILED).count();
        stdout.printf(Locale.ROOT, "ran %d cell(s)%s; report: %s%n", ran.size(),
                failed > 0 ? ", " + failed + " failed (run again to retry them)" : "",
                folder.resolve(CompareRunner.REPORT_MARKDOWN));
        return failed > 0 ? ErrorReporter.FAILURE : 0;
    }

    private static void printPlan(PrintWriter stdout, Experiment e, Path folder, List<PlannedCell> plan) {
        stdout.printf(Locale.ROOT, "experiment: %s: %d cells (%d attacks x %d victims x %d defenses x %d seeds)%n"
                + "grid folder: %s%n", e.name(), plan.size(), e.attacks().size(), e.victims().size(),
                e.defenses().size(), e.seeds().size(), folder);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            PlannedCell c = plan.get(i);
            CellKey k = c.cell();
            rows.add(List.of(Integer.toString(i + 1), k.attack(), k.victim(), k.defense(), Long.toString(k.seed()),
                    status(c)));
        }
        stdout.println(MarkdownReport.tableText(List.of("#", "attack", "victim", "defense", "seed", "status"),
                List.of(Align.RIGHT, Align.LEFT, Align.LEFT, Align.LEFT, Align.RIGHT, Align.LEFT), rows));
        long toRun = count(plan, CellStatus.PENDING) + count(plan, CellStatus.FAILED);
        stdout.printf(Locale.ROOT, "done %d, to run %d, stale %d%n", count(plan, CellStatus.DONE), toRun,
                count(plan, CellStatus.STALE));
        // The cells done so far are the best estimate of the rest on this machine (same victims).
        double meanSeconds = plan.stream().filter(c -> c.status() == CellStatus.DONE)
                .mapToDouble(c -> c.previous().seconds()).average().orElse(Double.NaN);
        if (toRun > 0 && Double.isFinite(meanSeconds)) {
            stdout.printf(Locale.ROOT, "estimated time to finish: %s (%d cells x %.1f min, the mean of the done "
                    + "cells; poisons not counted)%n", ProgressRenderer.duration(toRun * meanSeconds), toRun,
                    meanSeconds / 60);
        }
        stdout.flush();
    }

    private static String status(PlannedCell c) {
        return switch (c.status()) {
            case DONE -> String.format(Locale.ROOT, "done: %.2f%%", 100 * c.previous().testAccuracy());
            case PENDING -> "to run";
            case FAILED -> "failed before, to run again";
            case STALE -> "stale: " + c.reason();
        };
    }

    private static long count(List<PlannedCell> plan, CellStatus status) {
        return plan.stream().filter(c -> c.status() == status).count();
    }

    /** Prints the grid's progress. */
    private static final class Printer implements CompareListener {
        private final PrintWriter out;
        private final ProgressRenderer victim;
        private final CraftingProgress crafting;
        private final GameProgress game;

        Printer(PrintWriter out, boolean live) {
            this.out = out;
            this.crafting = new CraftingProgress(out);
            this.game = new GameProgress(out, live);
            this.victim = new ProgressRenderer(out, live, "  victim");
        }

        @Override
        public void onPoisoning(AttackSpec attack) {
            out.println("poisoning the training set: " + attack.name() + " (" + attack.describe() + ")");
            out.flush();
        }

        @Override
        public void onPoisoned(PoisonRecord p) {
            out.printf(Locale.ROOT, "  stored and verified: budget %s, stored L-inf %d/255, mean L2 %.4f (%.1f min)%n",
                    p.budget(), p.maxAbsDelta(), p.meanL2(), p.seconds() / 60);
            out.flush();
        }

        @Override
        public void onCellStart(CellKey cell, int index, int running) {
            out.printf(Locale.ROOT, "cell %d/%d: %s%n", index, running, cell.describe());
            out.flush();
        }

        @Override
        public void onCellFinished(CellResult r) {
            if (r.outcome() == CellOutcome.DONE) {
                out.printf(Locale.ROOT, "  clean test accuracy %.2f%% (%.1f min, %.0f images/s)%n",
                        100 * r.testAccuracy(), r.seconds() / 60, r.imagesPerSecond());
            } else {
                out.println("  failed: " + r.error());
            }
            out.flush();
        }

        @Override
        public void onReport(Path markdown, Path html) {
            out.println("report: " + markdown + " and " + html.getFileName());
            out.flush();
        }

        @Override
        public CraftingListener craftingListener() {
            return crafting;
        }

        @Override
        public GameListener gameListener() {
            return game;
        }

        @Override
        public VictimTrainingListener victimListener() {
            return victim;
        }
    }
}
