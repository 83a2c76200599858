package ai.gue.data;

/**
 * The shape of one image: channels, height, width. Pixels are stored planar (channel-major,
 * then row-major), which is CIFAR's on-disk order and the NCHW order of the networks.
 */
public record ImageShape(int channels, int height, int width) {

    /** CIFAR-10/100 and SVHN images: 3 x 32 x 32. */
    public static final ImageShape CIFAR = new ImageShape(3, 32, 32);

    public ImageShape {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException(
                    "image shape must be positive, got " + channels + "x" + height + "x" + width);
        }
    }

    /** Number of bytes one image occupies. */
    public int pixelCount() {
        return channels * height * width;
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
