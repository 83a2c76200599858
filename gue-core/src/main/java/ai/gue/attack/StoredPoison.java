package ai.gue.attack;

import ai.gue.data.DatasetLoader;
import ai.gue.data.ImageDataset;
import ai.gue.util.DatasetDigest;
import ai.gue.util.RunDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The check every written poisoned dataset goes through ({@code gue poison} and {@code gue run}):
 * read the folder back, prove the budget on the stored bytes and that they are exactly the poisoned
 * images, then record the measurement in {@value #MANIFEST} beside the data.
 */
public final class StoredPoison {

    /** The sidecar written into a poisoned dataset folder. */
    public static final String MANIFEST = "poison-manifest.json";

    private StoredPoison() {}

    /**
     * Reads {@code folder} back and checks its training split against {@code clean} and the
     * in-memory {@code poisoned} images; writes {@value #MANIFEST} with {@code extra} entries first
     * (the caller names the poison's source there: the generator folder, the attack and its seed).
     *
     * @return the stored images with their measured perturbation
     * @throws IllegalStateException if a stored image exceeds the budget or the bytes differ
     */
    public static PoisonedDataset verifyAndRecord(Path folder, ImageDataset clean, PoisonedDataset poisoned,
            AttackBudget budget, Map<String, Object> extra) throws IOException {
        ImageDataset stored = DatasetLoader.load(folder).train();
        if (!stored.sameContent(poisoned.dataset())) {
            throw new IllegalStateException("verification of " + folder
                    + " failed: the stored images differ from the poisoned ones");
        }
        AttackBudget.Measurement largest;
        try {
            largest = budget.check(clean, stored);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("verification of " + folder + " failed: " + e.getMessage(), e);
        }
        PoisonedDataset measured = DatasetPoisoner.measure(clean, stored);
        Map<String, Object> record = new LinkedHashMap<>(extra);
        record.put("budget", budget.toString());
        record.put("budgetNorm", budget.norm().cliName());
        record.put("budgetRadius", budget.radius());
        record.put("images", clean.size());
        record.put("largestStoredNorm", largest.largest());
        record.put("storedMaxAbsDelta", measured.maxAbsDelta());
        record.put("storedLinf", measured.maxAbsDelta() / 255.0);
        record.put("meanL2", measured.meanL2());
        record.put("changedShare", measured.changedShare());
        record.put("poisonedSha256", DatasetDigest.sha256(stored));
        RunDirectory.create(folder, true).writeJson(MANIFEST, record);
        return measured;
    }
}
