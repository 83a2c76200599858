package ai.gue.util;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The git commit the tool was built from, recorded at build time into {@code ai/gue/build.properties}
 * (the launcher and CI fill it in); "unknown" when built outside a git checkout.
 */
public final class GitCommit {

    private GitCommit() {}

    /** The commit hash, with "-dirty" if the tree had uncommitted changes, or "unknown". */
    public static String current() {
        try (InputStream in = GitCommit.class.getResourceAsStream("/ai/gue/build.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String commit = properties.getProperty("git.commit", "").trim();
            return commit.isEmpty() || commit.startsWith("${") ? "unknown" : commit;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
