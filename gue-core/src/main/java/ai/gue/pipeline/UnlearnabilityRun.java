package ai.gue.pipeline;

import ai.djl.ndarray.NDManager;
import ai.gue.attack.AttackBudget;
import ai.gue.attack.DatasetPoisoner;
import ai.gue.attack.GeneratorCheckpoint;
import ai.gue.attack.GeneratorPoison;
import ai.gue.attack.PoisonedDataset;
import ai.gue.attack.StoredPoison;
import ai.gue.attack.RandomNoisePoison;
import ai.gue.data.CifarBinaryFormat;
import ai.gue.data.DatasetPair;
import ai.gue.data.ImageDataset;
import ai.gue.data.ImageShape;
import ai.gue.eval.UnlearnabilityConfig;
import ai.gue.eval.UnlearnabilityResult;
import ai.gue.eval.UnlearnabilityResult.GameSummary;
import ai.gue.eval.UnlearnabilityResult.PoisonSummary;
import ai.gue.eval.UnlearnabilityResult.SeenUnseen;
import ai.gue.eval.UnlearnabilityResult.VictimOutcome;
import ai.gue.eval.VictimEvaluation;
import ai.gue.game.GameData;
import ai.gue.game.GameResult;
import ai.gue.game.GameTrainer;
import ai.gue.report.AccuracyPlot;
import ai.gue.report.GameCurvePlot;
import ai.gue.report.PerturbationGrid;
import ai.gue.report.ReportFigures;
import ai.gue.report.RunReport;
import ai.gue.train.VictimResult;
import ai.gue.train.VictimTrainingListener;
import ai.gue.util.DatasetDigest;
import ai.gue.util.RunDirectory;
import ai.gue.util.RunManifest;
import ai.gue.util.SeedTree;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code gue run} as a library call: plays the game, poisons the whole training set with the
 * selected generator (inference mode) and stores it, then trains three victims with one recipe and
 * one seed, on clean, GUE-poisoned and random-noise data, each measured on the clean test set, and
 * writes figures and a Markdown report.
 *
 * <p>Run folder: {@code run-config.yaml}, {@code manifest.json}, {@code game/} (the game's run
 * folder: checkpoints, {@code steps.csv}, {@code selection.csv}), {@code poisoned/} (CIFAR-10
 * binary: poisoned training set + clean test set + {@code poison-manifest.json}),
 * {@code victims/{clean,gue,random-noise}/} (each an evaluation run folder; the GUE victim's also
 * holds {@code seen-unseen.json}, its accuracy on clean training images the game played on vs never
 * saw), {@code figures/}
 * ({@code accuracy.png}, {@code game.png}, {@code perturbations.png}), {@code result.json} and
 * {@code report.md}. With {@code resume} the game continues from its last checkpoint; the later
 * stages are redone, except victims whose finished results match the recipe and the training and
 * test bytes (see {@code FinishedVictim}).
 */
public final class UnlearnabilityRun {

    /** The game's sub-folder. */
    public static final String GAME_FOLDER = "game";
    /** The poisoned dataset's sub-folder. */
    public static final String POISONED_FOLDER = "poisoned";
    /** The victims' parent folder. */
    public static final String VICTIMS_FOLDER = "victims";
    /** The figures' sub-folder. */
    public static final String FIGURES_FOLDER = "figures";
    /** The report. */
    public static final String REPORT_FILE = "report.md";
    /** The result record as JSON. */
    public static final String RESULT_FILE = "result.json";
    /** The resolved config. */
    public static final String CONFIG_FILE = "run-config.yaml";
    /** What the poisoned folder holds, measured on the written files. */
    public static final String POISON_MANIFEST = StoredPoison.MANIFEST;
    /** Name of the victim trained on clean data. */
    public static final String CLEAN = "clean";
    /** Name of the victim trained on GUE data. */
    public static final String GUE = "gue";
    /** Name of the victim trained on random noise. */
    public static final String RANDOM_NOISE = "random-noise";

    private static final String ACCURACY_PNG = FIGURES_FOLDER + "/accuracy.png";
    private static final String GAME_PNG = FIGURES_FOLDER + "/game.png";
    private static final String GRID_PNG = FIGURES_FOLDER + "/perturbations.png";

    private final UnlearnabilityConfig config;

    public UnlearnabilityRun(UnlearnabilityConfig config) {
        this.config = config;
    }

    /**
     * Runs every stage into {@code run}, which the caller opened (and so decided about overwriting).
     *
     * @param train  the clean training set (3x32x32 images: the poisoned copy is stored as CIFAR binary)
     * @param test   the clean test set every victim is measured on
     * @param resume continue the game from {@code game/checkpoint/} when it exists
     */
    public UnlearnabilityResult run(ImageDataset train, ImageDataset test, RunDirectory run, boolean resume,
            UnlearnabilityListener listener) throws IOException {
        long started = System.nanoTime();
        new DatasetPair(train, test); // validates that both splits share shape and classes
        if (!train.shape().equals(ImageShape.CIFAR)) {
            throw new IllegalArgumentException("gue run stores the poisoned training set as CIFAR-10 binary, which "
                    + "holds 3x32x32 images; " + train.name() + " holds " + train.shape() + " images");
        }
        run.writeYaml(CONFIG_FILE, config);
        RunManifest manifest = RunManifest.start("run",
                Map.of("game", config.game().seed(), "victim", config.victim().seed(), "random-noise", noiseSeed()),
                Map.of("train:" + train.name(), DatasetDigest.sha256(train),
                        "test:" + test.name(), DatasetDigest.sha256(test)));
        run.writeJson("manifest.json", manifest);

        GameData data = GameData.prepare(train, config.game());
        listener.onStage(RunStage.GAME, String.format(Locale.ROOT,
                "training the poison generator: %d epochs on %,d images, %,d held out clean (%s)%s",
                config.game().epochs(), data.gameImages().size(), data.validation().size(), config.game().heldOutRole(),
                resume ? " (resuming from the last checkpoint, if any)" : ""));
        GameResult game = new GameTrainer(config.game()).train(data.gameImages(), data.validation(),
                run.resolve(GAME_FOLDER), resume, listener.gameListener());

        listener.onStage(RunStage.POISONING, String.format(Locale.ROOT,
                "poisoning all %,d training images with %s; random-noise baseline", train.size(), game.bestGenerator()));
        PoisonedDataset stored = poisonAndStore(train, test, game.bestGenerator(), run.resolve(POISONED_FOLDER));
        ImageDataset gue = stored.dataset();
        PoisonSummary gueSummary = PoisonSummary.of(GUE, "GUE generator", config.game().budget().toString(), stored);
        listener.onPoisoned(gueSummary);
        PoisonedDataset noise = new RandomNoisePoison(config.game().budget(), config.baselineNoise(), noiseSeed())
                .apply(train, train.name() + "-" + RANDOM_NOISE);
        PoisonSummary noiseSummary = PoisonSummary.of(RANDOM_NOISE, config.baselineNoise().describe(),
                config.game().budget().toString(), noise);
        listener.onPoisoned(noiseSummary);

        Victims victims = trainVictims(train, gue, noise.dataset(), test, data, run, resume, listener);

        listener.onStage(RunStage.REPORT, "writing figures and " + run.resolve(REPORT_FILE));
        writeFigures(run, victims.outcomes(), game, train, gue);
        UnlearnabilityResult result = new UnlearnabilityResult(config, train.name(), train.size(), test.size(),
                GameSummary.of(game, data.validation().size(), shortPath(run, game.bestGenerator())),
                List.of(gueSummary, noiseSummary), victims.outcomes(), victims.gueSeenUnseen(),
                (System.nanoTime() - started) / 1e9);
        run.writeJson(RESULT_FILE, result);
        run.writeText(REPORT_FILE, RunReport.render(result, new ReportFigures(ACCURACY_PNG, GAME_PNG, GRID_PNG)));
        run.writeJson("manifest.json", manifest.finish());
        return result;
    }

    /** The victims in order, and the GUE victim's seen/unseen measurement (null if unavailable). */
    private record Victims(List<VictimOutcome> outcomes, SeenUnseen gueSeenUnseen) {}

    /** Trains (or, resuming, reuses) the clean, GUE and random-noise victims with one recipe and seed. */
    private Victims trainVictims(ImageDataset clean, ImageDataset gue, ImageDataset noise, ImageDataset test,
            GameData data, RunDirectory run, boolean resume, UnlearnabilityListener listener) throws IOException {
        List<String> names = List.of(CLEAN, GUE, RANDOM_NOISE);
        List<String> descriptions = List.of("clean training set", "GUE-poisoned training set (as stored)",
                "training set + " + config.baselineNoise().describe());
        List<ImageDataset> sets = List.of(clean, gue, noise);
        List<VictimOutcome> outcomes = new ArrayList<>();
        SeenUnseen seenUnseen = null;
        for (int k = 0; k < names.size(); k++) {
            String name = names.get(k);
            Path folder = run.resolve(VICTIMS_FOLDER).resolve(name);
            Optional<VictimResult> finished = resume
                    ? FinishedVictim.find(folder, config.victim(), sets.get(k), test) : Optional.empty();
            listener.onStage(RunStage.VICTIM, String.format(Locale.ROOT, "victim %d of %d: %s, trained on the %s%s",
                    k + 1, names.size(), name, descriptions.get(k), finished.isPresent()
                            ? " (reusing the finished result in " + folder + ": same recipe, same data)" : ""));
            VictimTrainingListener progress = listener.victimListener(name, k + 1, names.size());
            VictimResult result;
            if (finished.isPresent()) {
                result = finished.get();
                if (name.equals(GUE)) {
                    seenUnseen = FinishedVictim.seenUnseen(folder).orElse(null);
                }
            } else if (name.equals(GUE)) {
                SeenUnseenProbe probe = new SeenUnseenProbe(progress, clean, data.gameIndices(),
                        data.unseenIndices(clean.size(), config.game()),
                        config.victim().evalBatchSize());
                RunDirectory victimRun = RunDirectory.create(folder, true);
                result = VictimEvaluation.run(config.victim(), gue, test, victimRun, probe);
                seenUnseen = probe.result().orElse(null);
                if (seenUnseen != null) {
                    victimRun.writeJson(FinishedVictim.SEEN_UNSEEN_FILE, seenUnseen);
                }
            } else {
                result = VictimEvaluation.run(config.victim(), sets.get(k), test, RunDirectory.create(folder, true),
                        progress);
            }
            VictimOutcome outcome = new VictimOutcome(name, descriptions.get(k), result);
            outcomes.add(outcome);
            listener.onVictimFinished(outcome);
        }
        return new Victims(outcomes, seenUnseen);
    }

    /** Accuracy per epoch of the victims, the game's curves, and the perturbation grid. */
    private void writeFigures(RunDirectory run, List<VictimOutcome> victims, GameResult game, ImageDataset clean,
            ImageDataset gue) throws IOException {
        List<AccuracyPlot.Series> curves = victims.stream()
                .map(v -> AccuracyPlot.Series.of(v.name(), v.result().epochs())).toList();
        AccuracyPlot.write("Clean test accuracy of victims trained on each training set", curves,
                run.resolve(ACCURACY_PNG), true);
        GameCurvePlot.write("GUE game", game.steps(), run.resolve(GAME_PNG), true);
        int[] shown = PerturbationGrid.firstOfEachClass(clean, PerturbationGrid.DEFAULT_IMAGES);
        new PerturbationGrid(PerturbationGrid.Options.forMaxPixelDelta(config.game().budget().maxPixelDelta()))
                .write(clean, gue, shown, run.resolve(GRID_PNG), true);
    }

    /**
     * Poisons {@code train} with the generator in {@code generatorFolder}, writes it with the clean
     * test split as CIFAR-10 binary into {@code target}, reads it back and checks it: the victims
     * train on exactly what is stored, and the budget is proven on the stored bytes. Returns the
     * stored images with their measured perturbation.
     */
    private PoisonedDataset poisonAndStore(ImageDataset train, ImageDataset test, Path generatorFolder, Path target)
            throws IOException {
        PoisonedDataset poisoned;
        GeneratorPoison poison;
        try (NDManager manager = NDManager.newBaseManager()) {
            poison = GeneratorCheckpoint.load(generatorFolder, manager);
            poisoned = new DatasetPoisoner(config.poisonBatchSize()).apply(poison, train, manager,
                    train.name() + "-" + GUE);
        }
        CifarBinaryFormat.writeCifar10Folder(new DatasetPair(poisoned.dataset(), test), target, true);
        PoisonedDataset measured = StoredPoison.verifyAndRecord(target, train, poisoned,
                AttackBudget.of(poison.budget()), Map.of("generator", generatorFolder.toAbsolutePath().toString()));
        return measured;
    }

    /** {@code path} relative to the run folder when inside it, so reports stay valid when the folder moves. */
    private static String shortPath(RunDirectory run, Path path) {
        Path root = run.root().toAbsolutePath().normalize();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute).toString() : path.toString();
    }

    private long noiseSeed() {
        return new SeedTree(config.game().seed()).child(RANDOM_NOISE).seed();
    }
}
