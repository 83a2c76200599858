package ai.gue.cli;

import ai.gue.attack.NoiseDistribution;
import ai.gue.config.Presets;
import ai.gue.config.RunPreset;
import ai.gue.data.ImageDataset;
import ai.gue.data.LoadedDataset;
import ai.gue.eval.UnlearnabilityConfig;
import ai.gue.eval.UnlearnabilityResult;
import ai.gue.game.GameConfig;
import ai.gue.game.GameTrainer;
import ai.gue.pipeline.UnlearnabilityRun;
import ai.gue.report.RunReport;
import ai.gue.train.VictimTrainingConfig;
import ai.gue.util.RunDirectory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gue run}: game, poisoning, three victims and a report, from one run preset. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The whole experiment in one run folder: trains the GUE generator (game/, resumable), poisons "
                + "the whole training set with it and stores it as CIFAR-10 binary (poisoned/, budget checked on the "
                + "stored bytes), trains three victims with one recipe and seed - on clean, GUE and random +-eps noise "
                + "data - and measures each on the clean test set (victims/), then writes figures/, result.json and "
                + "report.md, and prints the comparison table."})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--preset", paramLabel = "NAME|FILE", defaultValue = "cpu",
            description = "Run preset: cpu (83 min on 2 cores), cpu-long (152 min), paper, or a YAML file "
                    + "naming a game preset and a victim preset "
                    + "('game: cpu', 'victim: cpu'; relative file paths are resolved against the file's folder). "
                    + "Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--train", paramLabel = "DATASET", defaultValue = "cifar10",
            description = "Clean dataset with a test split: 'cifar10' or a path. Default: ${DEFAULT-VALUE}.")
    String train;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Run folder (default: runs/run-<time>).")
    Path out;

    @Option(names = "--resume", description = "Continue the run in --out: the game from its last checkpoint (same "
            + "config; --game-epochs may grow and the schedule of epochs not yet played may change); poisoning is "
            + "redone; finished victims with the same recipe and the same training and test data are reused.")
    boolean resume;

    @Option(names = "--force", description = "Overwrite a non-empty run folder.")
    boolean force;

    @Option(names = "--no-progress", description = "Plain log lines instead of live progress lines.")
    boolean noProgress;

    @Option(names = "--victim-preset", paramLabel = "NAME|FILE",
            description = "Victim recipe preset or YAML file (default: the run preset's).")
    String victimPreset;

    @Option(names = "--victim-epochs", paramLabel = "N", description = "Epochs of each victim (default: the recipe's).")
    Integer victimEpochs;

    @Option(names = "--noise", paramLabel = "KIND", defaultValue = "sign",
            description = "Random-noise baseline: sign (+-eps per value) or uniform (in [-eps, eps]). "
                    + "Default: ${DEFAULT-VALUE}.")
    NoiseDistribution noise;

    @Option(names = "--poison-batch-size", paramLabel = "N", defaultValue = "500",
            description = "Images per generator pass when poisoning. Default: ${DEFAULT-VALUE}.")
    int poisonBatchSize;

    @ArgGroup(validate = false, heading = "%nGame (default: the run preset's game; each option overrides one field):%n")
    GameOptions game = new GameOptions();

    @Mixin
    DatasetOptions datasets = new DatasetOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        UnlearnabilityConfig config = resolve();
        if (resume && out == null) {
            throw new IllegalArgumentException("--resume needs --out, the run folder to continue");
        }
        Path runPath = out != null ? out : Workspace.defaultRunDir("run");
        boolean continuing = resume && Files.isRegularFile(runPath.resolve(UnlearnabilityRun.GAME_FOLDER)
                .resolve(GameTrainer.CHECKPOINT).resolve("state.json"));
        RunDirectory run = RunDirectory.create(runPath, force || continuing);
        LoadedDataset source = datasets.catalog().load(train, new FetchProgress(stdout));
        ImageDataset test = source.test().orElseThrow(() -> new IllegalArgumentException("dataset '" + train
                + "' has no test split; gue run measures every victim on the clean test split"));
        stdout.printf("train: %s%ntest:  %s%nrun folder: %s%n", source.train(), test, run.root());
        boolean live = ProgressRenderer.liveOutputWanted(noProgress);
        UnlearnabilityResult result = new UnlearnabilityRun(config).run(source.train(), test, run, resume,
                new RunProgress(stdout, live));
        stdout.printf(Locale.ROOT, "%n%s%n%nreport: %s (%.1f min)%n", RunReport.comparisonTable(result),
                run.resolve(UnlearnabilityRun.REPORT_FILE), result.seconds() / 60);
        return 0;
    }

    /** The run preset's game and victim, with every given option applied. */
    private UnlearnabilityConfig resolve() {
        RunPreset runPreset = Presets.run(preset);
        if (!spec.commandLine().getParseResult().hasMatchedOption("--game-preset")) {
            game.preset = runPreset.game();
        }
        GameConfig gameConfig = game.resolve();
        VictimTrainingConfig victim = Presets.victim(victimPreset != null ? victimPreset : runPreset.victim());
        if (victimEpochs != null) {
            victim = victim.withEpochs(victimEpochs);
        }
        return new UnlearnabilityConfig(gameConfig, victim, noise, poisonBatchSize);
    }
}
