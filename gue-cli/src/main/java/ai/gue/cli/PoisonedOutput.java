package ai.gue.cli;

import ai.djl.ndarray.NDManager;
import ai.gue.attack.AttackBudget;
import ai.gue.attack.PerturbationNorm;
import ai.gue.attack.PoisonedDataset;
import ai.gue.attack.StoredPoison;
import ai.gue.data.CifarBinaryFormat;
import ai.gue.data.DatasetPair;
import ai.gue.data.ImageDataset;
import ai.gue.data.ImageFolderFormat;
import ai.gue.data.Subsets;
import ai.gue.eval.PerturbationSeparability;
import ai.gue.report.PerturbationGrid;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The output side shared by {@code gue poison} and {@code gue attack}: write the poisoned training
 * split next to the clean test split, read it back and check the budget on the stored bytes, then
 * optionally draw the perturbation grid and run the shortcut probe.
 */
final class PoisonedOutput {

    /** How the poisoned dataset is stored. */
    enum Format { CIFAR10_BINARY, IMAGE_FOLDER }

    private PoisonedOutput() {}

    /** Fails before any work if {@code out} exists and {@code force} is off. */
    static void refuseExisting(Path out, boolean force) {
        if (!force && java.nio.file.Files.exists(out)) {
            throw new IllegalArgumentException(out + " already exists; pass --force to replace it");
        }
    }

    /**
     * Writes, verifies and reports {@code poisoned}, the poisoned copy of {@code clean}.
     *
     * @param extra         manifest entries that name the poison's source
     * @param probeImages   the shortcut probe runs on the first this many images (0 = skip)
     * @return the stored images with their measured perturbation
     */
    static PoisonedDataset write(PrintWriter stdout, ImageDataset clean, ImageDataset test, PoisonedDataset poisoned,
            AttackBudget budget, Path out, Format format, boolean force, boolean visualize, int probeImages,
            Map<String, Object> extra) throws IOException {
        DatasetPair pair = new DatasetPair(poisoned.dataset(), test);
        switch (format) {
            case CIFAR10_BINARY -> CifarBinaryFormat.writeCifar10Folder(pair, out, force);
            case IMAGE_FOLDER -> ImageFolderFormat.writeSplit(pair, out, force);
        }
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
