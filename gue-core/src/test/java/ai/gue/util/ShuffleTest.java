package ai.gue.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShuffleTest {

    @Test
    void aSeedGivesOnePermutation() {
        int[] a = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        int[] b = a.clone();
        Shuffle.inPlace(a, new SplittableRandom(7));
        Shuffle.inPlace(b, new SplittableRandom(7));
        assertArrayEquals(a, b, "same seed, same order");
        assertFalse(Arrays.equals(a, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}), "a ten-element shuffle moved something");
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, sorted, "a permutation");
    }
}
