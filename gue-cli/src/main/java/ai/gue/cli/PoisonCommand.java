package ai.gue.cli;

import ai.djl.ndarray.NDManager;
import ai.gue.attack.AttackBudget;
import ai.gue.attack.DatasetPoisoner;
import ai.gue.attack.GeneratorCheckpoint;
import ai.gue.attack.GeneratorPoison;
import ai.gue.attack.PoisonedDataset;
import ai.gue.data.ImageDataset;
import ai.gue.data.LoadedDataset;
import ai.gue.util.DatasetDigest;
import ai.gue.util.RunManifest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gue poison}: applies a trained generator to a dataset and writes the poisoned copy. */
@Command(name = "poison", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Applies a trained generator (inference mode) to every training image of a dataset, including "
                + "images the generator never saw, and writes the poisoned training set next to the clean test set. "
                + "Stored pixels are rounded, then clamped to the budget and to [0, 255]; the written files are read "
                + "back and checked against the budget. Writes poison-manifest.json with the achieved L-inf / L2."})
final class PoisonCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--generator", paramLabel = "DIR", required = true,
            description = "Generator folder: best/ or checkpoint/ of a train-generator run.")
    Path generator;

    @Option(names = "--input", paramLabel = "DATASET", defaultValue = "cifar10",
            description = "Dataset to poison (its training split): 'cifar10' or a path. Default: ${DEFAULT-VALUE}.")
    String input;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "500",
            description = "Images per generator pass. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--batch-statistics", description = "Diagnostic: normalise the generator with each batch's own "
            + "BatchNorm statistics (training mode, as during the game) instead of its running statistics (the "
            + "authors' evaluation, the default).")
    boolean batchStatistics;

    @Mixin
    PoisonedOutput output = new PoisonedOutput();

    @Mixin
    DatasetOptions datasets = new DatasetOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        output.refuseExisting();
        LoadedDataset source = datasets.catalog().load(input, new FetchProgress(stdout));
        ImageDataset clean = source.train();
        ImageDataset test = source.test().orElseThrow(() -> new IllegalArgumentException(
                "'" + input + "' has no test split; the poisoned dataset is written with its clean test split"));
        GeneratorCheckpoint.requireImageShapeOf(generator, clean);
        RunManifest manifest = RunManifest.start("poison", Map.of(),
                Map.of("clean:" + clean.name(), DatasetDigest.sha256(clean)));
        PoisonedDataset poisoned;
        GeneratorPoison poison;
        try (NDManager manager = NDManager.newBaseManager()) {
            poison = GeneratorCheckpoint.load(generator, manager);
            poisoned = new DatasetPoisoner(batchSize, batchStatistics).apply(poison, clean, manager,
                    clean.name() + "-gue");
        }
        output.write(stdout, clean, test, poisoned, AttackBudget.of(poison.budget()),
                Map.of("generator", generator.toAbsolutePath().toString(), "manifest", manifest.finish()));
        return 0;
    }
}
