package ai.gue.game;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * How class-consistent a batch of per-image vectors is: the mean cosine similarity between two
 * images' vectors of the same class minus that between images of different classes. A class-wise
 * pattern (the shortcut an availability poison must become) scores near 1; vectors unrelated to
 * the class score near 0, whatever their overall similarity.
 *
 * <p>The game records it per step for two batches of vectors: the perturbations the generator
 * produces (x' − x) and the direction its update pushes them in, −∇_x' q. If the second is
 * class-consistent and the first stays at 0, the generator is failing to follow; if the second is
 * near 0 too, the game is not asking for a shortcut.
 */
final class ClassAlignment {

    private ClassAlignment() {}

    /**
     * The alignment of {@code vectors} (N, ...) with integer {@code labels} (N); NaN when the batch
     * has no same-class or no different-class pair. All temporaries are freed.
     */
    static double of(NDArray vectors, NDArray labels) {
        int n = (int) vectors.getShape().get(0);
        try (NDManager scratch = vectors.getManager().newSubManager()) {
            NDArray flat = scratch.create(1f).mul(vectors).reshape(n, -1);
            NDArray norms = flat.norm(new int[] {1}, true).add(1e-12f);
            NDArray unit = flat.div(norms);
            NDArray cosines = unit.matMul(unit.transpose());
            NDArray labelCopy = labels.duplicate(); // an op's result belongs to its first operand's manager
            labelCopy.attach(scratch);
            NDArray integerLabels = labelCopy.toType(DataType.INT64, false);
            int depth = (int) integerLabels.max().getLong() + 1; // any depth above the largest label will do
            NDArray oneHot = integerLabels.oneHot(depth).toType(DataType.FLOAT32, false);
            NDArray sameClass = oneHot.matMul(oneHot.transpose()).sub(scratch.eye(n)); // off-diagonal pairs
            NDArray differentClass = scratch.ones(sameClass.getShape()).sub(sameClass).sub(scratch.eye(n));
            double samePairs = sameClass.sum().getFloat();
            double differentPairs = differentClass.sum().getFloat();
            if (samePairs == 0 || differentPairs == 0) {
                return Double.NaN;
            }
            double within = cosines.mul(sameClass).sum().getFloat() / samePairs;
            double between = cosines.mul(differentClass).sum().getFloat() / differentPairs;
            return within - between;
        }
    }
}
