package ai.gue.cli;

import ai.gue.config.Presets;
import ai.gue.defense.DefenseSettings;
import ai.gue.game.GameConfig;
import ai.gue.game.GameImplementation;
import ai.gue.game.GameStepBenchmark;
import ai.gue.model.ClassifierArch;
import ai.gue.train.AdversarialTraining;
import ai.gue.train.Augmentation;
import ai.gue.train.KernelBenchmark;
import ai.gue.train.ThroughputBenchmark;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gue bench}: training/inference throughput and memory per architecture, as a Markdown table. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures training and inference throughput (images/s) and resident memory per architecture "
                + "on random 3x32x32 images, and prints a Markdown table (for docs/benchmarks.md). Benchmarks "
                + "depend on the machine and its load: close other work first."})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--arch", paramLabel = "ARCH", split = ",", converter = VictimOptions.ArchConverter.class,
            completionCandidates = VictimOptions.ArchNames.class, defaultValue = "fastnet,resnet18",
            description = "Architectures to measure, comma-separated, of ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    List<ClassifierArch> archs;

    @Option(names = "--width", paramLabel = "X", split = ",", defaultValue = "1.0",
            description = "Width multipliers, comma-separated (each applied to each architecture). Default: ${DEFAULT-VALUE}.")
    List<Double> widths;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "128",
            description = "Images per step. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--warmup-steps", paramLabel = "N", defaultValue = "3",
            description = "Untimed steps first. Default: ${DEFAULT-VALUE}.")
    int warmupSteps;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "10",
            description = "Timed training steps. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--game", description = "Measure seconds per GUE game step instead: the authors' way and the "
            + "shared way, in this run, for each --arch/--width follower with the --generator-width UNet.")
    boolean game;

    @Option(names = "--game-preset", paramLabel = "NAME|FILE", split = ",",
            description = "Measure seconds per step of whole game presets instead (comma-separated names or YAML "
                    + "files): each preset's own networks, batch, T, setting (TRADES and PGD in the adversarial "
                    + "one) and in-game crop and flip, with the game time it projects on CIFAR-10's 50,000 "
                    + "training images (steps x seconds per step; selection victims and data loading excluded).")
    List<String> gamePresets;

    @Option(names = "--kernels", description = "Measure the machine's arithmetic rate instead (GFLOP/s of a "
            + "1024^3 matrix product and of ResNet-18's 3x3 convolutions at --batch-size, forward and "
            + "forward+backward; --steps repetitions each), to compare with a network's training throughput.")
    boolean kernels;

    @Option(names = "--adversarial-training", description = "In the throughput table: train on the PGD adversarial "
            + "examples of the adversarial-training defense (PGD-10, L-inf 8/255, steps of 2/255, as gue evaluate "
            + "--defense adversarial-training), the costliest defense, instead of the batch itself.")
    boolean adversarialTraining;

    @Option(names = "--crop-flip", description = "With --game: also time the shared way with the poisoned batch "
            + "cropped and flipped inside the game (--poison-augmentation crop-flip).")
    boolean cropFlip;

    @Option(names = "--generator-width", paramLabel = "N", defaultValue = "64",
            description = "UNet base width for --game. Default: ${DEFAULT-VALUE}.")
    int generatorWidth;

    @Option(names = "--inner-steps", paramLabel = "T", defaultValue = "10",
            description = "Inner steps T for --game. Default: ${DEFAULT-VALUE}.")
    int innerSteps;

    @Override
    public Integer call() {
        if (batchSize <= 0 || steps <= 0 || warmupSteps < 0) {
            throw new IllegalArgumentException("--batch-size and --steps must be positive, --warmup-steps >= 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (gamePresets != null) {
            return benchGamePresets(out);
        }
        if (game) {
            return benchGame(out);
        }
        if (kernels) {
            out.printf("| kernel | GFLOP/s |%n|---|---|%n");
            for (KernelBenchmark.Result r : KernelBenchmark.measure(batchSize, steps)) {
                out.printf(Locale.ROOT, "| %s | %.1f |%n", r.kernel(), r.gigaflopsPerSecond());
                out.flush();
            }
            return 0;
        }
        Optional<AdversarialTraining> adversarial = adversarialTraining
                ? Optional.of(DefenseSettings.defaults().adversarialTraining()) : Optional.empty();
        out.printf("| architecture | width | parameters | batch | training | train images/s | inference images/s "
                + "| RSS after warm-up (MiB) | RSS at end (MiB) | growth |%n");
        out.printf("|---|---|---|---|---|---|---|---|---|---|%n");
        out.flush();
        for (ClassifierArch arch : archs) {
            for (double width : widths) {
                ThroughputBenchmark.Result r = ThroughputBenchmark.measure(arch, width, batchSize, warmupSteps, steps, 0,
                        adversarial);
                out.printf(Locale.ROOT, "| %s | %.3g | %,d | %d | %s | %.1f | %.1f | %,.0f | %,.0f | %+.1f%% |%n",
                        arch, width, r.parameterCount(), batchSize,
                        adversarial.map(AdversarialTraining::describe).orElse("plain"), r.trainImagesPerSecond(),
                        r.inferImagesPerSecond(), r.residentAfterWarmup() / 1048576.0,
                        r.residentAtEnd() / 1048576.0, 100 * r.memoryGrowth());
                out.flush();
            }
        }
        return 0;
    }

    /** CIFAR-10's training images, for the projected game time of a preset. */
    private static final int CIFAR_TRAINING_IMAGES = 50_000;

    private int benchGamePresets(PrintWriter out) {
        out.printf("| game preset | setting | follower | UNet width | batch | T | PGD steps | seconds/step "
                + "| steps (epochs x per epoch) | projected game (min) | RSS growth |%n");
        out.printf("|---|---|---|---|---|---|---|---|---|---|---|%n");
        out.flush();
        for (String name : gamePresets) {
            GameConfig game = Presets.game(name);
            GameStepBenchmark.Result r = GameStepBenchmark.measure(game, warmupSteps, steps);
            int perEpoch = GameStepBenchmark.stepsPerEpoch(game, CIFAR_TRAINING_IMAGES);
            long total = (long) perEpoch * game.epochs();
            String pgd = switch (game.setting()) {
                case STANDARD -> "-";
                case ADVERSARIAL -> Integer.toString(game.pgdSteps());
            };
            out.printf(Locale.ROOT, "| %s | %s | %s x%.3g | %d | %d | %d | %s | %.2f | %,d (%d x %d) | %.0f | %+.1f%% |%n",
                    name, game.setting().name().toLowerCase(Locale.ROOT), game.followerArch(), game.followerWidth(),
                    game.generatorWidth(), game.batchSize(), game.innerSteps(), pgd, r.secondsPerStep(), total,
                    game.epochs(), perEpoch, r.secondsPerStep() * total / 60,
                    100.0 * (r.residentAtEnd() - r.residentAfterWarmup()) / r.residentAfterWarmup());
            out.flush();
        }
        return 0;
    }

    private int benchGame(PrintWriter out) {
        out.printf("| follower | width | UNet width | batch | T | implementation | seconds/step | speed-up | RSS growth |%n");
        out.printf("|---|---|---|---|---|---|---|---|---|%n");
        out.flush();
        for (ClassifierArch arch : archs) {
            for (double width : widths) {
                GameStepBenchmark.Result authors = GameStepBenchmark.measure(arch, width, generatorWidth, batchSize,
                        innerSteps, GameImplementation.AUTHORS, warmupSteps, steps);
                GameStepBenchmark.Result shared = GameStepBenchmark.measure(arch, width, generatorWidth, batchSize,
                        innerSteps, GameImplementation.SHARED, warmupSteps, steps);
                List<GameStepBenchmark.Result> results = new ArrayList<>(List.of(authors, shared));
                if (cropFlip) {
                    results.add(GameStepBenchmark.measure(arch, width, generatorWidth, batchSize, innerSteps,
                            GameImplementation.SHARED, Augmentation.STANDARD, warmupSteps, steps));
                }
                for (GameStepBenchmark.Result r : results) {
                    String way = r.implementation().name().toLowerCase(Locale.ROOT)
                            + (r == results.get(results.size() - 1) && cropFlip ? " + crop-flip" : "");
                    out.printf(Locale.ROOT, "| %s | %.3g | %d | %d | %d | %s | %.2f | %s | %+.1f%% |%n", arch, width,
                            generatorWidth, batchSize, innerSteps, way,
                            r.secondsPerStep(), String.format(Locale.ROOT, "%.2fx",
                                    authors.secondsPerStep() / r.secondsPerStep()),
                            100.0 * (r.residentAtEnd() - r.residentAfterWarmup()) / r.residentAfterWarmup());
                    out.flush();
                }
            }
        }
        return 0;
    }
}
