package ai.gue.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.gue.model.ConvolutionKernelCheck.ConvCase;
import ai.gue.model.ConvolutionKernelCheck.Reference;
import java.util.ArrayList;
import java.util.List;
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

    /** A reference on non-square images, checked against libtorch (under the tests' cap, which passes). */
    @Test
    void nonSquareImagesAreCheckedToo() {
        ConvCase rectangle = new ConvCase("3->5 3x3 stride 2 bias on 7x4", 2, 3, 5, 7, 4, 3, 2, 1, true);
        assertEquals(4, rectangle.outHeight());
        assertEquals(2, rectangle.outWidth());
        ConvolutionKernelCheck.Result result = ConvolutionKernelCheck.run(List.of(rectangle));
        assertTrue(result.passed(), result.mismatches()::toString);
    }

    /**
     * A network's cases are its distinct convolutions at the image sizes it gives each layer: the
     * fourth layer repeats the third's shape and is not listed again.
     */
    @Test
    void aNetworksCasesAreItsDistinctConvolutions() {
        SequentialBlock network = new SequentialBlock().add(Layers.conv(4, 3, 1, true)).add(Layers.conv(8, 3, 2, false))
                .add(Layers.conv(8, 3, 1, false)).add(Layers.conv(8, 3, 1, false)).add(Layers.conv(3, 1, 1, true));
        try (NDManager manager = NDManager.newBaseManager()) {
            network.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 8, 6));
            List<ConvCase> cases = ConvolutionKernelCheck.casesOf(network);
            assertEquals(List.of(new ConvCase("3->4 3x3 stride 1 bias on 8x6", 2, 3, 4, 8, 6, 3, 1, 1, true),
                    new ConvCase("4->8 3x3 stride 2 on 8x6", 2, 4, 8, 8, 6, 3, 2, 1, false),
                    new ConvCase("8->8 3x3 stride 1 on 4x3", 2, 8, 8, 4, 3, 3, 1, 1, false),
                    new ConvCase("8->3 1x1 stride 1 bias on 4x3", 2, 8, 3, 4, 3, 1, 1, 0, true)), cases);
        }
    }

    /**
     * verify refuses a network with a wrong convolution, naming it and the remedy, and does not remember
     * it; a right one is remembered and not run again. Shapes no other test builds, so that this JVM
     * has not verified them before.
     */
    @Test
    void verifyRefusesWrongConvolutionsAndRemembersRightOnes() {
        SequentialBlock network = new SequentialBlock().add(Layers.conv(7, 3, 1, false)).add(Layers.conv(5, 1, 1, true));
        try (NDManager manager = NDManager.newBaseManager()) {
            network.initialize(manager, DataType.FLOAT32, new Shape(1, 5, 6, 6));
            List<ConvCase> cases = ConvolutionKernelCheck.casesOf(network);
            assertEquals(2, cases.size());
            ConvolutionKernelCheck.WrongKernelsException refused = assertThrows(
                    ConvolutionKernelCheck.WrongKernelsException.class, () -> ConvolutionKernelCheck.verify(network,
                            c -> List.of(new ConvolutionKernelCheck.Mismatch(c.name(), 0, "input gradient", 0.5))));
            assertTrue(refused.getMessage().startsWith("5->7 3x3 stride 1 on 6x6 (call 1): input gradient off by 0.5"),
                    refused::getMessage);
            assertTrue(refused.getMessage().contains(ConvolutionKernelCheck.REMEDY), refused::getMessage);
            assertFalse(ConvolutionKernelCheck.isVerified(cases.get(0)));

            List<String> checked = new ArrayList<>();
            ConvolutionKernelCheck.verify(network, c -> {
                checked.add(c.name());
                return List.of();
            });
            assertEquals(List.of("5->7 3x3 stride 1 on 6x6", "7->5 1x1 stride 1 bias on 6x6"), checked);
            ConvolutionKernelCheck.verify(network, c -> {
                throw new AssertionError("checked again: " + c);
            });
        }
    }

    /** Every network gue builds through Initialization has its convolutions checked on this machine. */
    @Test
    void initializationChecksTheNetworksConvolutions() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block network = Initialization.initialize(
                    new SequentialBlock().add(Layers.conv(6, 3, 2, true)).add(Layers.conv(9, 3, 1, false)), manager,
                    new Shape(1, 3, 10, 10));
            for (ConvCase c : ConvolutionKernelCheck.casesOf(network)) {
                assertTrue(ConvolutionKernelCheck.isVerified(c), c::toString);
            }
        }
    }
}
