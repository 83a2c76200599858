package ai.gue.defense;

import ai.gue.data.ImageDataset;
import ai.gue.data.ImageShape;

/**
 * A deterministic per-image transform of 8-bit images (planar C, H, W), applied to a whole dataset
 * before training. Labels, order and class names are kept.
 */
public interface ImageFilter {

    /** Leaves images as they are. */
    ImageFilter IDENTITY = new ImageFilter() {
        @Override
        public void filter(byte[] source, int offset, ImageShape shape, byte[] target) {
            System.arraycopy(source, offset, target, offset, shape.pixelCount());
        }

        @Override
        public String describe() {
            return "no defense";
        }
    };

    /**
     * Writes the filtered image that starts at {@code offset} of {@code source} to the same place
     * of {@code target}.
     */
    void filter(byte[] source, int offset, ImageShape shape, byte[] target);

    /** One line for reports: the filter and its settings. */
    String describe();

    /** The filtered copy of {@code dataset}, called {@code name}. */
    default ImageDataset apply(ImageDataset dataset, String name) {
        byte[] filtered = new byte[dataset.pixels().length];
        int perImage = dataset.shape().pixelCount();
        for (int i = 0; i < dataset.size(); i++) {
            filter(dataset.pixels(), i * perImage, dataset.shape(), filtered);
        }
        return new ImageDataset(name, dataset.shape(), filtered, dataset.labels(), dataset.classNames());
    }
}
