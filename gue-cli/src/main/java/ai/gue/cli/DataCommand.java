package ai.gue.cli;

import ai.gue.data.DatasetPair;
import ai.gue.data.ImageDataset;
import ai.gue.data.LoadedDataset;
import ai.gue.data.StorageFormat;
import ai.gue.data.Subsets;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gue data}: fetch, inspect and convert datasets. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Fetch, inspect and convert datasets.",
        subcommands = {DataCommand.Fetch.class, DataCommand.Info.class, DataCommand.Convert.class})
final class DataCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code gue data fetch cifar10}. */
    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Fetch a dataset into the cache and verify it (CIFAR-10: against the official MD5 sums).")
    static final class Fetch implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "Dataset to fetch: cifar10.")
        String name;

        @Mixin
        DatasetOptions datasets = new DatasetOptions();

        @Override
        public Integer call() throws Exception {
            if (!"cifar10".equalsIgnoreCase(name)) {
                throw new IllegalArgumentException("unknown dataset '" + name + "'; only cifar10 can be fetched "
                        + "(CIFAR-100 and SVHN are read from files you supply)");
            }
            PrintWriter out = spec.commandLine().getOut();
            long started = System.nanoTime();
            Path folder = datasets.catalog().fetchCifar10(new FetchProgress(out));
            out.printf(Locale.ROOT, "CIFAR-10 ready in %s (%.1f s), all six batches match the official MD5 sums%n",
                    folder, (System.nanoTime() - started) / 1e9);
            return 0;
        }
    }

    /** {@code gue data info DATASET}. */
    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Print a dataset's format, sizes and images per class.")
    static final class Info implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DATASET", description = "'cifar10' or a path.")
        String dataset;

        @Mixin
        DatasetOptions datasets = new DatasetOptions();

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            LoadedDataset loaded = datasets.catalog().load(dataset, new FetchProgress(out));
            out.println("source: " + loaded.source() + " (" + loaded.format() + ")");
            describe(out, "train", loaded.train());
            loaded.test().ifPresent(test -> describe(out, "test", test));
            return 0;
        }

        private static void describe(PrintWriter out, String split, ImageDataset d) {
            out.printf("%s: %s%n", split, d);
            int[] counts = d.classCounts();
            for (int c = 0; c < counts.length; c++) {
                out.printf("  %3d %-14s %,d%n", c, d.classNames().get(c), counts[c]);
            }
        }
    }

    /** {@code gue data convert DATASET --to DIR --format F}. */
    @Command(name = "convert", mixinStandardHelpOptions = true,
            description = "Convert a dataset (both splits) to CIFAR-10 binary batches, PNG class folders "
                    + "(torchvision ImageFolder: <split>/<class>/<index>.png) or indexed PNGs (APBench and Image "
                    + "Shortcut Squeezing: data/<index>.png + labels.txt, test/ alike). With --train-per-class "
                    + "or --test-per-class it writes a stratified, seeded subset instead (e.g. a CIFAR-10 small "
                    + "enough for a quick experiment), images kept in their original order.")
    static final class Convert implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DATASET", description = "'cifar10' or a path.")
        String dataset;

        @Option(names = "--to", paramLabel = "DIR", required = true, description = "Output folder.")
        Path target;

        @Option(names = "--format", paramLabel = "FORMAT", required = true,
                description = "cifar10_binary (data_batch_1..5.bin + test_batch.bin), image_folder or indexed_png.")
        StorageFormat format;

        @Option(names = "--force", description = "Overwrite an existing output folder.")
        boolean force;

        @Option(names = "--train-per-class", paramLabel = "N",
                description = "Keep a seeded random N training images of every class (default: all).")
        Integer trainPerClass;

        @Option(names = "--test-per-class", paramLabel = "N",
                description = "Keep a seeded random N test images of every class (default: all).")
        Integer testPerClass;

        @Option(names = "--subset-seed", paramLabel = "SEED", defaultValue = "0",
                description = "Seed of the per-class choice (default: ${DEFAULT-VALUE}).")
        long subsetSeed;

        @Mixin
        DatasetOptions datasets = new DatasetOptions();

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            LoadedDataset loaded = datasets.catalog().load(dataset, new FetchProgress(out));
            ImageDataset test = loaded.test().orElseThrow(() -> new IllegalArgumentException(
                    "'" + dataset + "' has no test split; conversion writes both splits"));
            ImageDataset train = perClass(loaded.train(), trainPerClass, "--train-per-class");
            test = perClass(test, testPerClass, "--test-per-class");
            format.write(new DatasetPair(train, test), target, force);
            out.printf(Locale.ROOT, "wrote %s (%,d training and %,d test images)%n", target, train.size(), test.size());
            return 0;
        }

        private ImageDataset perClass(ImageDataset dataset, Integer count, String option) {
            if (count == null) {
                return dataset;
            }
            if (count < 1) {
                throw new IllegalArgumentException(option + " must be at least 1, got " + count);
            }
            return Subsets.randomPerClass(dataset, count, subsetSeed).dataset();
        }
    }
}
