package ai.gue.cli;

import ai.djl.ndarray.NDManager;
import ai.gue.attack.AttackBudget;
import ai.gue.attack.PerturbationNorm;
import ai.gue.attack.PoisonedDataset;
import ai.gue.attack.StoredPoison;
import ai.gue.data.DatasetPair;
import ai.gue.data.ImageDataset;
import ai.gue.data.StorageFormat;
import ai.gue.data.Subsets;
import ai.gue.eval.PerturbationSeparability;
import ai.gue.report.PerturbationGrid;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The output side shared by {@code gue poison} and {@code gue attack}, as a picocli mixin: its
 * options, then writing the poisoned training split next to the clean test split, reading it back
 * and checking the budget on the stored bytes, and optionally the perturbation grid and the
 * shortcut probe.
 */
final class PoisonedOutput {

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true, description = "Output dataset folder.")
    Path out;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "cifar10_binary",
            description = "cifar10_binary, image_folder (train/<class>/<index>.png, test/...) or indexed_png "
                    + "(data/<index>.png + labels.txt, test/ alike: the layout APBench and Image Shortcut Squeezing "
                    + "read; see docs/export.md). Default: ${DEFAULT-VALUE}.")
    StorageFormat format;

    @Option(names = "--force", description = "Overwrite an existing output folder.")
    boolean force;

    @Option(names = "--visualize", description = "Also write perturbations.png: the first image of each class "
            + "(up to 10), clean, poisoned, and the perturbation amplified so that the budget (an L-inf budget; "
            + "otherwise the largest stored change) fills the grey range.")
    boolean visualize;

    @Option(names = "--probe-images", paramLabel = "N", defaultValue = "10000",
            description = "Report how well the perturbations of the first N images predict their labels (see 'gue "
                    + "probe'; 0 = skip). Default: ${DEFAULT-VALUE}.")
    int probeImages;

    /** Fails before any work if the output folder exists and {@code --force} is off. */
    void refuseExisting() {
        if (!force && java.nio.file.Files.exists(out)) {
            throw new IllegalArgumentException(out + " already exists; pass --force to replace it");
        }
    }

    /**
     * Writes, verifies and reports {@code poisoned}, the poisoned copy of {@code clean}, as the
     * options say.
     *
     * @param extra manifest entries that name the poison's source
     * @return the stored images with their measured perturbation
     */
    PoisonedDataset write(PrintWriter stdout, ImageDataset clean, ImageDataset test, PoisonedDataset poisoned,
            AttackBudget budget, Map<String, Object> extra) throws IOException {
        DatasetPair pair = new DatasetPair(poisoned.dataset(), test);
        format.write(pair, out, force);
        // Verify what was written, not what was meant to be.
        PoisonedDataset stored = StoredPoison.verifyAndRecord(out, clean, poisoned, budget, extra);
        if (visualize) {
            Path png = out.resolve("perturbations.png");
            int[] shown = PerturbationGrid.firstOfEachClass(clean, PerturbationGrid.DEFAULT_IMAGES);
            // An L∞ budget fills the grey range at its radius; other norms at the largest stored change.
            int fullScale = budget.norm() == PerturbationNorm.LINF ? (int) Math.floor(budget.radius() * 255 + 1e-9)
                    : stored.maxAbsDelta();
            new PerturbationGrid(PerturbationGrid.Options.forMaxPixelDelta(Math.max(1, fullScale)))
                    .write(clean, stored.dataset(), shown, png, true);
            stdout.println("perturbation grid: " + png);
        }
        stdout.printf(Locale.ROOT, "poisoned %,d images with budget %s: stored L-inf %d/255 (%.5f), mean L2 %.4f, "
                        + "%.2f%% of values changed; verified on the written files in %s%n", clean.size(),
                budget, stored.maxAbsDelta(), stored.maxAbsDelta() / 255.0, stored.meanL2(),
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
        return stored;
    }
}
