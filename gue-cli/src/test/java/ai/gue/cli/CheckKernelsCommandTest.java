package ai.gue.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.gue.model.ConvolutionKernelCheck;
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

    /**
     * --networks checks the presets' networks (the launcher's choice of kernels rests on it): the
     * cpu-short victim's first layer and the paper's 64-wide UNet's output layer among them, all right.
     */
    @Test
    void checksThePresetNetworksConvolutions() {
        CliRunner run = CliRunner.run("check-kernels", "--networks");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("| 3->16 3x3 stride 1 on 32x32 | 2×3×32×32 | 3×3, 1 | 0 of 4 |"), run::toString);
        assertTrue(run.out().contains("| 64->3 1x1 stride 1 bias on 32x32 |"), run::toString);
        assertTrue(run.out().contains("all convolutions match the reference"), run::toString);
    }
}
