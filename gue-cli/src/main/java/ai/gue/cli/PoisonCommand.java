package ai.gue.cli;

import ai.djl.ndarray.NDManager;
import ai.gue.attack.DatasetPoisoner;
import ai.gue.attack.GeneratorCheckpoint;
import ai.gue.attack.GeneratorPoison;
import ai.gue.attack.PoisonedDataset;
import ai.gue.attack.StoredPoison;
import ai.gue.data.CifarBinaryFormat;
import ai.gue.data.DatasetPair;
import ai.gue.data.ImageDataset;
import ai.gue.data.ImageFolderFormat;
import ai.gue.data.LoadedDataset;
import ai.gue.data.Subsets;
import ai.gue.eval.PerturbationSeparability;
import ai.gue.report.PerturbationGrid;
import ai.gue.util.DatasetDigest;
import ai.gue.util.RunManifest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
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

    enum Format { CIFAR10_BINARY, IMAGE_FOLDER }

    @Spec
    CommandSpec spec;

    @Option(names = "--generator", paramLabel = "DIR", required = true,
            description = "Generator folder: best/ or checkpoint/ of a train-generator run.")
    Path generator;

    @Option(names = "--input", paramLabel = "DATASET", defaultValue = "cifar10",
            description = "Dataset to poison (its training split): 'cifar10' or a path. Default: ${DEFAULT-VALUE}.")
    String input;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true, description = "Output dataset folder.")
    Path out;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "cifar10_binary",
            description = "cifar10_binary or image_folder (train/<class>/<index>.png, test/...). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "500",
            description = "Images per generator pass. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--batch-statistics", description = "Diagnostic: normalise the generator with each batch's own "
            + "BatchNorm statistics (training mode, as during the game) instead of its running statistics (the "
            + "authors' evaluation, the default).")
    boolean batchStatistics;

    @Option(names = "--force", description = "Overwrite an existing output folder.")
    boolean force;

    @Option(names = "--visualize", description = "Also write perturbations.png: the first image of each class "
            + "(up to 10), clean, poisoned, and the perturbation amplified so that the budget fills the grey range.")
    boolean visualize;

    @Option(names = "--probe-images", paramLabel = "N", defaultValue = "10000",
            description = "Report how well the perturbations of the first N images predict their labels (see 'gue "
                    + "probe'; 0 = skip). Default: ${DEFAULT-VALUE}.")
    int probeImages;

    @Mixin
    DatasetOptions datasets = new DatasetOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        LoadedDataset source = datasets.catalog().load(input, new FetchProgress(stdout));
        ImageDataset clean = source.train();
        ImageDataset test = source.test().orElseThrow(() -> new IllegalArgumentException(
                "'" + input + "' has no test split; the poisoned dataset is written with its clean test split"));
        var expectedShape = GeneratorCheckpoint.imageShape(generator);
        if (!expectedShape.equals(clean.shape())) {
            throw new IllegalArgumentException("generator in " + generator + " was trained on " + expectedShape
                    + " images but " + input + " holds " + clean.shape() + " images");
        }
        RunManifest manifest = RunManifest.start("poison", Map.of(),
                Map.of("clean:" + clean.name(), DatasetDigest.sha256(clean)));
        PoisonedDataset poisoned;
        GeneratorPoison poison;
        try (NDManager manager = NDManager.newBaseManager()) {
            poison = GeneratorCheckpoint.load(generator, manager);
            poisoned = new DatasetPoisoner(batchSize, batchStatistics).apply(poison, clean, manager,
                    clean.name() + "-gue");
        }
        DatasetPair pair = new DatasetPair(poisoned.dataset(), test);
        switch (format) {
            case CIFAR10_BINARY -> CifarBinaryFormat.writeCifar10Folder(pair, out, force);
            case IMAGE_FOLDER -> ImageFolderFormat.writeSplit(pair, out, force);
        }
        // Verify what was written, not what was meant to be.
        PoisonedDataset stored = StoredPoison.verifyAndRecord(out, clean, poisoned, poison.budget(), generator,
                Map.of("manifest", manifest.finish()));
        if (visualize) {
            Path png = out.resolve("perturbations.png");
            int[] shown = PerturbationGrid.firstOfEachClass(clean, PerturbationGrid.DEFAULT_IMAGES);
            new PerturbationGrid(PerturbationGrid.Options.forMaxPixelDelta(poison.budget().maxPixelDelta()))
                    .write(clean, stored.dataset(), shown, png, true);
            stdout.println("perturbation grid: " + png);
        }
        stdout.printf(Locale.ROOT, "poisoned %,d images with budget %s: stored L-inf %d/255 (%.5f), mean L2 %.4f, "
                        + "%.1f%% of values changed; verified on the written files in %s%n", clean.size(),
                poison.budget().describe(), stored.maxAbsDelta(), stored.maxAbsDelta() / 255.0, stored.meanL2(),
                100 * stored.changedShare(), out);
        if (probeImages > 0) {
            int measured = Math.min(probeImages, clean.size());
            try (NDManager manager = NDManager.newBaseManager()) {
                var separability = new PerturbationSeparability(PerturbationSeparability.Config.defaults(0))
                        .measure(Subsets.first(clean, measured).dataset(),
                                Subsets.first(stored.dataset(), measured).dataset(), manager);
                stdout.println(SeparabilityText.describe(separability, clean.classCount()));
            }
        }
        return 0;
    }
}
