package ai.gue.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.gue.model.ConvolutionKernelCheck;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class ErrorReporterTest {

    @Command(name = "probe")
    static final class Probe implements Runnable {
        @Override
        public void run() {}
    }

    /**
     * A network refused by the kernel check is the machine's problem with a known remedy, not a bug:
     * one line with the message (which carries the remedy), no stack trace, exit code 1.
     */
    @Test
    void wrongKernelsAreReportedAsOneLineWithTheRemedy() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new Probe());
        commandLine.setErr(new PrintWriter(err, true));
        String message = "3->8 3x3 stride 1 on 32x32 (call 1): input gradient off by 0.5 of its scale. "
                + ConvolutionKernelCheck.REMEDY;
        int code = new ErrorReporter().handleExecutionException(
                new ConvolutionKernelCheck.WrongKernelsException(message), commandLine, null);
        assertEquals(ErrorReporter.FAILURE, code);
        assertEquals("gue: error: " + message + System.lineSeparator(), err.toString());
        assertFalse(err.toString().contains("internal error"));
    }
}
