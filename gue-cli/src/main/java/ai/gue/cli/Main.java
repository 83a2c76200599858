package ai.gue.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Entry point of the {@code gue} command-line tool. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(out, err, args));
    }

    /**
     * Runs the tool with {@code args}, printing to {@code out} and {@code err}, and returns its exit
     * code: 0 success, 1 failure, 2 bad usage or input.
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        // The CPU libtorch ships as a jar on the classpath: DJL must never try to download an engine.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        CommandLine commandLine = new CommandLine(new GueCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(new ErrorReporter());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
