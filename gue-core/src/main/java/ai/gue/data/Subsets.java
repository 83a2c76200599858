package ai.gue.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Subsets of a dataset: the first N images, N per class (the first ones or a seeded random
 * choice), or a seeded random fraction. Randomness comes only from the seed given, so the same
 * seed always selects the same images. Selected images keep their original relative order
 * (indices ascending), which makes subsets of subsets predictable.
 */
public final class Subsets {

    private Subsets() {
    }

    /** The first {@code n} images (0 ≤ n ≤ size). */
    public static Subset first(ImageDataset dataset, int n) {
        if (n < 0 || n > dataset.size()) {
            throw new IllegalArgumentException("first " + n + " images: n must be in [0, " + dataset.size()
                    + "] for " + dataset);
        }
        int[] indices = new int[n];
        Arrays.setAll(indices, i -> i);
        return select(dataset, indices, "first" + n);
    }

    /** The first {@code perClass} images of every class, in dataset order. */
    public static Subset firstPerClass(ImageDataset dataset, int perClass) {
        checkPerClass(dataset, perClass);
        int[] taken = new int[dataset.classCount()];
        int[] indices = new int[perClass * dataset.classCount()];
        int k = 0;
        for (int i = 0; i < dataset.size() && k < indices.length; i++) {
            int label = dataset.label(i);
            if (taken[label] < perClass) {
                taken[label]++;
                indices[k++] = i;
            }
        }
        return select(dataset, indices, "first" + perClass + "perclass");
    }

    /** A seeded random choice of {@code perClass} images of every class, kept in dataset order. */
    public static Subset randomPerClass(ImageDataset dataset, int perClass, long seed) {
        checkPerClass(dataset, perClass);
        SplittableRandom random = new SplittableRandom(seed);
        List<int[]> byClass = indicesByClass(dataset);
        int[] indices = new int[perClass * dataset.classCount()];
        int k = 0;
        for (int[] members : byClass) {
            int[] chosen = choose(members, perClass, random);
            System.arraycopy(chosen, 0, indices, k, perClass);
            k += perClass;
        }
        Arrays.sort(indices);
        return select(dataset, indices, "random" + perClass + "perclass-seed" + seed);
    }

    /**
     * A seeded random {@code fraction} of the images (0 < fraction ≤ 1; the count is
     * {@code round(fraction * size)} and must be at least 1), kept in dataset order.
     */
    public static Subset randomFraction(ImageDataset dataset, double fraction, long seed) {
        if (!(fraction > 0 && fraction <= 1)) { // also rejects NaN
            throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
        }
        int n = (int) Math.round(fraction * dataset.size());
        if (n == 0) {
            throw new IllegalArgumentException("fraction " + fraction + " of " + dataset.size()
                    + " images rounds to 0 images");
        }
        int[] all = new int[dataset.size()];
        Arrays.setAll(all, i -> i);
        int[] indices = choose(all, n, new SplittableRandom(seed));
        Arrays.sort(indices);
        return select(dataset, indices, "fraction" + fraction + "-seed" + seed);
    }

    /** Each class's image indices, ascending. */
    static List<int[]> indicesByClass(ImageDataset dataset) {
        int[] counts = dataset.classCounts();
        List<int[]> byClass = new ArrayList<>();
        for (int count : counts) {
            byClass.add(new int[count]);
        }
        int[] filled = new int[counts.length];
        for (int i = 0; i < dataset.size(); i++) {
            int label = dataset.label(i);
            byClass.get(label)[filled[label]++] = i;
        }
        return byClass;
    }

    /** {@code n} distinct elements of {@code from} chosen uniformly (partial Fisher-Yates on a copy). */
    static int[] choose(int[] from, int n, SplittableRandom random) {
        int[] pool = from.clone();
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(pool.length - i);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        return Arrays.copyOf(pool, n);
    }

    private static void checkPerClass(ImageDataset dataset, int perClass) {
        if (perClass < 0) {
            throw new IllegalArgumentException("images per class must be ≥ 0, got " + perClass);
        }
        int[] counts = dataset.classCounts();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] < perClass) {
                throw new IllegalArgumentException(perClass + " images per class asked but class "
                        + c + " ('" + dataset.classNames().get(c) + "') of " + dataset.name()
                        + " has only " + counts[c]);
            }
        }
    }

    private static Subset select(ImageDataset dataset, int[] indices, String suffix) {
        return new Subset(dataset.select(indices, dataset.name() + "-" + suffix), indices);
    }

    /**
     * Indices into the original dataset of a subset taken from a subset: {@code inner} indexes the
     * subset whose own indices into the original are {@code outer}.
     */
    public static int[] compose(int[] outer, int[] inner) {
        int[] out = new int[inner.length];
        for (int i = 0; i < inner.length; i++) {
            out[i] = outer[inner[i]];
        }
        return out;
    }

    /** The indices in [0, size) that are in none of {@code excluded}, ascending. */
    public static int[] complement(int size, int[]... excluded) {
        boolean[] used = new boolean[size];
        for (int[] indices : excluded) {
            for (int i : indices) {
                used[i] = true;
            }
        }
        return java.util.stream.IntStream.range(0, size).filter(i -> !used[i]).toArray();
    }
}
