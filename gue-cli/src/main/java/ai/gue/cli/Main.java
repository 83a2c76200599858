package ai.gue.cli;

import ai.gue.train.ConvolutionKernelCheck;
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
        commandLine.setExecutionStrategy(Main::checkKernelsThenRun);
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * Runs the chosen command, first checking libtorch's convolution kernels when the command computes
     * with them: a wrong kernel gives wrong numbers without any error (see {@link ConvolutionKernelCheck}).
     */
    private static int checkKernelsThenRun(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult last = parseResult;
        boolean helpOnly = last.isUsageHelpRequested() || last.isVersionHelpRequested();
        while (last.hasSubcommand()) {
            last = last.subcommand();
            helpOnly |= last.isUsageHelpRequested() || last.isVersionHelpRequested();
        }
        if (!helpOnly && last.commandSpec().userObject() instanceof ComputesWithLibtorch) {
            ConvolutionKernelCheck.Result check = ConvolutionKernelCheck.run();
            if (!check.passed()) {
                var err = last.commandSpec().commandLine().getErr();
                err.println("gue: error: " + ConvolutionKernelCheck.REMEDY);
                err.println("gue: first wrong quantity: " + check.mismatches().get(0) + " ("
                        + check.mismatches().size() + " in all; `gue check-kernels` lists them)");
                return ErrorReporter.FAILURE;
            }
        }
        return new CommandLine.RunLast().execute(parseResult);
    }
}
