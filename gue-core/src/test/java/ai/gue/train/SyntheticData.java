package ai.gue.train;

import ai.gue.data.ImageDataset;
import ai.gue.data.ImageShape;
import java.util.List;
import java.util.SplittableRandom;

/** Learnable synthetic images for fast training tests. */
final class SyntheticData {

    private SyntheticData() {}

    /**
     * Two classes of 3x16x16 noisy images: class 0 is brighter in the top half, class 1 in the
     * bottom half. A small CNN separates them in a few epochs; a broken trainer does not.
     */
    static ImageDataset halves(String name, int size, long seed) {
        ImageShape shape = new ImageShape(3, 16, 16);
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[size * shape.pixelCount()];
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            labels[i] = i % 2;
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 16; y++) {
                    boolean bright = (y < 8) == (labels[i] == 0);
                    for (int x = 0; x < 16; x++) {
                        int value = (bright ? 150 : 90) + random.nextInt(-60, 61);
                        pixels[i * shape.pixelCount() + (c * 16 + y) * 16 + x] = (byte) value;
                    }
                }
            }
        }
        return new ImageDataset(name, shape, pixels, labels, List.of("top", "bottom"));
    }
}
