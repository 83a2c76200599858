package ai.gue.util;

import ai.djl.engine.Engine;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Provenance of one run, written next to its outputs: what ran, on what, with which inputs and
 * seeds, and when.
 *
 * @param tool          tool name and version
 * @param gitCommit     commit of the source tree the tool was built from ("unknown" outside git)
 * @param command       the command that ran (e.g. "evaluate")
 * @param java          Java runtime version and vendor
 * @param os            operating system, version and architecture
 * @param djl           DJL version
 * @param engine        deep-learning engine and its version (e.g. "PyTorch 2.7.1")
 * @param device        device the tensors lived on
 * @param cpuCores      processors available to the JVM
 * @param seeds         named seeds of the run
 * @param inputs        input name to SHA-256 of its content
 * @param started       start time (UTC, ISO-8601)
 * @param finished      end time (UTC, ISO-8601), null while running
 */
public record RunManifest(String tool, String gitCommit, String command, String java, String os, String djl,
        String engine, String device, int cpuCores, Map<String, Long> seeds, Map<String, String> inputs,
        String started, String finished) {

    /** The tool's version string. */
    public static final String TOOL = "gue 0.1.0-SNAPSHOT";

    public RunManifest {
        seeds = Map.copyOf(new TreeMap<>(seeds));
        inputs = Map.copyOf(new TreeMap<>(inputs));
    }

    /** A manifest for a run starting now, describing this JVM and engine. */
    public static RunManifest start(String command, Map<String, Long> seeds, Map<String, String> inputs) {
        Engine engine = Engine.getInstance();
        return new RunManifest(TOOL, GitCommit.current(), command,
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                Engine.getDjlVersion(), engine.getEngineName() + " " + engine.getVersion(),
                engine.defaultDevice().toString(), Runtime.getRuntime().availableProcessors(), seeds, inputs,
                Instant.now().toString(), null);
    }

    /** This manifest with the finish time set to now. */
    public RunManifest finish() {
        return new RunManifest(tool, gitCommit, command, java, os, djl, engine, device, cpuCores, seeds, inputs,
                started, Instant.now().toString());
    }
}
