package ai.gue.cli;

import ai.gue.data.DataFormatException;
import ai.gue.model.ConvolutionKernelCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Turns the library's exceptions into one clear line on stderr and an exit code: bad input and
 * I/O problems are the user's to fix and need no stack trace; anything else is a bug and gets one.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

    /** Exit code for input the user must fix. */
    static final int BAD_INPUT = 2;
    /** Exit code for a failed run. */
    static final int FAILURE = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        var err = commandLine.getErr();
        if (e instanceof DataFormatException) {
            // The message names the file, the record and what was expected.
            err.println("gue: error: " + e.getMessage());
            return BAD_INPUT;
        }
        if (e instanceof IllegalArgumentException) {
            err.println("gue: error: " + e.getMessage());
            return BAD_INPUT;
        }
        if (e instanceof FileAlreadyExistsException f) {
            err.println("gue: error: " + f.getFile() + ": " + (f.getReason() != null ? f.getReason() : "already exists"));
            return BAD_INPUT;
        }
        if (e instanceof NoSuchFileException f) {
            err.println("gue: error: no such file: " + f.getFile());
            return BAD_INPUT;
        }
        if (e instanceof ConvolutionKernelCheck.WrongKernelsException) {
            // The message names the wrong convolution and the remedy (an environment variable to set).
            err.println("gue: error: " + e.getMessage());
            return FAILURE;
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            err.println("gue: error: " + e.getMessage()
                    + (e.getCause() != null && e.getCause() != e ? " (" + e.getCause().getMessage() + ")" : ""));
            return FAILURE;
        }
        err.println("gue: internal error (please report):");
        e.printStackTrace(err);
        return FAILURE;
    }
}
