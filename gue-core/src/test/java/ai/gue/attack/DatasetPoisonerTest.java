package ai.gue.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.gue.data.ImageDataset;
import ai.gue.data.ImageShape;
import ai.gue.model.Initialization;
import ai.gue.model.UNetGenerator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DatasetPoisonerTest {

    static ImageDataset random(int n, long seed) {
        ImageShape shape = new ImageShape(3, 8, 8);
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[n * shape.pixelCount()];
        for (int i = 0; i < pixels.length; i++) {
            // include the extremes, where clamping to [0, 255] matters
            int r = random.nextInt(10);
            pixels[i] = (byte) (r == 0 ? 0 : r == 1 ? 255 : random.nextInt(256));
        }
        int[] labels = new int[n];
        return new ImageDataset("random", shape, pixels, labels, List.of("only", "other"));
    }

    /** For randomly initialised generators (BatchNorm then tanh: many outputs near ±1) every stored pixel is within ε. */
    @ParameterizedTest
    @ValueSource(doubles = {8, 4, 2.5, 16})
    void everyStoredPixelIsWithinTheBudget(double levels) {
        Budget budget = Budget.linf(levels);
        ImageDataset clean = random(20, (long) levels);
        for (int seed = 0; seed < 3; seed++) {
            Engine.getInstance().setRandomSeed(seed);
            try (NDManager manager = NDManager.newBaseManager()) {
                Block generator = Initialization.initialize(UNetGenerator.build(3, 2), manager, new Shape(1, 3, 8, 8));
                PoisonedDataset poisoned = new DatasetPoisoner(7).apply(new GeneratorPoison(generator, budget), clean,
                        manager, "poisoned");
                assertTrue(poisoned.maxAbsDelta() <= budget.maxPixelDelta(),
                        "max |x' − x| = " + poisoned.maxAbsDelta() + " > " + budget.maxPixelDelta());
                byte[] a = clean.pixels();
                byte[] b = poisoned.dataset().pixels();
                for (int k = 0; k < a.length; k++) {
                    assertTrue(Math.abs((a[k] & 0xFF) - (b[k] & 0xFF)) / 255.0 <= budget.epsilon() + 1e-12,
                            "pixel " + k);
                }
                assertArrayEquals(clean.labels(), poisoned.dataset().labels());
                assertTrue(poisoned.changedShare() > 0, "the generator changes something");
            }
        }
    }

    /**
     * With batch statistics the generator normalises each batch by itself (as in the game), so a
     * freshly initialised UNet, whose running statistics are still the defaults, gives another
     * perturbation than in inference mode; both respect the budget.
     */
    @Test
    void batchStatisticsModeDiffersFromInferenceModeAndKeepsTheBudget() {
        Budget budget = Budget.linf(8);
        ImageDataset clean = random(20, 4);
        Engine.getInstance().setRandomSeed(1);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block generator = Initialization.initialize(UNetGenerator.build(3, 2), manager, new Shape(1, 3, 8, 8));
            GeneratorPoison poison = new GeneratorPoison(generator, budget);
            PoisonedDataset inference = new DatasetPoisoner(10).apply(poison, clean, manager, "inference");
            PoisonedDataset batch = new DatasetPoisoner(10, true).apply(poison, clean, manager, "batch");
            assertTrue(batch.maxAbsDelta() <= budget.maxPixelDelta());
            assertFalse(java.util.Arrays.equals(inference.dataset().pixels(), batch.dataset().pixels()));
        }
    }

    @Test
    void measureReportsLinfL2AndChangedShare() {
        ImageShape shape = new ImageShape(1, 1, 2);
        ImageDataset clean = new ImageDataset("c", shape, new byte[] {10, 20, 30, 40}, new int[] {0, 1}, List.of("a", "b"));
        ImageDataset poisoned = new ImageDataset("p", shape, new byte[] {13, 20, 26, 40}, new int[] {0, 1},
                List.of("a", "b"));
        PoisonedDataset m = DatasetPoisoner.measure(clean, poisoned);
        assertEquals(4, m.maxAbsDelta());
        assertEquals((3 / 255.0 + 4 / 255.0) / 2, m.meanL2(), 1e-12);
        assertEquals(0.5, m.changedShare(), 1e-12);
    }

    @Test
    void budgetsParseAndPrintInBothUnits() {
        assertEquals(Budget.linf(8), Budget.parse("8/255"));
        assertEquals(Budget.linf(8), Budget.parse("8"));
        assertEquals(8, Budget.parse("0.0313725490196").levels(), 1e-9);
        assertEquals("8/255", Budget.linf(8).toString());
        assertTrue(Budget.linf(8).describe().contains("0.03137"), Budget.linf(8).describe());
        assertEquals(2, Budget.linf(2.5).maxPixelDelta());
        assertThrows(IllegalArgumentException.class, () -> Budget.parse("eight"));
        assertThrows(IllegalArgumentException.class, () -> Budget.linf(-1));
        assertThrows(IllegalArgumentException.class, () -> Budget.linf(300));
    }
}
