package ai.gue.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.types.Shape;
import ai.gue.data.ImageShape;
import org.junit.jupiter.api.Test;

class TensorShapesTest {

    /** A non-square, non-RGB image catches any swap of the axes: NCHW is channels, then height, then width. */
    private static final ImageShape TALL_GRAY = new ImageShape(1, 7, 5);

    @Test
    void sampleIsChannelsHeightWidth() {
        assertEquals(new Shape(1, 7, 5), TensorShapes.sample(TALL_GRAY));
    }

    @Test
    void batchPutsTheCountFirst() {
        assertEquals(new Shape(4, 1, 7, 5), TensorShapes.batch(4, TALL_GRAY));
        assertEquals(TALL_GRAY.pixelCount() * 4L, TensorShapes.batch(4, TALL_GRAY).size());
    }
}
