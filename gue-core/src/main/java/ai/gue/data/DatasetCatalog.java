package ai.gue.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Resolves what a user types for a dataset: a known name ({@code cifar10}, fetched into the cache
 * on first use and verified) or a path to any format {@link DatasetLoader} reads.
 */
public final class DatasetCatalog {

    /** The name of the real CIFAR-10, served from the cache. */
    public static final String CIFAR10 = "cifar10";

    private final Path cacheRoot;
    private final FetchSource fetchSource;
    private final Cifar10FetchConfig fetchConfig;

    /**
     * @param cacheRoot   the folder holding fetched datasets ({@code <cacheRoot>/cifar10/})
     * @param fetchSource where to fetch CIFAR-10 from when the cache lacks it
     * @param fetchConfig how to reach the sources
     */
    public DatasetCatalog(Path cacheRoot, FetchSource fetchSource, Cifar10FetchConfig fetchConfig) {
        this.cacheRoot = cacheRoot;
        this.fetchSource = fetchSource;
        this.fetchConfig = fetchConfig;
    }

    /** The cache folder of CIFAR-10's verified binary batches. */
    public Path cifar10Folder() {
        return cacheRoot.resolve(CIFAR10);
    }

    /** Fetches (or re-verifies) CIFAR-10 into the cache and returns its folder. */
    public Path fetchCifar10(FetchListener listener) throws IOException {
        return new Cifar10Fetcher(fetchConfig).fetch(cifar10Folder(), fetchSource, listener);
    }

    /**
     * Loads {@code spec}: {@code cifar10} (fetched if needed) or a path.
     *
     * @throws IllegalArgumentException if the spec is neither a known name nor an existing path
     */
    public LoadedDataset load(String spec, FetchListener listener) throws IOException {
        if (CIFAR10.equalsIgnoreCase(spec)) {
            Path folder = fetchCifar10(listener);
            DatasetPair pair = CifarBinaryFormat.readCifar10Folder(folder);
            return new LoadedDataset(folder, DatasetFormat.CIFAR10_FOLDER, pair.train(), Optional.of(pair.test()));
        }
        Path path = Path.of(spec);
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("dataset '" + spec + "' is neither a known name (" + CIFAR10
                    + ") nor an existing file or folder");
        }
        return DatasetLoader.load(path);
    }
}
