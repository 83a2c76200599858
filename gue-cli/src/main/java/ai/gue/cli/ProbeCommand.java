package ai.gue.cli;

import ai.djl.ndarray.NDManager;
import ai.gue.attack.DatasetPoisoner;
import ai.gue.attack.PoisonedDataset;
import ai.gue.config.Presets;
import ai.gue.data.ImageDataset;
import ai.gue.data.Subsets;
import ai.gue.eval.PerturbationNetworkProbe;
import ai.gue.eval.PerturbationSeparability;
import ai.gue.game.GameConfig;
import ai.gue.game.GameData;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gue probe}: how class-predictable a stored poison's perturbations are, without training a victim. */
@Command(name = "probe", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures a poisoned training set against its clean original without training a victim: "
                + "the budget actually used (L-inf, mean L2) and how well the perturbations x' - x alone predict the "
                + "labels of held-out images (a linear softmax classifier and nearest class mean; chance = 1/classes). "
                + "Working availability poisons are class shortcuts whose perturbations are linearly separable "
                + "(Yu et al., KDD 2022); near-chance separability means the poison cannot be one."})
final class ProbeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--clean", paramLabel = "DATASET", defaultValue = "cifar10",
            description = "The clean dataset: 'cifar10' or a path. Default: ${DEFAULT-VALUE}.")
    String clean;

    @Option(names = "--poisoned", paramLabel = "DATASET", required = true,
            description = "The poisoned copy of its training split (same images, same order).")
    String poisoned;

    @Option(names = "--images", paramLabel = "N", defaultValue = "10000",
            description = "Measure the first N training images (0 = all). Default: ${DEFAULT-VALUE}.")
    int images;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "Seed of the held-out split and of the linear classifier. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--network-epochs", paramLabel = "N", defaultValue = "5",
            description = "Also train a small convolutional network (quarter-width ResNet-9, no augmentation) for N "
                    + "epochs on the perturbations alone and score it on the held-out fifth: it sees shortcuts a "
                    + "linear map misses, such as AR noise (0 = skip). Default: ${DEFAULT-VALUE}.")
    int networkEpochs;

    @Option(names = "--game", paramLabel = "RUN",
            description = "The train-generator or run folder whose generator made the poison: fit the classifiers on "
                    + "part of the images its game trained on, then score them separately on the rest of those and on "
                    + "the training images the generator never saw (does the shortcut carry to unseen images?). "
                    + "Unseen excludes the held-out images when the game selected its generator on them. Measures "
                    + "the whole training set; --images does not apply.")
    Path game;

    @Mixin
    DatasetOptions datasets = new DatasetOptions();

    @Override
    public Integer call() throws java.io.IOException {
        if (networkEpochs < 0) {
            throw new IllegalArgumentException("--network-epochs must be >= 0, got " + networkEpochs);
        }
        if (images < 0) {
            throw new IllegalArgumentException("--images must be >= 0, got " + images);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        ImageDataset cleanTrain = datasets.catalog().load(clean, new FetchProgress(stdout)).train();
        ImageDataset poisonedTrain = datasets.catalog().load(poisoned, new FetchProgress(stdout)).train();
        if (game != null) {
            return measureSeenUnseen(cleanTrain, poisonedTrain, stdout);
        }
        if (images > 0 && images < Math.min(cleanTrain.size(), poisonedTrain.size())) {
            cleanTrain = Subsets.first(cleanTrain, images).dataset();
            poisonedTrain = Subsets.first(poisonedTrain, images).dataset();
        }
        PoisonedDataset measured = DatasetPoisoner.measure(cleanTrain, poisonedTrain);
        PerturbationSeparability.Result separability;
        try (NDManager manager = NDManager.newBaseManager()) {
            separability = new PerturbationSeparability(PerturbationSeparability.Config.defaults(seed))
                    .measure(cleanTrain, poisonedTrain, manager);
        }
        stdout.printf(Locale.ROOT, "%,d images: L-inf %d/255, mean L2 %.4f, %.1f%% of values changed%n",
                cleanTrain.size(), measured.maxAbsDelta(), measured.meanL2(), 100 * measured.changedShare());
        stdout.println(SeparabilityText.describe(separability, cleanTrain.classCount()));
        if (networkEpochs > 0) {
            PerturbationNetworkProbe probe = new PerturbationNetworkProbe(new PerturbationNetworkProbe.Config(
                    PerturbationSeparability.Config.defaults(seed).heldOutFraction(), networkEpochs, seed));
            PerturbationNetworkProbe.Result network = probe.measure(cleanTrain, poisonedTrain);
            stdout.printf(Locale.ROOT, "network on the perturbations alone (%d epochs, %,d fitted, %,d "
                            + "held out): %.1f%% (chance %.1f%%; %.0f s)%n", networkEpochs, network.fittedImages(),
                    network.heldOutImages(), 100 * network.accuracy(), 100.0 / cleanTrain.classCount(),
                    network.seconds());
            stdout.flush();
            PerturbationNetworkProbe.Result reference = probe.measureCleanReference(cleanTrain);
            stdout.printf(Locale.ROOT, "same network on the clean images: %.1f%% (a perturbation computed "
                    + "from the image must beat this to be a shortcut; %.0f s)%n", 100 * reference.accuracy(),
                    reference.seconds());
        }
        return 0;
    }

    private int measureSeenUnseen(ImageDataset cleanTrain, ImageDataset poisonedTrain, PrintWriter stdout) {
        GameConfig played = Presets.playedGame(game);
        GameData data = GameData.prepare(cleanTrain, played);
        int[] seen = data.gameIndices();
        int[] unseen = data.unseenIndices(cleanTrain.size(), played);
        PerturbationSeparability.SeenUnseen result;
        try (NDManager manager = NDManager.newBaseManager()) {
            result = new PerturbationSeparability(PerturbationSeparability.Config.defaults(seed))
                    .measureSeenUnseen(cleanTrain, poisonedTrain, seen, unseen, manager);
        }
        stdout.printf(Locale.ROOT, "the game trained on %,d of the %,d images; classifiers fitted on %,d of "
                + "them%n", seen.length, cleanTrain.size(), result.seen().fittedImages());
        stdout.println("seen by the generator:   " + SeparabilityText.describe(result.seen(), cleanTrain.classCount()));
        stdout.println("unseen by the generator: " + SeparabilityText.describe(result.unseen(),
                cleanTrain.classCount()));
        return 0;
    }
}
