package ai.gue.cli;

import ai.gue.data.FetchListener;
import ai.gue.data.FetchSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** Prints what the CIFAR-10 fetcher does, one line per event. */
final class FetchProgress implements FetchListener {

    private final PrintWriter out;

    FetchProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void cacheHit(Path folder) {
        out.println("CIFAR-10 cache verified: " + folder);
        out.flush();
    }

    @Override
    public void cacheInvalid(Path file, String reason) {
        out.println("discarding cached " + file + ": " + reason);
        out.flush();
    }

    @Override
    public void sourceStarted(FetchSource source, String detail) {
        out.println("fetching CIFAR-10 from " + source.name().toLowerCase(Locale.ROOT) + ": " + detail);
        out.flush();
    }

    @Override
    public void sourceFailed(FetchSource source, Exception cause, boolean fallingBack) {
        out.println(source.name().toLowerCase(Locale.ROOT) + " source failed: " + cause.getMessage()
                + (fallingBack ? " (trying the next source)" : ""));
        out.flush();
    }

    @Override
    public void fileVerified(Path file, String md5) {
        out.println("  verified " + file.getFileName() + " md5 " + md5);
        out.flush();
    }
}
