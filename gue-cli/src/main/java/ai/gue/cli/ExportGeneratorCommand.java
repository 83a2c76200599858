package ai.gue.cli;

import ai.gue.export.GeneratorExport;
import ai.gue.export.GeneratorReference;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gue export-generator}: a trained generator as a safetensors file with the authors' state_dict keys. */
@Command(name = "export-generator", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes a trained generator as one safetensors file that PyTorch loads into the authors' "
                + "(DeepConfuse) UNet with load_state_dict: float32 tensors named dconv_down1.0.weight ... "
                + "conv_last.1.running_var, BatchNorm running statistics included (num_batches_tracked is not; "
                + "see docs/export.md), and metadata with the budget, widths and image shape."})
final class ExportGeneratorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--generator", paramLabel = "DIR", required = true,
            description = "Generator folder: best/ or checkpoint/ of a train-generator run.")
    Path generator;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", required = true,
            description = "The .safetensors file to write.")
    Path out;

    @Option(names = "--force", description = "Overwrite an existing output file.")
    boolean force;

    @Option(names = "--reference-images", paramLabel = "N", defaultValue = "0",
            description = "Also write <name>.reference.safetensors next to FILE: N seeded random images, the "
                    + "generator's eval-mode output on them and the poisoned images as gue computes them, to check a "
                    + "PyTorch port against (tools/pytorch/load_gue_generator.py; 0 = none). Default: ${DEFAULT-VALUE}.")
    int referenceImages;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        if (referenceImages < 0) {
            throw new IllegalArgumentException("--reference-images must be >= 0, got " + referenceImages);
        }
        Path reference = referencePath(out);
        for (Path target : referenceImages > 0 ? new Path[] {out, reference} : new Path[] {out}) {
            if (!force && Files.exists(target)) {
                throw new IllegalArgumentException(target + " already exists; pass --force to replace it");
            }
        }
        GeneratorExport.Result result = GeneratorExport.export(generator, out, force);
        stdout.printf(Locale.ROOT, "wrote %s: %d tensors, %,d parameters, %,d bytes%n", result.file(),
                result.tensors(), result.parameterCount(), result.bytes());
        if (referenceImages > 0) {
            GeneratorReference.write(generator, reference, referenceImages, 0, force);
            stdout.println("wrote " + reference + ": " + referenceImages + " reference images (input, output, poisoned)");
        }
        return 0;
    }

    /** {@code g.safetensors} → {@code g.reference.safetensors}. */
    static Path referencePath(Path out) {
        String name = out.getFileName().toString();
        String stem = name.endsWith(".safetensors") ? name.substring(0, name.length() - ".safetensors".length()) : name;
        return out.resolveSibling(stem + ".reference.safetensors");
    }
}
