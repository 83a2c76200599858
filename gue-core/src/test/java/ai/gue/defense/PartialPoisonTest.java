package ai.gue.defense;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.gue.data.ImageDataset;
import ai.gue.data.ImageShape;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A poison ratio below 1 takes exactly that share of images from the poisoned copy, seeded. */
class PartialPoisonTest {

    private static ImageDataset constant(String name, int n, int value) {
        byte[] pixels = new byte[n * 12];
        Arrays.fill(pixels, (byte) value);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
        }
        return new ImageDataset(name, new ImageShape(3, 2, 2), pixels, labels, List.of("a", "b"));
    }

    @Test
    void theRatioOfImagesComesFromThePoisonedCopy() {
        ImageDataset clean = constant("clean", 200, 1);
        ImageDataset poisoned = constant("poisoned", 200, 2);
        ImageDataset mixed = PartialPoison.mix(clean, poisoned, 0.8, 7);
        int fromPoison = 0;
        for (int i = 0; i < 200; i++) {
            byte[] image = mixed.image(i);
            boolean all2 = true;
            boolean all1 = true;
            for (byte b : image) {
                all2 &= b == 2;
                all1 &= b == 1;
            }
            assertEquals(true, all1 || all2, "whole images only, image " + i);
            fromPoison += all2 ? 1 : 0;
        }
        assertEquals(160, fromPoison);
        assertArrayEquals(clean.labels(), mixed.labels());
        assertArrayEquals(mixed.pixels(), PartialPoison.mix(clean, poisoned, 0.8, 7).pixels(), "seeded");
        assertFalse(Arrays.equals(mixed.pixels(), PartialPoison.mix(clean, poisoned, 0.8, 8).pixels()));
        assertArrayEquals(clean.pixels(), PartialPoison.mix(clean, poisoned, 0, 7).pixels());
        assertArrayEquals(poisoned.pixels(), PartialPoison.mix(clean, poisoned, 1, 7).pixels());
    }

    @Test
    void mismatchedSetsAndRatiosAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> PartialPoison.mix(constant("c", 10, 1), constant("p", 12, 2), 0.5, 0));
        assertThrows(IllegalArgumentException.class,
                () -> PartialPoison.mix(constant("c", 10, 1), constant("p", 10, 2), 1.5, 0));
        assertThrows(IllegalArgumentException.class,
                () -> PartialPoison.mix(constant("c", 10, 1), constant("p", 10, 2), Double.NaN, 0));
    }
}
