package ai.gue.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.gue.train.ConvolutionKernelCheck.ConvCase;
import ai.gue.train.ConvolutionKernelCheck.Reference;
import org.junit.jupiter.api.Test;

class ConvolutionKernelCheckTest {

    /**
     * One 3×3 image, one 3×3 kernel, padding 1: worked by hand. The centre output sees the whole image
     * (Σ w·x); the corner output (0,0) sees the lower-right 2×2 of the kernel over the upper-left 2×2
     * of the image. With r = 1 at (0,0) only, dL/dx is the kernel's lower-right 2×2 in the image's
     * upper-left corner, dL/dw is the image's upper-left 2×2 in the kernel's lower-right corner.
     */
    @Test
    void theReferenceIsTheTextbookConvolution() {
        ConvCase c = new ConvCase("hand", 1, 1, 1, 3, 3, 1, 1, true);
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] w = {1, 0, -1, 2, 0, -2, 1, 0, -1};
        float[] b = {0.5f};
        float[] r = new float[9];
        r[0] = 1;
        Reference reference = Reference.of(c, x, w, b, r);
        // centre: 1-3+2*(4-6)+7-9 = -8; corner (0,0): w[4]x[0]+w[5]x[1]+w[7]x[3]+w[8]x[4] = 0-4+0-5 = -9
        assertEquals(-8 + 0.5, reference.output()[4], 1e-12);
        assertEquals(-9 + 0.5, reference.output()[0], 1e-12);
        assertArrayEquals(new double[] {0, -2, 0, 0, -1, 0, 0, 0, 0}, reference.inputGradient(), 1e-12);
        assertArrayEquals(new double[] {0, 0, 0, 0, 1, 2, 0, 4, 5}, reference.weightGradient(), 1e-12);
        assertArrayEquals(new double[] {1}, reference.biasGradient(), 1e-12);
    }

    @Test
    void aNanOrAWrongValueIsCaughtAndRoundingIsNot() {
        double[] expected = {1.0, -2.0, 0.5};
        assertEquals(0, ConvolutionKernelCheck.relativeError(expected, new float[] {1f, -2f, 0.5f}), 1e-9);
        assertTrue(ConvolutionKernelCheck.relativeError(expected, new float[] {1f, -2.00001f, 0.5f})
                <= ConvolutionKernelCheck.TOLERANCE);
        assertEquals(0.25, ConvolutionKernelCheck.relativeError(expected, new float[] {1f, -2f, 1f}), 1e-9);
        assertEquals(Double.POSITIVE_INFINITY,
                ConvolutionKernelCheck.relativeError(expected, new float[] {1f, Float.NaN, 0.5f}));
        assertEquals(Double.POSITIVE_INFINITY, ConvolutionKernelCheck.relativeError(expected, new float[] {1f}));
    }

    /**
     * Every other test's numbers rest on this: the kernels libtorch runs in this JVM (the build sets
     * ONEDNN_MAX_CPU_ISA for the tests, see the root pom) compute the convolutions gue's networks use.
     */
    @Test
    void thisMachinesConvolutionKernelsMatchTheReference() {
        ConvolutionKernelCheck.Result result = ConvolutionKernelCheck.run();
        assertEquals(ConvolutionKernelCheck.CASES.size(), result.casesRun());
        assertTrue(result.passed(), () -> "ONEDNN_MAX_CPU_ISA=" + System.getenv("ONEDNN_MAX_CPU_ISA") + ": "
                + result.mismatches() + ". " + ConvolutionKernelCheck.REMEDY);
    }
}
