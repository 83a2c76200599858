package ai.gue.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.gue.data.ImageDataset;
import ai.gue.data.ImageShape;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerturbationGridTest {

    /** Three 3x2x2 images, classes 1, 0, 1; the poisoned copy differs by known amounts, clamped at 0/255. */
    static final ImageShape SHAPE = new ImageShape(3, 2, 2);
    static final byte[] CLEAN = bytes(
            10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120,
            0, 255, 128, 1, 2, 3, 4, 5, 6, 7, 8, 9,
            200, 201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211);
    static final byte[] POISONED = bytes(
            18, 12, 30, 41, 50, 60, 70, 80, 90, 100, 110, 120,
            8, 247, 128, 0, 10, 3, 4, 5, 6, 7, 8, 1,
            200, 201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211);

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static ImageDataset dataset(String name, byte[] pixels) {
        return new ImageDataset(name, SHAPE, pixels, new int[] {1, 0, 1}, List.of("cat", "dog"));
    }

    @Test
    void amplifiedDifferenceIsCentredAtGreyAndClamped() {
        double a = PerturbationGrid.defaultAmplification(8);
        assertEquals(127.0 / 8, a, 1e-12);
        assertEquals(128, PerturbationGrid.amplifiedDifference(50, 50, a));
        assertEquals(255, PerturbationGrid.amplifiedDifference(10, 18, a), "+8 fills the range");
        assertEquals(1, PerturbationGrid.amplifiedDifference(20, 12, a), "-8: 128 - 127");
        assertEquals(144, PerturbationGrid.amplifiedDifference(40, 41, a), "128 + 15.875 rounds to 144");
        assertEquals(255, PerturbationGrid.amplifiedDifference(0, 255, 1.0), "clamp high");
        assertEquals(0, PerturbationGrid.amplifiedDifference(255, 0, 1.0), "clamp low");
    }

    @Test
    void firstOfEachClassInClassOrder() {
        ImageDataset clean = dataset("clean", CLEAN);
        assertArrayEquals(new int[] {1, 0}, PerturbationGrid.firstOfEachClass(clean, 10));
        assertArrayEquals(new int[] {1}, PerturbationGrid.firstOfEachClass(clean, 1));
    }

    @Test
    void everyPixelOfEveryRowIsExact() {
        ImageDataset clean = dataset("clean", CLEAN);
        ImageDataset poisoned = dataset("poisoned", POISONED);
        double amplification = PerturbationGrid.defaultAmplification(8);
        PerturbationGrid grid = new PerturbationGrid(new PerturbationGrid.Options(2, amplification, false));
        int[] indices = {0, 1};
        BufferedImage image = grid.render(clean, poisoned, indices);
        PerturbationGrid.Layout layout = grid.layout(SHAPE, 2);
        assertEquals(layout.width(), image.getWidth());
        assertEquals(layout.height(), image.getHeight());
        assertEquals(2 + 2 * (4 + 2), layout.width());
        assertEquals(2 + 3 * (4 + 2), layout.height());
        for (int column = 0; column < 2; column++) {
            int index = indices[column];
            for (int row = 0; row < 3; row++) {
                for (int y = 0; y < 2; y++) {
                    for (int x = 0; x < 2; x++) {
                        int[] expected = new int[3];
                        for (int c = 0; c < 3; c++) {
                            int k = index * 12 + c * 4 + y * 2 + x;
                            int before = CLEAN[k] & 0xFF;
                            int after = POISONED[k] & 0xFF;
                            expected[c] = row == 0 ? before : row == 1 ? after
                                    : PerturbationGrid.amplifiedDifference(before, after, amplification);
                        }
                        for (int dy = 0; dy < 2; dy++) {
                            for (int dx = 0; dx < 2; dx++) {
                                int rgb = image.getRGB(layout.cellX(column) + 2 * x + dx, layout.cellY(row) + 2 * y + dy);
                                assertArrayEquals(expected, new int[] {rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF},
                                        "image " + index + " row " + row + " pixel (" + y + ", " + x + ")");
                            }
                        }
                    }
                }
            }
        }
        // Spot checks by hand: image 1, pixel (0, 1): red 255 -> 247 (-8), green 3 -> 3, blue 7 -> 7.
        int rgb = image.getRGB(layout.cellX(1) + 2, layout.cellY(2));
        assertEquals(1, rgb >> 16 & 0xFF);
        assertEquals(128, rgb >> 8 & 0xFF);
        assertEquals(128, rgb & 0xFF);
        assertEquals(0xFFFFFF, image.getRGB(0, 0) & 0xFFFFFF, "background is white");
    }

    @Test
    void labelledGridIsWrittenAsPng(@TempDir Path dir) throws Exception {
        ImageDataset clean = dataset("clean", CLEAN);
        PerturbationGrid grid = new PerturbationGrid(PerturbationGrid.Options.forMaxPixelDelta(8));
        Path png = dir.resolve("grid.png");
        grid.write(clean, dataset("poisoned", POISONED), new int[] {0, 1, 2}, png, false);
        BufferedImage read = ImageIO.read(png.toFile());
        PerturbationGrid.Layout layout = grid.layout(SHAPE, 3);
        assertEquals(layout.width(), read.getWidth());
        assertEquals(layout.height(), read.getHeight());
        assertEquals(clean.pixel(0, 0, 0, 0), read.getRGB(layout.cellX(0), layout.cellY(0)) >> 16 & 0xFF);
        assertTrue(Pictures.distinctColours(read) > 10, "labels and images drawn");
        assertThrows(java.nio.file.FileAlreadyExistsException.class,
                () -> grid.write(clean, dataset("poisoned", POISONED), new int[] {0}, png, false));
        assertTrue(Files.size(png) > 0);
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        ImageDataset clean = dataset("clean", CLEAN);
        PerturbationGrid grid = new PerturbationGrid(PerturbationGrid.Options.forMaxPixelDelta(8));
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> grid.render(clean, clean, new int[] {3}));
        assertTrue(range.getMessage().contains("index 3"), range.getMessage());
        ImageDataset other = new ImageDataset("other", new ImageShape(3, 1, 4), CLEAN, new int[] {1, 0, 1},
                List.of("cat", "dog"));
        assertThrows(IllegalArgumentException.class, () -> grid.render(clean, other, new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> new PerturbationGrid.Options(0, 1, true));
    }
}
