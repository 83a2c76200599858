package ai.gue.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SubsetsTest {

    /** 100 images, 4 classes of 10, 20, 30, 40 images, interleaved. */
    private final ImageDataset data = unbalanced();

    private static ImageDataset unbalanced() {
        ImageDataset d = TestData.random("d", new ImageShape(1, 2, 2), 100, 4, 7);
        int[] labels = new int[100];
        for (int i = 0; i < 100; i++) {
            int k = i % 10; // per 10 images: 1 of class 0, 2 of class 1, 3 of class 2, 4 of class 3
            labels[i] = k < 1 ? 0 : k < 3 ? 1 : k < 6 ? 2 : 3;
        }
        return new ImageDataset("d", d.shape(), d.pixels(), labels, d.classNames());
    }

    @Test
    void firstN() {
        Subset s = Subsets.first(data, 7);
        assertArrayEquals(IntStream.range(0, 7).toArray(), s.indices());
        assertArrayEquals(data.image(6), s.dataset().image(6));
        assertEquals(0, Subsets.first(data, 0).dataset().size());
        assertThrows(IllegalArgumentException.class, () -> Subsets.first(data, -1));
        assertThrows(IllegalArgumentException.class, () -> Subsets.first(data, 101));
    }

    @Test
    void firstPerClassTakesTheEarliestOfEachClass() {
        Subset s = Subsets.firstPerClass(data, 2);
        assertArrayEquals(new int[] {2, 2, 2, 2}, s.dataset().classCounts());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 6, 7, 10}, s.indices());
    }

    @Test
    void randomPerClassIsStratifiedAndDeterministic() {
        Subset a = Subsets.randomPerClass(data, 10, 42);
        Subset b = Subsets.randomPerClass(data, 10, 42);
        Subset c = Subsets.randomPerClass(data, 10, 43);
        assertArrayEquals(new int[] {10, 10, 10, 10}, a.dataset().classCounts());
        assertArrayEquals(a.indices(), b.indices());
        assertFalse(Arrays.equals(a.indices(), c.indices()));
        assertTrue(isStrictlyAscending(a.indices()));
        for (int k = 0; k < a.indices().length; k++) {
            assertEquals(data.label(a.indices()[k]), a.dataset().label(k));
            assertArrayEquals(data.image(a.indices()[k]), a.dataset().image(k));
        }
    }

    @Test
    void perClassLargerThanAClassIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Subsets.randomPerClass(data, 11, 1));
        assertTrue(e.getMessage().contains("class 0 ('c0')") && e.getMessage().contains("only 10"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Subsets.firstPerClass(data, 11));
        assertThrows(IllegalArgumentException.class, () -> Subsets.firstPerClass(data, -1));
    }

    @Test
    void randomFractionIsRoundedAndDeterministic() {
        Subset a = Subsets.randomFraction(data, 0.256, 5);
        assertEquals(26, a.dataset().size());
        assertArrayEquals(a.indices(), Subsets.randomFraction(data, 0.256, 5).indices());
        assertFalse(Arrays.equals(a.indices(), Subsets.randomFraction(data, 0.256, 6).indices()));
        assertTrue(isStrictlyAscending(a.indices()));
        assertArrayEquals(IntStream.range(0, 100).toArray(), Subsets.randomFraction(data, 1.0, 5).indices());
    }

    @Test
    void invalidFractionsAreErrors() {
        for (double f : new double[] {Double.NaN, 0, -0.1, 1.0001, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Subsets.randomFraction(data, f, 1), "fraction " + f);
            assertTrue(e.getMessage().contains("(0, 1]"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Subsets.randomFraction(data, 0.001, 1));
        assertTrue(e.getMessage().contains("rounds to 0"), e.getMessage());
    }

    @Test
    void stratifiedSplitIsDisjointCoveringExactAndDeterministic() {
        TrainValidationSplit s = DatasetSplits.stratified(data, 0.2, 9);
        assertArrayEquals(new int[] {2, 4, 6, 8}, s.validation().classCounts());
        assertArrayEquals(new int[] {8, 16, 24, 32}, s.train().classCounts());
        int[] all = IntStream.concat(Arrays.stream(s.trainIndices()), Arrays.stream(s.validationIndices()))
                .sorted().toArray();
        assertArrayEquals(IntStream.range(0, 100).toArray(), all, "disjoint and covering");
        assertTrue(isStrictlyAscending(s.trainIndices()) && isStrictlyAscending(s.validationIndices()));
        for (int k = 0; k < s.validation().size(); k++) {
            assertArrayEquals(data.image(s.validationIndices()[k]), s.validation().image(k));
        }
        TrainValidationSplit same = DatasetSplits.stratified(data, 0.2, 9);
        assertArrayEquals(s.validationIndices(), same.validationIndices());
        assertFalse(Arrays.equals(s.validationIndices(), DatasetSplits.stratified(data, 0.2, 10).validationIndices()));
    }

    @Test
    void stratifiedPerClassSplit() {
        TrainValidationSplit s = DatasetSplits.stratifiedPerClass(data, 3, 1);
        assertArrayEquals(new int[] {3, 3, 3, 3}, s.validation().classCounts());
        assertEquals(88, s.train().size());
        assertThrows(IllegalArgumentException.class, () -> DatasetSplits.stratifiedPerClass(data, 11, 1));
        assertThrows(IllegalArgumentException.class, () -> DatasetSplits.stratifiedPerClass(data, -1, 1));
    }

    @Test
    void invalidValidationFractionsAreErrors() {
        for (double f : new double[] {Double.NaN, 0, 1, -1, 2}) {
            assertThrows(IllegalArgumentException.class, () -> DatasetSplits.stratified(data, f, 1), "fraction " + f);
        }
    }

    private static boolean isStrictlyAscending(int[] a) {
        for (int i = 1; i < a.length; i++) {
            if (a[i] <= a[i - 1]) {
                return false;
            }
        }
        return true;
    }

    @Test
    void composeMapsASubsetOfASubsetToTheOriginal() {
        // The subset {7, 2, 9} of the original, and the subset {2, 0} of that.
        assertArrayEquals(new int[] {9, 7}, Subsets.compose(new int[] {7, 2, 9}, new int[] {2, 0}));
        assertArrayEquals(new int[0], Subsets.compose(new int[] {7}, new int[0]));
    }

    @Test
    void complementIsWhatNoExcludedSetHolds() {
        assertArrayEquals(new int[] {0, 3, 5}, Subsets.complement(6, new int[] {4, 1}, new int[] {2}));
        assertArrayEquals(new int[0], Subsets.complement(2, new int[] {0}, new int[] {1}));
        assertArrayEquals(new int[] {0, 1, 2}, Subsets.complement(3));
    }
}
