package ai.gue.cli;

import ai.gue.model.ClassifierArch;
import ai.gue.train.ThroughputBenchmark;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
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
            defaultValue = "fastnet,resnet18",
            description = "Architectures to measure, comma-separated. Default: ${DEFAULT-VALUE}.")
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

    @Override
    public Integer call() {
        if (batchSize <= 0 || steps <= 0 || warmupSteps < 0) {
            throw new IllegalArgumentException("--batch-size and --steps must be positive, --warmup-steps >= 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("| architecture | width | parameters | batch | train images/s | inference images/s "
                + "| RSS after warm-up (MiB) | RSS at end (MiB) | growth |%n");
        out.printf("|---|---|---|---|---|---|---|---|---|%n");
        out.flush();
        for (ClassifierArch arch : archs) {
            for (double width : widths) {
                ThroughputBenchmark.Result r = ThroughputBenchmark.measure(arch, width, batchSize, warmupSteps, steps, 0);
                out.printf(Locale.ROOT, "| %s | %.3g | %,d | %d | %.1f | %.1f | %,.0f | %,.0f | %+.1f%% |%n",
                        arch, width, r.parameterCount(), batchSize, r.trainImagesPerSecond(),
                        r.inferImagesPerSecond(), r.residentAfterWarmup() / 1048576.0,
                        r.residentAtEnd() / 1048576.0, 100 * r.memoryGrowth());
                out.flush();
            }
        }
        return 0;
    }
}
