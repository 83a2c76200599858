package ai.gue.cli;

import ai.gue.attack.Budget;
import ai.gue.defense.Defense;
import ai.gue.train.AdversarialTraining;
import ai.gue.defense.DefenseKind;
import ai.gue.defense.DefenseSettings;
import ai.gue.data.DatasetCatalog;
import ai.gue.data.ImageDataset;
import ai.gue.data.LoadedDataset;
import ai.gue.data.Subsets;
import ai.gue.eval.DefendedVictim;
import ai.gue.train.VictimResult;
import ai.gue.train.VictimTrainingConfig;
import ai.gue.util.RunDirectory;
import ai.gue.util.SeedTree;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gue evaluate}: trains a fresh victim and reports its clean test accuracy per epoch. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains a fresh classifier on a training set (clean or poisoned) and reports its clean test "
                + "accuracy after every epoch. Writes config.yaml, manifest.json, result.json and epochs.csv to the "
                + "run folder."})
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--train", paramLabel = "DATASET", defaultValue = "cifar10",
            description = "Training set: 'cifar10' (cached, fetched and verified on first use) or a path (CIFAR-10/100 "
                    + "binary folder or batch, SVHN .mat, PNG class folders). Default: ${DEFAULT-VALUE}.")
    String train;

    @Option(names = "--test", paramLabel = "DATASET",
            description = "Clean test set (default: the test split of --train, e.g. CIFAR-10's test_batch.bin).")
    String test;

    @Option(names = "--train-limit", paramLabel = "N", description = "Use only the first N training images.")
    Integer trainLimit;

    @Option(names = "--train-per-class", paramLabel = "N",
            description = "Use N training images per class, drawn with the victim seed (stratified).")
    Integer trainPerClass;

    @Option(names = "--train-fraction", paramLabel = "F",
            description = "Use a random share F in (0, 1] of the training images, drawn with the victim seed.")
    Double trainFraction;

    @Option(names = "--test-limit", paramLabel = "N", description = "Use only the first N test images.")
    Integer testLimit;

    @Option(names = "--defense", paramLabel = "D", defaultValue = "none", converter = DefenseConverter.class,
            description = "Defense: none, grayscale, jpeg, bit-depth, blur (filters applied to the images before "
                    + "training; grayscale and bit-depth also filter the test images, since they change the input "
                    + "space; jpeg and blur the training images only), or cutout, mixup, cutmix (in the training "
                    + "batches, after crop and flip), or adversarial-training (PGD examples replace every training "
                    + "batch). Default: ${DEFAULT-VALUE}.")
    DefenseKind defense;

    @Option(names = "--jpeg-quality", paramLabel = "Q", defaultValue = "10",
            description = "JPEG quality in [1, 100] for --defense jpeg. Default: ${DEFAULT-VALUE}.")
    int jpegQuality;

    @Option(names = "--bit-depth", paramLabel = "BITS", defaultValue = "2",
            description = "Bits per value kept by --defense bit-depth, in [1, 7]. Default: ${DEFAULT-VALUE}.")
    int bitDepth;

    @Option(names = "--blur-sigma", paramLabel = "PIXELS", defaultValue = "1.0",
            description = "Standard deviation of --defense blur, in pixels. Default: ${DEFAULT-VALUE}.")
    double blurSigma;

    @Option(names = "--blur-radius", paramLabel = "PIXELS", defaultValue = "1",
            description = "Kernel radius of --defense blur (the kernel spans 2r+1 pixels). Default: ${DEFAULT-VALUE}.")
    int blurRadius;

    @Option(names = "--poison-ratio", paramLabel = "R",
            description = "Train on a seeded share R in [0, 1] of --train's images and take the rest from --clean "
                    + "(a poisoned --train and its clean original, same order and labels): the poison-ratio defense.")
    Double poisonRatio;

    @Option(names = "--clean", paramLabel = "DATASET", defaultValue = "cifar10",
            description = "Clean original of a poisoned --train, for --poison-ratio. Default: ${DEFAULT-VALUE}.")
    String cleanSource;

    @Option(names = "--cutout-size", paramLabel = "PIXELS", defaultValue = "16",
            description = "Side of the square --defense cutout zeroes. Default: ${DEFAULT-VALUE}.")
    int cutoutSize;

    @Option(names = "--mixing-alpha", paramLabel = "A", defaultValue = "1.0",
            description = "Beta(A, A) mixing weights of --defense mixup and cutmix. Default: ${DEFAULT-VALUE}.")
    double mixingAlpha;

    @Option(names = "--at-radius", paramLabel = "BUDGET", defaultValue = "8/255",
            converter = GameOptions.BudgetConverter.class,
            description = "L-inf radius of --defense adversarial-training. Default: ${DEFAULT-VALUE}.")
    Budget atRadius;

    @Option(names = "--at-steps", paramLabel = "N", defaultValue = "10",
            description = "PGD steps of --defense adversarial-training. Default: ${DEFAULT-VALUE}.")
    int atSteps;

    @Option(names = "--at-step-size", paramLabel = "BUDGET", defaultValue = "2/255",
            converter = GameOptions.BudgetConverter.class,
            description = "PGD step of --defense adversarial-training. Default: ${DEFAULT-VALUE}.")
    Budget atStepSize;

    @ArgGroup(validate = false, heading = "%nVictim recipe (a preset; each option overrides one field):%n")
    VictimOptions victim = new VictimOptions();

    @Mixin
    DatasetOptions datasets = new DatasetOptions();

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "Run folder (default: runs/evaluate-<time> in the gue home). Must not exist or be empty.")
    Path out;

    @Option(names = "--force", description = "Overwrite a non-empty run folder.")
    boolean force;

    @Option(names = "--no-progress", description = "Plain log lines instead of a live progress bar.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        Defense chosenDefense = new Defense(defense, new DefenseSettings(jpegQuality, bitDepth, blurSigma, blurRadius,
                cutoutSize, mixingAlpha, new AdversarialTraining(atRadius.epsilon(), atSteps, atStepSize.epsilon())));
        VictimTrainingConfig recipe = victim.resolve();
        Path runPath = out != null ? out : Workspace.defaultRunDir("evaluate");
        RunDirectory run = RunDirectory.create(runPath, force);

        DatasetCatalog catalog = datasets.catalog();
        FetchProgress fetchProgress = new FetchProgress(stdout);
        LoadedDataset trainSource = catalog.load(train, fetchProgress);
        ImageDataset fullTrain = trainSource.train();
        if (poisonRatio != null) {
            fullTrain = DefendedVictim.mixPoison(catalog.load(cleanSource, fetchProgress).train(), fullTrain,
                    poisonRatio, recipe.seed());
            stdout.printf(java.util.Locale.ROOT, "poison ratio: %.0f%% of the training images poisoned, the rest "
                    + "from %s%n", 100 * poisonRatio, cleanSource);
        }
        ImageDataset trainSet = selectTraining(fullTrain, new SeedTree(recipe.seed()).child("train-subset"));
        ImageDataset testSet = test != null
                ? testSplitOf(catalog.load(test, fetchProgress))
                : trainSource.test().orElseThrow(() -> new IllegalArgumentException("dataset '" + train
                        + "' has no test split; give one with --test"));
        if (testLimit != null) {
            testSet = Subsets.first(testSet, testLimit).dataset();
        }
        DefendedVictim victimRun = DefendedVictim.of(recipe, chosenDefense, trainSet, testSet);
        if (defense != DefenseKind.NONE) {
            stdout.println("defense: " + chosenDefense.describe());
        }
        stdout.printf("train: %s%ntest:  %s%nrun folder: %s%n", victimRun.train(), victimRun.test(), run.root());
        VictimResult result = victimRun.run(run,
                new ProgressRenderer(stdout, ProgressRenderer.liveOutputWanted(noProgress), "victim"));
        stdout.printf(Locale.ROOT, "clean test accuracy: %.2f%% after %d epochs (%.1f min); results in %s%n",
                100 * result.finalTestAccuracy(), result.epochs().size(), result.totalSeconds() / 60, run.root());
        return 0;
    }

    static final class DefenseConverter implements picocli.CommandLine.ITypeConverter<DefenseKind> {
        @Override
        public DefenseKind convert(String value) {
            return DefenseKind.parse(value);
        }
    }

    /** A dataset's test split, or the whole of a single-split dataset. */
    private static ImageDataset testSplitOf(LoadedDataset dataset) {
        return dataset.test().orElse(dataset.train());
    }

    private ImageDataset selectTraining(ImageDataset full, SeedTree seeds) {
        int chosen = (trainLimit != null ? 1 : 0) + (trainPerClass != null ? 1 : 0) + (trainFraction != null ? 1 : 0);
        if (chosen > 1) {
            throw new IllegalArgumentException("give at most one of --train-limit, --train-per-class, --train-fraction");
        }
        if (trainLimit != null) {
            return Subsets.first(full, trainLimit).dataset();
        }
        if (trainPerClass != null) {
            return Subsets.randomPerClass(full, trainPerClass, seeds.seed()).dataset();
        }
        if (trainFraction != null) {
            return Subsets.randomFraction(full, trainFraction, seeds.seed()).dataset();
        }
        return full;
    }
}
