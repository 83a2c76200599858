package ai.gue.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Uploads copy the values into libtorch's memory: later uploads through the same staging buffer leave them alone. */
class HostUploadTest {

    @Test
    void valuesShapesAndTypesSurviveLaterUploads() {
        HostUpload upload = new HostUpload();
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] first = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f};
            NDArray images = upload.floats(manager, first, new Shape(1, 2, 3));
            NDArray labels = upload.ints(manager, new int[] {7, 3});
            NDArray larger = upload.floats(manager, new float[100]); // grows the staging buffer
            NDArray weights = upload.floats(manager, new float[] {0.25f});
            assertEquals(new Shape(1, 2, 3), images.getShape());
            assertEquals(DataType.FLOAT32, images.getDataType());
            assertEquals(DataType.INT32, labels.getDataType());
            assertArrayEquals(first, images.toFloatArray(), 0f, "not overwritten by the later uploads");
            assertArrayEquals(new int[] {7, 3}, labels.toIntArray());
            assertEquals(100, larger.size());
            assertArrayEquals(new float[] {0.25f}, weights.toFloatArray(), 0f);
            assertArrayEquals(manager.create(first, new Shape(1, 2, 3)).toFloatArray(), images.toFloatArray(), 0f,
                    "the same values as DJL's own create");
        }
    }

    @Test
    void valuesThatDoNotFillTheShapeAreRefused() {
        HostUpload upload = new HostUpload();
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThrows(IllegalArgumentException.class, () -> upload.floats(manager, new float[5], new Shape(2, 3)));
        }
    }
}
