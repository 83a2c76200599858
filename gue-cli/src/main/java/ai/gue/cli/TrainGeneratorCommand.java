package ai.gue.cli;

import ai.gue.data.LoadedDataset;
import ai.gue.game.GameConfig;
import ai.gue.game.GameData;
import ai.gue.game.GameResult;
import ai.gue.game.GameTrainer;
import ai.gue.game.WarmStart;
import ai.gue.util.DatasetDigest;
import ai.gue.util.RunDirectory;
import ai.gue.util.RunManifest;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gue train-generator}: plays the GUE game and saves the poison generator. */
@Command(name = "train-generator", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains the GUE poison generator: the Stackelberg game between a UNet generator and a follower "
                + "classifier, solved with BOME (the authors' algorithm). Checkpoints every epoch and every "
                + "--checkpoint-minutes inside one (--resume continues a killed run exactly); keeps the generator "
                + "whose selection victim does worst on a clean validation split. Writes game-config.yaml, "
                + "manifest.json, steps.csv, selection.csv, checkpoint/, best/ and, with --keep-every, generators/."})
final class TrainGeneratorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--train", paramLabel = "DATASET", defaultValue = "cifar10",
            description = "Training set the game draws from: 'cifar10' or a path. Default: ${DEFAULT-VALUE}.")
    String train;

    @ArgGroup(validate = false, heading = "%nGame (a preset; each option overrides one field):%n")
    GameOptions game = new GameOptions();

    @Mixin
    DatasetOptions datasets = new DatasetOptions();

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Run folder (default: runs/train-generator-<time>).")
    Path out;

    @Option(names = "--resume", description = "Continue the run in --out from its last checkpoint (same config; "
            + "--game-epochs may grow, and --game-milestones/--game-gamma may change epochs not yet played).")
    boolean resume;

    @Option(names = "--warm-start", paramLabel = "DIR",
            description = "Start the generator from this trained generator folder (a run's checkpoint/, best/ or "
                    + "generators/epoch-NNN/) instead of its seeded initialisation; the follower starts fresh. Same "
                    + "UNet width, image shape and budget as the game's. Recorded in the checkpoint: --resume needs "
                    + "no --warm-start, and refuses another one. For a CPU run of the adversarial setting: fine-tune "
                    + "the standard game's generator against the TRADES follower (a deviation: the authors train "
                    + "each setting from scratch).")
    Path warmStart;

    @Option(names = "--keep-every", paramLabel = "EPOCHS", defaultValue = "0",
            description = "Also keep a copy of the generator every EPOCHS epochs and after the last, in "
                    + "generators/epoch-NNN/ (the inputs of gue curve); 0 keeps none. Default: ${DEFAULT-VALUE}.")
    int keepEvery;

    @Option(names = "--checkpoint-minutes", paramLabel = "M", defaultValue = "10",
            description = "Also write the checkpoint inside an epoch once M minutes have passed since the last one, "
                    + "so a run killed by a time limit loses at most M minutes (--resume continues it inside the "
                    + "epoch, exactly); 0 checkpoints at epoch ends only. Default: ${DEFAULT-VALUE}.")
    double checkpointMinutes;

    @Option(names = "--force", description = "Overwrite a non-empty run folder.")
    boolean force;

    @Option(names = "--no-progress", description = "Plain log lines instead of a live progress line.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        GameConfig config = game.resolve();
        if (!(checkpointMinutes >= 0) || Double.isInfinite(checkpointMinutes)) {
            throw new IllegalArgumentException("--checkpoint-minutes must be 0 or more, got " + checkpointMinutes);
        }
        Optional<Duration> checkpointInterval = checkpointMinutes == 0 ? Optional.empty()
                : Optional.of(Duration.ofMillis(Math.round(checkpointMinutes * 60_000)));
        if (resume && out == null) {
            throw new IllegalArgumentException("--resume needs --out, the run folder to continue");
        }
        Path runPath = out != null ? out : Workspace.defaultRunDir("train-generator");
        boolean continuing = resume && Files.isRegularFile(runPath.resolve(GameTrainer.CHECKPOINT).resolve("state.json"));
        RunDirectory run = RunDirectory.create(runPath, force || continuing);
        LoadedDataset source = datasets.catalog().load(train, new FetchProgress(stdout));
        GameData data = GameData.prepare(source.train(), config);
        stdout.printf("game images: %s; validation: %s; run folder: %s%n", data.gameImages(), data.validation(),
                run.root());
        run.writeYaml("game-config.yaml", config);
        Map<String, String> inputs = new TreeMap<>(
                Map.of("train:" + source.train().name(), DatasetDigest.sha256(source.train())));
        if (warmStart != null) {
            WarmStart start = WarmStart.of(warmStart);
            inputs.put("warm-start:" + warmStart, start.paramsSha256());
            stdout.println("warm start: " + start.describe() + "; the follower starts from its seeded initialisation");
        }
        RunManifest manifest = RunManifest.start("train-generator", Map.of("game", config.seed()), inputs);
        run.writeJson("manifest.json", manifest);
        GameTrainer trainer = new GameTrainer(config, keepEvery, checkpointInterval, Optional.ofNullable(warmStart));
        GameResult result = trainer.train(data.gameImages(), data.validation(), run.root(), resume,
                new GameProgress(stdout, ProgressRenderer.liveOutputWanted(noProgress)));
        run.writeJson("manifest.json", manifest.finish());
        stdout.printf(Locale.ROOT, "game finished: %d steps (%.1f min this run); generator to use: %s%n",
                result.steps().size(), result.seconds() / 60, result.bestGenerator());
        return 0;
    }
}
