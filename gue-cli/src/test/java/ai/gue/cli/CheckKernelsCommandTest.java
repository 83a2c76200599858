package ai.gue.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.gue.train.ConvolutionKernelCheck;
import org.junit.jupiter.api.Test;

class CheckKernelsCommandTest {

    /** Under the tests' oneDNN cap (root pom) every case matches, every call, and the table says so. */
    @Test
    void listsEveryCaseAndPassesUnderTheTestsCap() {
        CliRunner run = CliRunner.run("check-kernels");
        assertEquals(0, run.exitCode(), run::toString);
        for (ConvolutionKernelCheck.ConvCase c : ConvolutionKernelCheck.CASES) {
            assertTrue(run.out().contains("| " + c.name() + " |"), () -> c.name() + " listed\n" + run);
        }
        assertEquals(ConvolutionKernelCheck.CASES.size(), run.out().split("\\| 0 of 4 \\|", -1).length - 1, run::toString);
        assertTrue(run.out().contains("all convolutions match the reference"), run::toString);
        assertTrue(CliRunner.run("check-kernels", "--quiet").out().isEmpty());
    }
}
