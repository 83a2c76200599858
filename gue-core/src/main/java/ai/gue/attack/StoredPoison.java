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
     * in-memory {@code poisoned} images; writes {@value #MANIFEST} with {@code extra} entries first.
     *
     * @return the stored images with their measured perturbation
     * @throws IllegalStateException if a stored pixel exceeds the budget or the bytes differ
     */
    public static PoisonedDataset verifyAndRecord(Path folder, ImageDataset clean, PoisonedDataset poisoned,
            Budget budget, Path generatorFolder, Map<String, Object> extra) throws IOException {
        ImageDataset stored = DatasetLoader.load(folder).train();
        PoisonedDataset measured = DatasetPoisoner.measure(clean, stored);
        if (measured.maxAbsDelta() > budget.maxPixelDelta() || !stored.sameContent(poisoned.dataset())) {
            throw new IllegalStateException("verification of " + folder + " failed: stored L-inf "
                    + measured.maxAbsDelta() + "/255 against budget " + budget
                    + ", or the stored images differ from the poisoned ones");
        }
        Map<String, Object> record = new LinkedHashMap<>(extra);
        record.put("generator", generatorFolder.toAbsolutePath().toString());
        record.put("budget", budget.toString());
        record.put("images", clean.size());
        record.put("storedMaxAbsDelta", measured.maxAbsDelta());
        record.put("storedLinf", measured.maxAbsDelta() / 255.0);
        record.put("meanL2", measured.meanL2());
        record.put("changedShare", measured.changedShare());
        record.put("poisonedSha256", DatasetDigest.sha256(stored));
        RunDirectory.create(folder, true).writeJson(MANIFEST, record);
        return measured;
    }
}
