package ai.gue.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.gue.data.ImageDataset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RandomNoisePoisonTest {

    @ParameterizedTest
    @EnumSource(NoiseDistribution.class)
    void everyStoredByteIsWithinTheBudgetAndTheSeedFixesTheBytes(NoiseDistribution distribution) {
        ImageDataset clean = DatasetPoisonerTest.random(50, 7); // holds many 0 and 255 values: clamping matters
        for (double levels : new double[] {8, 4, 2.5}) {
            Budget budget = Budget.linf(levels);
            int m = budget.maxPixelDelta();
            PoisonedDataset a = new RandomNoisePoison(budget, distribution, 11).apply(clean, "a");
            PoisonedDataset b = new RandomNoisePoison(budget, distribution, 11).apply(clean, "b");
            PoisonedDataset c = new RandomNoisePoison(budget, distribution, 12).apply(clean, "c");
            byte[] x = clean.pixels();
            byte[] y = a.dataset().pixels();
            int[] seen = new int[2 * m + 1];
            for (int k = 0; k < x.length; k++) {
                int before = x[k] & 0xFF;
                int delta = (y[k] & 0xFF) - before;
                assertTrue(Math.abs(delta) <= m, "pixel " + k + " moved by " + delta);
                boolean clamped = before + delta == 0 || before + delta == 255;
                if (distribution == NoiseDistribution.SIGN && !clamped) {
                    assertEquals(m, Math.abs(delta), "sign noise uses the full budget at pixel " + k);
                }
                seen[delta + m]++;
            }
            assertEquals(m, a.maxAbsDelta());
            assertArrayEquals(y, b.dataset().pixels(), "same seed, same bytes");
            assertFalse(java.util.Arrays.equals(y, c.dataset().pixels()), "another seed, other bytes");
            assertArrayEquals(clean.labels(), a.dataset().labels());
            if (distribution == NoiseDistribution.UNIFORM) {
                for (int d = 0; d < seen.length; d++) {
                    assertTrue(seen[d] > 0, "uniform noise reaches change " + (d - m));
                }
            } else {
                assertTrue(seen[0] > x.length / 3 && seen[2 * m] > x.length / 3, "both signs, about half each");
            }
        }
    }
}
