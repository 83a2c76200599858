package ai.gue.cli;

import ai.gue.data.ImageDataset;
import ai.gue.data.LoadedDataset;
import ai.gue.pipeline.CurveInput;
import ai.gue.pipeline.CurveMeasurement;
import ai.gue.pipeline.CurvePoint;
import ai.gue.pipeline.EfficacyCurve;
import ai.gue.pipeline.EfficacyCurveConfig;
import ai.gue.pipeline.EfficacyCurveListener;
import ai.gue.train.VictimTrainingConfig;
import ai.gue.train.VictimTrainingListener;
import ai.gue.util.RunDirectory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** {@code gue curve}: victim accuracy against the game steps (and data) that made each generator. */
@Command(name = "curve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The efficacy curve of GUE generators: for each generator folder (e.g. the generators/epoch-NNN "
                + "folders that train-generator --keep-every writes, or checkpoint/ copies), poisons the whole "
                + "training set with it and trains a fresh victim per seed, measured on the clean test set; also a "
                + "clean-data reference victim per seed. Writes curve.csv, curve.png (accuracy against game steps, "
                + "one line per series or generator training-set size) and curve.md. Rerunning into the same "
                + "folder reuses every finished victim with the same recipe and data, so a curve can be resumed or "
                + "extended."})
final class CurveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "[SERIES=]GENERATOR", arity = "1..*",
            description = "Generator folders (each with generator.params, poison.json, and provenance.json or the "
                    + "game's state.json). A prefix 'NAME=' puts the generator on the plot line NAME, e.g. "
                    + "exp15=runs/exp15/generators/epoch-014; without it, generators share a line per training-set "
                    + "size.")
    List<String> generators;

    @Option(names = "--train", paramLabel = "DATASET", defaultValue = "cifar10",
            description = "Dataset to poison (its training split; its test split measures the victims): 'cifar10' or "
                    + "a path. Default: ${DEFAULT-VALUE}.")
    String train;

    @Option(names = "--seeds", paramLabel = "S", split = ",",
            description = "Victim seeds, comma-separated: one victim per seed and generator (default: the recipe's "
                    + "seed).")
    List<Long> seeds;

    @Option(names = "--no-clean", description = "Skip the clean-data reference victims.")
    boolean noClean;

    @Option(names = "--poison-batch-size", paramLabel = "N", defaultValue = "500",
            description = "Images per generator pass when poisoning. Default: ${DEFAULT-VALUE}.")
    int poisonBatchSize;

    @ArgGroup(validate = false, heading = "%nVictim recipe (a preset; each option overrides one field):%n")
    VictimOptions victim = new VictimOptions();

    @Mixin
    DatasetOptions datasets = new DatasetOptions();

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "Curve folder (default: runs/curve-<time>). An existing curve folder is extended: its "
                    + "finished victims are reused when recipe and data match.")
    Path out;

    @Option(names = "--force", description = "Use a non-empty folder that is not a curve folder.")
    boolean force;

    @Option(names = "--no-progress", description = "Plain log lines instead of live progress lines.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        VictimTrainingConfig recipe = victim.resolve();
        EfficacyCurveConfig config = new EfficacyCurveConfig(recipe, seeds != null ? seeds : List.of(recipe.seed()),
                !noClean, poisonBatchSize);
        Path runPath = out != null ? out : Workspace.defaultRunDir("curve");
        boolean extending = Files.isRegularFile(runPath.resolve(EfficacyCurve.CONFIG_FILE));
        RunDirectory run = RunDirectory.create(runPath, force || extending);
        LoadedDataset source = datasets.catalog().load(train, new FetchProgress(stdout));
        ImageDataset test = source.test().orElseThrow(() -> new IllegalArgumentException("dataset '" + train
                + "' has no test split; the curve measures every victim on the clean test split"));
        List<CurvePoint> points = EfficacyCurve.points(generators.stream().map(CurveInput::parse).toList(),
                source.train());
        stdout.printf(Locale.ROOT, "%d generators, %d victim seed(s)%s; run folder: %s%n", points.size(),
                config.victimSeeds().size(), extending ? "; reusing finished victims" : "", run.root());
        boolean live = ProgressRenderer.liveOutputWanted(noProgress);
        List<CurveMeasurement> measured = new EfficacyCurve(config).run(points, source.train(), test, run,
                new EfficacyCurveListener() {
                    @Override
                    public void onStage(String description) {
                        stdout.println(description);
                        stdout.flush();
                    }

                    @Override
                    public VictimTrainingListener victimListener(String name) {
                        return new ProgressRenderer(stdout, live, "victim " + name);
                    }

                    @Override
                    public void onMeasured(CurveMeasurement m, boolean reused) {
                        stdout.printf(Locale.ROOT, "  %s (%,d game steps, seed %d): clean test accuracy %.2f%%%s%n",
                                m.label(), m.gameSteps(), m.victimSeed(), 100 * m.testAccuracy(),
                                reused ? " (finished earlier, reused)" : "");
                        stdout.flush();
                    }
                });
        stdout.printf(Locale.ROOT, "%d victims; table: %s, plot: %s%n", measured.size(),
                run.resolve(EfficacyCurve.REPORT_FILE), run.resolve(EfficacyCurve.PNG_FILE));
        return 0;
    }
}
