package ai.gue.pipeline;

import ai.djl.ndarray.NDManager;
import ai.gue.attack.DatasetPoisoner;
import ai.gue.attack.GeneratorCheckpoint;
import ai.gue.attack.GeneratorPoison;
import ai.gue.attack.PoisonedDataset;
import ai.gue.data.ImageDataset;
import ai.gue.eval.VictimEvaluation;
import ai.gue.game.GameData;
import ai.gue.game.GameState;
import ai.gue.game.GeneratorProvenance;
import ai.gue.report.EfficacyPlot;
import ai.gue.train.VictimResult;
import ai.gue.train.VictimTrainingConfig;
import ai.gue.util.DatasetDigest;
import ai.gue.util.RunDirectory;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code gue curve} as a library call: the efficacy curve of a game, i.e. the clean test accuracy
 * of a victim trained from scratch on the whole training set poisoned by each of several
 * generators, against the game steps (and the game's training-set size) that produced them. Issue
 * 3 asks for exactly these curves; single victims scatter by points, so each point may be measured
 * with several victim seeds.
 *
 * <p>Run folder: {@code curve-config.yaml}, {@code victims/<label>/seed-<s>/} (evaluation run
 * folders; {@code clean/} for the clean reference), {@code curve.csv} (one row per victim,
 * rewritten after each), {@code curve.png} and {@code curve.md}. A rerun into the same folder
 * reuses every victim whose recipe and training and test bytes match (see {@link FinishedVictim}),
 * so a curve can be extended with more generators or seeds, or resumed after a kill.
 */
public final class EfficacyCurve {

    /** Label of the clean-data reference victims. */
    public static final String CLEAN = "clean";
    /** The measurements, one row per victim. */
    public static final String CSV_FILE = "curve.csv";
    /** The plot. */
    public static final String PNG_FILE = "curve.png";
    /** The table. */
    public static final String REPORT_FILE = "curve.md";
    /** The resolved config. */
    public static final String CONFIG_FILE = "curve-config.yaml";
    /** The victims' parent folder. */
    public static final String VICTIMS_FOLDER = "victims";
    /** Per point, beside its victims: the {@link PoisonRecord}. */
    public static final String POISONED_FILE = "poisoned.json";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // a diverged game step is stored as NaN
            .build();

    private final EfficacyCurveConfig config;

    public EfficacyCurve(EfficacyCurveConfig config) {
        this.config = config;
    }

    /**
     * The curve's points: each generator folder with how far its game had come, sorted by game
     * images, then steps. A folder given without a series joins the line of its training-set
     * size. A folder without {@value GeneratorProvenance#FILE} (saved by an older gue) must be a
     * game checkpoint: steps and epochs come from its {@code state.json}, the number of
     * game images from its config applied to {@code train}, which must then be the set the game drew
     * from.
     */
    public static List<CurvePoint> points(List<CurveInput> generators, ImageDataset train) throws IOException {
        if (generators.isEmpty()) {
            throw new IllegalArgumentException("an efficacy curve needs at least one generator folder");
        }
        List<CurvePoint> points = new ArrayList<>();
        Map<String, Path> labels = new HashMap<>();
        for (CurveInput input : generators) {
            Path folder = input.folder();
            GeneratorCheckpoint.requireImageShapeOf(folder, train);
            GeneratorProvenance provenance = provenance(folder, train);
            String digest = GeneratorCheckpoint.paramsSha256(folder);
            String label = String.format(Locale.ROOT, "steps-%d-%s", provenance.stepsDone(), digest.substring(0, 8));
            Path earlier = labels.put(label, folder);
            if (earlier != null) {
                throw new IllegalArgumentException("the same generator is given twice: " + earlier + " and " + folder);
            }
            points.add(new CurvePoint(label, folder, digest, provenance, input.seriesFor(provenance.gameImages())));
        }
        points.sort(Comparator.comparingInt((CurvePoint p) -> p.provenance().gameImages())
                .thenComparingLong(p -> p.provenance().stepsDone()).thenComparing(CurvePoint::label));
        return List.copyOf(points);
    }

    private static GeneratorProvenance provenance(Path folder, ImageDataset train) throws IOException {
        Optional<GeneratorProvenance> stored = GeneratorProvenance.read(folder);
        if (stored.isPresent()) {
            return stored.get();
        }
        Path stateFile = folder.resolve("state.json");
        if (!Files.isRegularFile(stateFile)) {
            throw new IllegalArgumentException(folder + " has neither " + GeneratorProvenance.FILE + " nor state.json: "
                    + "the curve cannot tell how many game steps made this generator");
        }
        GameState state;
        try {
            state = JSON.readValue(stateFile.toFile(), GameState.class);
        } catch (IOException | RuntimeException e) {
            throw new IOException(stateFile + " is not a readable game state: " + e.getMessage(), e);
        }
        int gameImages = GameData.prepare(train, state.config()).gameImages().size();
        return new GeneratorProvenance(state.epochsDone(), state.stepsDone(), gameImages, state.config().seed());
    }

    /**
     * Measures every point (and the clean reference) with every victim seed into {@code run}, which
     * the caller opened, and writes the CSV, plot and table. Returns the measurements: clean
     * reference first, then the points in order, seeds in the configured order. A point whose
     * victims all finished earlier is not even poisoned again: its {@value #POISONED_FILE} records the
     * digest of the poisoned set made from the same clean set, generator bytes and batch size.
     */
    public List<CurveMeasurement> run(List<CurvePoint> points, ImageDataset train, ImageDataset test,
            RunDirectory run, EfficacyCurveListener listener) throws IOException {
        run.writeYaml(CONFIG_FILE, config);
        String cleanDigest = DatasetDigest.sha256(train);
        String testDigest = DatasetDigest.sha256(test);
        List<CurveMeasurement> measured = new ArrayList<>();
        if (config.cleanReference()) {
            for (long seed : config.victimSeeds()) {
                Path folder = victimFolder(run, CLEAN, seed);
                Victim victim = finishedOrTrained(folder, seed, cleanDigest, testDigest, () -> train, test, "clean",
                        listener);
                VictimResult result = victim.result();
                measured.add(new CurveMeasurement(CLEAN, "", "", 0, 0, 0, seed, result.finalTestAccuracy(),
                        lastTrainAccuracy(result), 0, result.totalSeconds()));
                listener.onMeasured(measured.get(measured.size() - 1), victim.reused());
                writeCsv(run, measured);
            }
        }
        for (int k = 0; k < points.size(); k++) {
            CurvePoint point = points.get(k);
            listener.onStage(String.format(Locale.ROOT, "point %d of %d: %s (%,d game steps on %,d images)", k + 1,
                    points.size(), point.generator(), point.provenance().stepsDone(),
                    point.provenance().gameImages()));
            LazyPoison poison = new LazyPoison(point, train, cleanDigest, run.resolve(VICTIMS_FOLDER)
                    .resolve(point.label()).resolve(POISONED_FILE), listener);
            for (long seed : config.victimSeeds()) {
                Path folder = victimFolder(run, point.label(), seed);
                Victim victim = finishedOrTrained(folder, seed, poison.knownDigest().orElse(""), testDigest,
                        poison::dataset, test, "poisoned", listener);
                VictimResult result = victim.result();
                measured.add(new CurveMeasurement(point.label(), point.series(), point.generator().toString(),
                        point.provenance().epochsDone(), point.provenance().stepsDone(),
                        point.provenance().gameImages(), seed, result.finalTestAccuracy(), lastTrainAccuracy(result),
                        poison.record().maxAbsDelta(), result.totalSeconds()));
                listener.onMeasured(measured.get(measured.size() - 1), victim.reused());
                writeCsv(run, measured);
            }
        }
        EfficacyPlot.write("Victim clean test accuracy against GUE game steps", CurveTable.plotSeries(measured),
                CurveTable.cleanMean(measured), run.resolve(PNG_FILE), true);
        run.writeText(REPORT_FILE, CurveTable.markdown(measured, config, PNG_FILE));
        return List.copyOf(measured);
    }

    /** A data set made only when a victim needs it. */
    private interface DataSource {
        ImageDataset get() throws IOException;
    }

    /** A victim's result and whether it was finished by an earlier run. */
    private record Victim(VictimResult result, boolean reused) {}

    /** The victim finished earlier in {@code folder} on data with {@code trainDigest}, else a newly trained one. */
    private Victim finishedOrTrained(Path folder, long seed, String trainDigest, String testDigest,
            DataSource data, ImageDataset test, String kind, EfficacyCurveListener listener) throws IOException {
        VictimTrainingConfig recipe = config.victim().withSeed(seed);
        Optional<VictimResult> finished = FinishedVictim.find(folder, recipe, trainDigest, testDigest);
        String name = folder.getParent().getFileName() + " seed " + seed;
        if (finished.isPresent()) {
            return new Victim(finished.get(), true);
        }
        ImageDataset train = data.get();
        listener.onStage("victim " + name + ": training on the " + kind + " training set");
        return new Victim(VictimEvaluation.run(recipe, train, test, RunDirectory.create(folder, true),
                listener.victimListener(name)), false);
    }

    private static Path victimFolder(RunDirectory run, String label, long seed) {
        return run.resolve(VICTIMS_FOLDER).resolve(label).resolve("seed-" + seed);
    }

    private static double lastTrainAccuracy(VictimResult result) {
        return result.epochs().isEmpty() ? Double.NaN
                : result.epochs().get(result.epochs().size() - 1).trainAccuracy();
    }

    /**
     * What poisoning the clean set with a generator gave: enough to find finished victims without
     * poisoning again.
     *
     * @param cleanDigest     SHA-256 of the clean training set (see {@link DatasetDigest})
     * @param generatorDigest SHA-256 of the generator's parameter file
     * @param poisonBatchSize images per generator pass
     * @param poisonedDigest  SHA-256 of the poisoned training set
     * @param maxAbsDelta     largest stored pixel change, grey levels
     */
    public record PoisonRecord(String cleanDigest, String generatorDigest, int poisonBatchSize, String poisonedDigest,
            int maxAbsDelta) {}

    /** A point's poisoned training set, made on first use; its record is read from disk when it matches. */
    private final class LazyPoison {
        private final CurvePoint point;
        private final ImageDataset train;
        private final Path recordFile;
        private final EfficacyCurveListener listener;
        private final String cleanDigest;
        private final String generatorDigest;
        private PoisonRecord record;
        private ImageDataset poisoned;

        LazyPoison(CurvePoint point, ImageDataset train, String cleanDigest, Path recordFile,
                EfficacyCurveListener listener) throws IOException {
            this.point = point;
            this.train = train;
            this.cleanDigest = cleanDigest;
            this.recordFile = recordFile;
            this.listener = listener;
            this.generatorDigest = point.generatorDigest();
            this.record = readMatching().orElse(null);
        }

        Optional<String> knownDigest() {
            return Optional.ofNullable(record).map(PoisonRecord::poisonedDigest);
        }

        PoisonRecord record() throws IOException {
            if (record == null) {
                dataset();
            }
            return record;
        }

        ImageDataset dataset() throws IOException {
            if (poisoned == null) {
                listener.onStage(String.format(Locale.ROOT, "poisoning %,d images with %s", train.size(),
                        point.generator()));
                PoisonedDataset made = poison(point, train);
                poisoned = made.dataset();
                record = new PoisonRecord(cleanDigest, generatorDigest, config.poisonBatchSize(),
                        DatasetDigest.sha256(poisoned), made.maxAbsDelta());
                Files.createDirectories(recordFile.getParent());
                JSON.writeValue(recordFile.toFile(), record);
            }
            return poisoned;
        }

        private Optional<PoisonRecord> readMatching() {
            if (!Files.isRegularFile(recordFile)) {
                return Optional.empty();
            }
            try {
                PoisonRecord stored = JSON.readValue(recordFile.toFile(), PoisonRecord.class);
                boolean same = stored.cleanDigest().equals(cleanDigest)
                        && stored.generatorDigest().equals(generatorDigest)
                        && stored.poisonBatchSize() == config.poisonBatchSize();
                return same ? Optional.of(stored) : Optional.empty();
            } catch (IOException | RuntimeException e) {
                return Optional.empty(); // an unreadable record only costs a poisoning pass
            }
        }
    }

    /** The whole training set poisoned by the point's generator (inference mode), checked against its budget. */
    private PoisonedDataset poison(CurvePoint point, ImageDataset train) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            GeneratorPoison poison = GeneratorCheckpoint.load(point.generator(), manager);
            PoisonedDataset poisoned = new DatasetPoisoner(config.poisonBatchSize()).apply(poison, train, manager,
                    train.name() + "-" + point.label());
            if (poisoned.maxAbsDelta() > poison.budget().maxPixelDelta()) {
                throw new IllegalStateException(point.generator() + " changed a stored pixel by "
                        + poisoned.maxAbsDelta() + " grey levels, over its budget " + poison.budget());
            }
            return poisoned;
        }
    }

    private static void writeCsv(RunDirectory run, List<CurveMeasurement> measured) throws IOException {
        StringBuilder csv = new StringBuilder("label,series,generator,game_epochs,game_steps,game_images,victim_seed,"
                + "test_accuracy,train_accuracy,max_abs_delta,seconds\n");
        for (CurveMeasurement m : measured) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%d,%d,%.6f,%.6f,%d,%.1f%n", m.label(),
                    m.series().replace(',', '_'), m.generator().replace(',', '_'), m.gameEpochs(), m.gameSteps(),
                    m.gameImages(), m.victimSeed(), m.testAccuracy(), m.trainAccuracy(), m.maxAbsDelta(), m.seconds()));
        }
        run.writeText(CSV_FILE, csv.toString());
    }
}
