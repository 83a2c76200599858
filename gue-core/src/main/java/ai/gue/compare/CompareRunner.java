package ai.gue.compare;

import ai.gue.data.ImageDataset;
import ai.gue.data.LoadedDataset;
import ai.gue.data.Subsets;
import ai.gue.eval.DefendedVictim;
import ai.gue.train.VictimResult;
import ai.gue.util.AtomicOutput;
import ai.gue.util.RunDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a comparison grid into an output folder, one cell at a time, so that it can be stopped and
 * resumed at any point: each cell writes {@code cells/<attack>/<victim>/<defense>/seed-<n>/result.json}
 * atomically and last (its victim's run files go to {@code victim/} beside it), and a cell whose
 * result exists for the same {@link CellConfig} is skipped. A result for another configuration is
 * never silently kept or replaced: the grid refuses to run until forced to recompute it. The report
 * ({@value #REPORT_MARKDOWN}, {@value #REPORT_HTML}) is rewritten after every cell, so a partial grid
 * always has a current one, and so is {@value #CELLS_CSV}, the same numbers for other tools.
 */
public final class CompareRunner {

    /** A cell's result file, written last. */
    public static final String RESULT = "result.json";
    /** The Markdown report. */
    public static final String REPORT_MARKDOWN = "report.md";
    /** The self-contained HTML report. */
    public static final String REPORT_HTML = "report.html";
    /** Every cell's numbers as CSV. */
    public static final String CELLS_CSV = "cells.csv";
    /** Held while a grid runs in the folder. */
    static final String LOCK = ".compare.lock";
    /** The experiment as resolved (paths absolute, presets expanded). */
    public static final String EXPERIMENT = "experiment.json";

    /** Where the grid's datasets come from ({@code cifar10} or a path, as the experiment names them). */
    @FunctionalInterface
    public interface DatasetSource {
        /** Loads the dataset {@code spec}. */
        LoadedDataset load(String spec) throws IOException;
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Experiment experiment;
    private final Path out;
    private final boolean force;
    private final PoisonCache poisons;

    /**
     * @param force recompute cells and poisons whose stored results were made with another configuration
     */
    public CompareRunner(Experiment experiment, Path out, boolean force) {
        this.experiment = experiment;
        this.out = out;
        this.force = force;
        this.poisons = new PoisonCache(out, force);
    }

    /** Every cell of the grid in run order, with its status read from the output folder. */
    public List<PlannedCell> plan() throws IOException {
        List<PlannedCell> plan = new ArrayList<>();
        for (CellKey cell : experiment.cells()) {
            plan.add(status(cell));
        }
        return plan;
    }

    private PlannedCell status(CellKey cell) throws IOException {
        Path file = cell.folder(out).resolve(RESULT);
        if (!Files.isRegularFile(file)) {
            return new PlannedCell(cell, CellStatus.PENDING, null, null);
        }
        JsonNode stored;
        CellResult result;
        try {
            stored = JSON.readTree(file.toFile());
            result = JSON.treeToValue(stored.get("result"), CellResult.class);
        } catch (IOException | RuntimeException e) {
            return new PlannedCell(cell, CellStatus.STALE, null, file + " cannot be read (" + e.getMessage() + ")");
        }
        if (!configTree(CellConfig.of(experiment, cell)).equals(stored.get("config")) || !cell.equals(result.cell())) {
            return new PlannedCell(cell, CellStatus.STALE, null, file + " was computed with another configuration");
        }
        return new PlannedCell(cell, result.outcome() == CellOutcome.DONE ? CellStatus.DONE : CellStatus.FAILED,
                result, null);
    }

    /**
     * Runs every cell that is not done, in plan order, and rewrites the report after each.
     *
     * @return the results of the cells this call ran
     * @throws IllegalArgumentException before any work if a stored result is stale and force is off
     */
    public List<CellResult> run(DatasetSource data, CompareListener listener) throws IOException {
        Files.createDirectories(out);
        // Two grids in one folder would train the same cells twice and race on the report.
        try (FileChannel channel = FileChannel.open(out.resolve(LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = tryLock(channel)) {
            if (lock == null) {
                throw new IllegalArgumentException("another gue compare is running in " + out);
            }
            return runLocked(data, listener);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this JVM
        }
    }

    private List<CellResult> runLocked(DatasetSource data, CompareListener listener) throws IOException {
        List<PlannedCell> plan = plan();
        List<PlannedCell> stale = plan.stream().filter(c -> c.status() == CellStatus.STALE).toList();
        if (!stale.isEmpty() && !force) {
            throw new IllegalArgumentException(stale.size() + " cell(s) in " + out + " hold results for another "
                    + "configuration, e.g. " + stale.get(0).cell().describe() + ": " + stale.get(0).reason()
                    + ". Pass --force to recompute them, or use another output folder");
        }
        List<PlannedCell> running = plan.stream().filter(c -> c.status().runs(force)).toList();
        for (AttackSpec attack : experiment.attacks()) {
            boolean needed = running.stream().anyMatch(c -> c.cell().attack().equals(attack.name()));
            if (needed && attack.source() == AttackSource.GENERATOR && CellConfig.generatorSha256(attack) == null) {
                throw new IllegalArgumentException("attack '" + attack.name() + "': " + attack.generator()
                        + " is not a readable generator folder (expected a train-generator run's best/ or "
                        + "checkpoint/ folder)");
            }
        }
        RunDirectory.create(out, true).writeJson(EXPERIMENT, experiment);
        Map<CellKey, CellResult> results = new LinkedHashMap<>();
        plan.stream().filter(c -> c.previous() != null).forEach(c -> results.put(c.cell(), c.previous()));
        List<CellResult> ran = new ArrayList<>();
        if (!running.isEmpty()) {
            Inputs inputs = Inputs.load(experiment, data);
            String poisonedAttack = null;
            ImageDataset poisoned = null;
            for (int i = 0; i < running.size(); i++) {
                CellKey cell = running.get(i).cell();
                CellConfig config = CellConfig.of(experiment, cell);
                if (!cell.attack().equals(poisonedAttack)) {
                    poisoned = null; // release the previous row's images first
                    var poisonConfig = new PoisonCache.PoisonConfig(experiment.dataset(), experiment.trainLimit(),
                            config.attack(), config.generatorSha256());
                    poisoned = poisons.poisoned(config.attack(), poisonConfig, inputs.clean(), inputs.test(), listener);
                    poisonedAttack = cell.attack();
                }
                listener.onCellStart(cell, i + 1, running.size());
                CellResult result = runCell(cell, config, inputs, poisoned, listener);
                results.put(cell, result);
                ran.add(result);
                listener.onCellFinished(result);
                writeReport(results, listener);
            }
        } else {
            writeReport(results, listener);
        }
        return ran;
    }

    /** Rewrites the report from the results in the output folder, without running anything. */
    public void writeReport(CompareListener listener) throws IOException {
        Map<CellKey, CellResult> results = new LinkedHashMap<>();
        for (PlannedCell cell : plan()) {
            if (cell.previous() != null) {
                results.put(cell.cell(), cell.previous());
            }
        }
        writeReport(results, listener);
    }

    private CellResult runCell(CellKey cell, CellConfig config, Inputs inputs, ImageDataset poisoned,
            CompareListener listener) throws IOException {
        Path folder = cell.folder(out);
        Files.deleteIfExists(folder.resolve(RESULT));
        ImageDataset train = config.poisonRatio() != null
                ? DefendedVictim.mixPoison(inputs.clean(), poisoned, config.poisonRatio(), cell.seed())
                : poisoned;
        long start = System.nanoTime();
        CellResult result;
        try {
            DefendedVictim victim = DefendedVictim.of(config.victim(), config.defense(), train,
                    inputs.test());
            VictimResult trained = victim.run(RunDirectory.create(folder.resolve("victim"), true),
                    listener.victimListener());
            result = CellResult.done(cell, trained);
        } catch (RuntimeException e) {
            // One cell's failure (e.g. a diverging recipe) must not cost the rest of the grid.
            result = CellResult.failed(cell, e.toString(), (System.nanoTime() - start) / 1e9);
        }
        RunDirectory.create(folder, true).writeJson(RESULT, new CellRecord(config, result));
        return result;
    }

    private void writeReport(Map<CellKey, CellResult> results, CompareListener listener) throws IOException {
        List<PoisonRecord> poisonRecords = new ArrayList<>();
        Map<String, String> galleries = new LinkedHashMap<>();
        Map<String, String> accuracyFigures = new LinkedHashMap<>();
        for (AttackSpec attack : experiment.attacks()) {
            poisons.read(attack.name()).ifPresent(poisonRecords::add);
            Path gallery = poisons.folder(attack.name()).resolve(PoisonCache.GALLERY);
            if (Files.isRegularFile(gallery)) {
                galleries.put(attack.name(), out.relativize(gallery).toString());
            }
            List<CellResult> row = results.values().stream()
                    .filter(r -> r.cell().attack().equals(attack.name()) && !r.testAccuracies().isEmpty()).toList();
            if (!row.isEmpty()) {
                Path figure = out.resolve("figures").resolve("accuracy-" + attack.name() + ".png");
                CompareFigures.writeAccuracy(attack.name(), row, figure);
                accuracyFigures.put(attack.name(), out.relativize(figure).toString());
            }
        }
        CompareReport.Inputs inputs = new CompareReport.Inputs(experiment, List.copyOf(results.values()),
                poisonRecords, accuracyFigures, galleries);
        var document = CompareReport.document(inputs);
        Path markdown = out.resolve(REPORT_MARKDOWN);
        Path html = out.resolve(REPORT_HTML);
        byte[] md = document.markdown().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        AtomicOutput.writeFile(markdown, true, o -> o.write(md));
        byte[] page = document.html("Comparison: " + experiment.name(), out)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        AtomicOutput.writeFile(html, true, o -> o.write(page));
        byte[] csv = ComparisonTable.csv(experiment, List.copyOf(results.values()))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        AtomicOutput.writeFile(out.resolve(CELLS_CSV), true, o -> o.write(csv));
        listener.onReport(markdown, html);
    }

    /** {@code config} as the JSON tree its file holds (numbers typed as reading gives them back). */
    static JsonNode configTree(Object config) throws IOException {
        return JSON.readTree(JSON.writeValueAsBytes(config));
    }

    /** The grid's clean training and test images. */
    private record Inputs(ImageDataset clean, ImageDataset test) {

        static Inputs load(Experiment experiment, DatasetSource data) throws IOException {
            LoadedDataset source = data.load(experiment.dataset());
            ImageDataset clean = source.train();
            if (experiment.trainLimit() != null) {
                clean = Subsets.first(clean, experiment.trainLimit()).dataset();
            }
            ImageDataset test;
            if (experiment.test() != null) {
                LoadedDataset testSource = data.load(experiment.test());
                test = testSource.test().orElse(testSource.train());
            } else {
                test = source.test().orElseThrow(() -> new IllegalArgumentException("dataset '"
                        + experiment.dataset() + "' has no test split; give one with 'test' in the experiment"));
            }
            if (experiment.testLimit() != null) {
                test = Subsets.first(test, experiment.testLimit()).dataset();
            }
            // Checked once here rather than failing every cell of the grid the same way.
            if (!clean.shape().equals(test.shape()) || !clean.classNames().equals(test.classNames())) {
                throw new IllegalArgumentException("the test set " + test + " does not match the training set "
                        + clean + ": same image shape and classes expected");
            }
            return new Inputs(clean, test);
        }
    }
}
