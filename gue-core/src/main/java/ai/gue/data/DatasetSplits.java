package ai.gue.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded, stratified train/validation splits: within every class, a seeded shuffle picks the
 * validation images, so each class is represented in proportion. Both parts keep the original
 * relative order (indices ascending). The same dataset and seed always give the same split.
 */
public final class DatasetSplits {

    private DatasetSplits() {
    }

    /**
     * Puts {@code round(validationFraction * n_c)} images of every class c into validation, the
     * rest into train (0 < validationFraction < 1).
     */
    public static TrainValidationSplit stratified(ImageDataset dataset, double validationFraction, long seed) {
        if (!(validationFraction > 0 && validationFraction < 1)) { // also rejects NaN
            throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + validationFraction);
        }
        int[] counts = dataset.classCounts();
        int[] perClass = new int[counts.length];
        for (int c = 0; c < counts.length; c++) {
            perClass[c] = (int) Math.round(validationFraction * counts[c]);
        }
        return split(dataset, perClass, seed, "val" + validationFraction);
    }

    /** Puts {@code validationPerClass} images of every class into validation, the rest into train. */
    public static TrainValidationSplit stratifiedPerClass(ImageDataset dataset, int validationPerClass, long seed) {
        if (validationPerClass < 0) {
            throw new IllegalArgumentException("validation images per class must be ≥ 0, got " + validationPerClass);
        }
        int[] counts = dataset.classCounts();
        int[] perClass = new int[counts.length];
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] < validationPerClass) {
                throw new IllegalArgumentException(validationPerClass + " validation images per class asked but class "
                        + c + " ('" + dataset.classNames().get(c) + "') of " + dataset.name() + " has only " + counts[c]);
            }
            perClass[c] = validationPerClass;
        }
        return split(dataset, perClass, seed, "val" + validationPerClass + "perclass");
    }

    private static TrainValidationSplit split(ImageDataset dataset, int[] validationPerClass, long seed, String tag) {
        SplittableRandom random = new SplittableRandom(seed);
        List<int[]> byClass = Subsets.indicesByClass(dataset);
        boolean[] inValidation = new boolean[dataset.size()];
        int validationSize = 0;
        for (int c = 0; c < byClass.size(); c++) {
            for (int i : Subsets.choose(byClass.get(c), validationPerClass[c], random)) {
                inValidation[i] = true;
                validationSize++;
            }
        }
        int[] validation = new int[validationSize];
        int[] train = new int[dataset.size() - validationSize];
        for (int i = 0, v = 0, t = 0; i < dataset.size(); i++) {
            if (inValidation[i]) {
                validation[v++] = i;
            } else {
                train[t++] = i;
            }
        }
        String base = dataset.name() + "-" + tag + "-seed" + seed;
        return new TrainValidationSplit(dataset.select(train, base + "-train"),
                dataset.select(validation, base + "-validation"), train, validation);
    }
}
