package ai.gue.cli;

import picocli.CommandLine;

/** Entry point of the {@code gue} command-line tool. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the tool with {@code args} and returns its exit code (0 success, 1 failure, 2 bad usage). */
    public static int run(String... args) {
        // The CPU libtorch ships as a jar on the classpath: DJL must never try to download an engine.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        CommandLine commandLine = new CommandLine(new GueCommand());
        commandLine.setExecutionExceptionHandler(new ErrorReporter());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine.execute(args);
    }
}
