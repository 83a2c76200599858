package ai.gue.model;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

/**
 * A linear classifier on the raw pixels: flatten, then one fully connected layer with bias (3,072 x
 * classes + classes parameters for 32x32 RGB). It has no channels, so the width multiplier does not
 * apply.
 *
 * <p>Its use is as a game follower: the input gradient of its cross-entropy,
 * ∇_x CE(Wx + b, y) = Wᵀ(p − e_y), is the same direction for every image of a class while the softmax p
 * is unsure, so the signal the GUE generator receives (−∇_x' q) is class-wise from the first step,
 * whereas a deep follower's is almost entirely per-image (measured as the class alignment in
 * {@code steps.csv}). A class-wise perturbation is what an availability poison needs (Yu et al.,
 * KDD 2022: working poisons are linearly separable shortcuts). As a victim it is a weak baseline.
 */
public final class LinearClassifier {

    private LinearClassifier() {}

    /** Builds the classifier for {@code classCount} classes. */
    public static Block build(int classCount) {
        return new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(classCount).optBias(true).build());
    }
}
