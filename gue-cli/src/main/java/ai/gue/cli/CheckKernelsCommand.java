package ai.gue.cli;

import ai.djl.ndarray.types.Shape;
import ai.gue.config.Presets;
import ai.gue.data.ImageShape;
import ai.gue.model.ConvolutionKernelCheck;
import ai.gue.model.ConvolutionKernelCheck.ConvCase;
import ai.gue.model.ConvolutionKernelCheck.Mismatch;
import ai.gue.model.TensorShapes;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gue check-kernels}: libtorch's convolutions against a double-precision reference, case by case. */
@Command(name = "check-kernels", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Checks libtorch's convolution kernels on this machine: the output and the input, weight "
                + "and bias gradients of convolutions shaped like gue's layers, each run "
                + ConvolutionKernelCheck.REPEATS + " times, against a double-precision reference. Exit code 0 "
                + "when all match, 1 when one does not. Every network gue builds is checked the same way, layer "
                + "by layer, before it is used; the gue launcher uses --networks to choose ONEDNN_MAX_CPU_ISA once "
                + "per machine (README, 'oneDNN kernels')."})
final class CheckKernelsCommand implements Callable<Integer> {

    private static final Shape CIFAR10_SAMPLE = TensorShapes.sample(ImageShape.CIFAR);

    @Spec
    CommandSpec spec;

    @Option(names = "--networks", description = "Check the convolutions of the networks gue's presets build for"
            + " CIFAR-10 (victims, crafting models, game followers and generators) instead of the fixed cases, which"
            + " include narrow ones of the kind found wrong. The launcher chooses ONEDNN_MAX_CPU_ISA with this.")
    boolean networks;

    @Option(names = "--quiet", description = "Print nothing; only the exit code tells.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<ConvCase> cases = networks
                ? ConvolutionKernelCheck.casesOf(Presets.networks(CIFAR10_SAMPLE, 10))
                : ConvolutionKernelCheck.CASES;
        ConvolutionKernelCheck.Result result = ConvolutionKernelCheck.run(cases);
        if (!quiet) {
            String isa = System.getenv("ONEDNN_MAX_CPU_ISA");
            out.println("ONEDNN_MAX_CPU_ISA=" + (isa == null ? "(unset: oneDNN's best for this CPU)" : isa));
            out.println("| convolution | N×C×H×W | kernel, stride | wrong calls |");
            out.println("|---|---|---|---|");
            for (ConvCase c : cases) {
                long wrongCalls = result.mismatches().stream().filter(m -> m.caseName().equals(c.name()))
                        .mapToInt(Mismatch::repeat).distinct().count();
                out.printf(Locale.ROOT, "| %s | %d×%d×%d×%d | %d×%d, %d | %d of %d |%n", c.name(), c.batch(),
                        c.inChannels(), c.height(), c.width(), c.kernel(), c.kernel(), c.stride(), wrongCalls,
                        ConvolutionKernelCheck.REPEATS);
            }
            for (Mismatch mismatch : result.mismatches()) {
                out.println("  wrong: " + mismatch);
            }
            out.println(result.passed() ? "all convolutions match the reference"
                    : "WRONG: " + ConvolutionKernelCheck.REMEDY);
        }
        return result.passed() ? 0 : ErrorReporter.FAILURE;
    }
}
