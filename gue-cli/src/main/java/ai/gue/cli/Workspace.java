package ai.gue.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where the tool keeps its default folders: {@code data/} (dataset cache) and {@code runs/} (run
 * outputs) under the home the launcher passes as {@code -Dgue.home} (the repository root), or under
 * the working directory.
 */
final class Workspace {

    private Workspace() {}

    static Path home() {
        String home = System.getProperty("gue.home");
        return home == null || home.isBlank() ? Path.of("").toAbsolutePath() : Path.of(home);
    }

    /** The default dataset cache. */
    static Path defaultDataDir() {
        return home().resolve("data");
    }

    /** A fresh default run folder for {@code command}, stamped with the local time. */
    static Path defaultRunDir(String command) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return home().resolve("runs").resolve(command + "-" + stamp);
    }
}
