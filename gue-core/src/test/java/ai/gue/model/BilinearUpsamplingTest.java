package ai.gue.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.engine.Engine;
import ai.gue.testing.NativeMemoryChurn;
import org.junit.jupiter.api.Test;

class BilinearUpsamplingTest {
    private static final float TOL = 1e-6f;

    /**
     * 2×2 → 4×4 with align_corners: source row/column of output d is d/3, so the interpolation matrix
     * rows are [1, 0], [2/3, 1/3], [1/3, 2/3], [0, 1]. For [[1, 2], [3, 4]] (what PyTorch's
     * F.interpolate(..., scale_factor=2, mode='bilinear', align_corners=True) returns):
     */
    @Test
    void twoByTwoMatchesHandComputedValues() {
        float t = 1f / 3;
        float[] expected = {
            1, 1 + t, 1 + 2 * t, 2,
            1 + 2 * t, 2, 2 + t, 2 + 2 * t,
            2 + t, 2 + 2 * t, 3, 3 + t,
            3, 3 + t, 3 + 2 * t, 4,
        };
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
            NDArray y = BilinearUpsampling.upsample2x(x);
            assertEquals(new Shape(1, 1, 4, 4), y.getShape());
            assertArrayEquals(expected, y.toFloatArray(), TOL);
            assertSame(manager, y.getManager(), "the result belongs to the input's manager");
        }
    }

    @Test
    void interpolationMatrixRows() {
        float t = 1f / 3;
        assertArrayEquals(new float[] {1, 0, 2 * t, t, t, 2 * t, 0, 1}, BilinearUpsampling.weights(2, 4), TOL);
        // 3 → 6: sources 0, 0.4, 0.8, 1.2, 1.6, 2
        assertArrayEquals(new float[] {1, 0, 0, 0.6f, 0.4f, 0, 0.2f, 0.8f, 0, 0, 0.8f, 0.2f, 0, 0.4f, 0.6f, 0, 0, 1},
                BilinearUpsampling.weights(3, 6), TOL);
        // 1 → 2 copies; an odd target pads one zero row at the end
        assertArrayEquals(new float[] {1, 1}, BilinearUpsampling.weights(1, 2), TOL);
        assertArrayEquals(new float[] {1, 0, 2 * t, t, t, 2 * t, 0, 1, 0, 0}, BilinearUpsampling.weights(2, 5), TOL);
        assertThrows(IllegalArgumentException.class, () -> BilinearUpsampling.weights(3, 5));
    }

    @Test
    void channelsAndBatchAreUpsampledIndependentlyAndGradientsFlow() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.arange(2 * 3 * 2 * 3f).reshape(2, 3, 2, 3);
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = BilinearUpsampling.upsample2x(x, 5, 6);
                assertEquals(new Shape(2, 3, 5, 6), y.getShape());
                // corners are copied exactly; the padded last row is zero
                assertEquals(x.getFloat(1, 2, 1, 2), y.getFloat(1, 2, 3, 5), TOL);
                assertEquals(x.getFloat(1, 2, 0, 0), y.getFloat(1, 2, 0, 0), TOL);
                assertEquals(0f, y.get("1,2,4,:").abs().sum().getFloat(), TOL);
                collector.backward(y.sum());
            }
            // d sum(y) / d x[i][j] = (column i sum of A_h) × (column j sum of A_w) = 2 × {1.8, 2.4, 1.8}
            float[] expected = new float[2 * 3 * 2 * 3];
            for (int k = 0; k < expected.length; k++) {
                expected[k] = k % 3 == 1 ? 4.8f : 3.6f;
            }
            assertArrayEquals(expected, x.getGradient().toFloatArray(), 1e-5f);
        }
    }

    /**
     * The backward pass must not depend on memory the Java side may free. DJL backs an array made
     * from a Java array ({@code manager.create(float[])}) with a direct buffer that lives only as long
     * as the Java array object is open; PyTorch's graph keeps the tensor (not the buffer) for the
     * backward pass. Closing the interpolation matrices right after the forward pass, as this class
     * once did, let the garbage collector free memory the graph still read: gradients through the
     * UNet's decoder were silently wrong whenever a collection fell between forward and backward
     * (two non-reproducible game-step test failures in session 4). Here the collection is forced and
     * the freed blocks are overwritten before the backward pass.
     */
    @Test
    void gradientsAreRightEvenWhenTheGarbageCollectorRunsBetweenForwardAndBackward() {
        float[] reference = upsampleGradient(false);
        for (int attempt = 0; attempt < 3; attempt++) {
            assertArrayEquals(reference, upsampleGradient(true), 1e-6f, "attempt " + attempt);
        }
    }

    /** d Σ(w ⊙ upsample(x)) / dx for a fixed x and w, optionally collecting garbage in between. */
    private static float[] upsampleGradient(boolean collectInBetween) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.arange(3 * 5 * 7f).reshape(1, 3, 5, 7).duplicate();
            NDArray w = manager.arange(3 * 10 * 14f).reshape(1, 3, 10, 14).duplicate();
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray loss = BilinearUpsampling.upsample2x(x).mul(w).sum();
                if (collectInBetween) {
                    NativeMemoryChurn.collectAndOverwrite();
                }
                collector.backward(loss);
            }
            return x.getGradient().toFloatArray();
        }
    }
}
