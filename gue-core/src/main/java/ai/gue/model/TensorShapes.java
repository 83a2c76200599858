package ai.gue.model;

import ai.djl.ndarray.types.Shape;
import ai.gue.data.ImageShape;

/**
 * The DJL shapes of image tensors in the networks' NCHW order. {@link ImageShape} stays free of DJL
 * (the data package reads and writes files only), so the conversion lives here.
 */
public final class TensorShapes {

    private TensorShapes() {
    }

    /** One image without a batch axis: (channels, height, width), the input shape a network is specified with. */
    public static Shape sample(ImageShape image) {
        return new Shape(image.channels(), image.height(), image.width());
    }

    /** A batch of {@code count} images: (count, channels, height, width). */
    public static Shape batch(long count, ImageShape image) {
        return new Shape(count, image.channels(), image.height(), image.width());
    }
}
