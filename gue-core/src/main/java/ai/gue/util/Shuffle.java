package ai.gue.util;

import java.util.SplittableRandom;

/** The one Fisher-Yates shuffle the seeded orders use, so that a seed means the same order everywhere. */
public final class Shuffle {

    private Shuffle() {}

    /** Shuffles {@code values} in place: for i from the end down to 1, swap i with a uniform j ≤ i. */
    public static void inPlace(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
