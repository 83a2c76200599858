package ai.gue.game;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.gue.train.CrossEntropy;

/**
 * The follower's loss {@code g(a, θ)} on a poisoned batch, as {@link BomeStep} uses it everywhere:
 * in the inner loop on θ^T and in both terms of {@code q = g(a, θ) − g(a, θ^T)}.
 *
 * <p>Evaluation is split in two because DJL's PyTorch engine allows only one open {@code
 * GradientCollector} at a time: {@link #prepare} runs <em>outside</em> any collector and may take
 * its own gradient passes (TRADES needs PGD, which differentiates with respect to the input), on a
 * detached copy of the poisoned batch; the returned {@link FollowerLoss} is then evaluated
 * <em>inside</em> the caller's collector, where gradients reach the classifier's parameters and,
 * through {@code poisoned}, the generator. Whatever {@code prepare} computed (PGD's δ) is a
 * constant there.
 */
public interface FollowerObjective {

    /**
     * Prepares the loss of {@code classifier} on one poisoned batch. Must be called outside any
     * gradient collector; must leave no gradients on the classifier's parameters and must not move
     * any of its parameters (BatchNorm running statistics included).
     *
     * @param classifier       the follower whose loss this is (θ or θ^T)
     * @param manager          owner of whatever the prepared loss keeps (e.g. δ)
     * @param poisonedDetached the poisoned batch x' (N, C, H, W), detached from the generator; may
     *                         be null for objectives that do not need it ({@link #needsPoisonedBatch()})
     * @param labels           integer labels (N)
     * @param seed             seed of any randomness (PGD's random start); a function of the game
     *                         seed, the epoch, the batch and the call site, so that resume is exact
     */
    FollowerLoss prepare(Block classifier, NDManager manager, NDArray poisonedDetached, NDArray labels, long seed);

    /** Whether {@link #prepare} needs the detached poisoned batch. */
    boolean needsPoisonedBatch();

    /**
     * Whether {@link #prepare} draws random numbers from its seed (PGD's random start), so that
     * two preparations of the same network on the same batch with different seeds differ.
     */
    boolean randomized();

    /** A prepared loss: evaluated inside the caller's gradient collector. */
    @FunctionalInterface
    interface FollowerLoss {
        /**
         * The scalar loss on {@code poisoned} (the same values as the prepared detached batch, here
         * possibly attached to the generator's graph), classifier in training mode.
         */
        NDArray of(ParameterStore parameters, NDArray poisoned);
    }

    /** The standard setting: {@code g(a, θ) = CE(h_θ(x'), y)}, the mean cross-entropy. */
    FollowerObjective CROSS_ENTROPY = new FollowerObjective() {
        @Override
        public FollowerLoss prepare(Block classifier, NDManager manager, NDArray poisonedDetached, NDArray labels,
                long seed) {
            return (parameters, poisoned) -> {
                NDArray logits = classifier.forward(parameters, new NDList(poisoned), true)
                        .singletonOrThrow();
                return CrossEntropy.smoothed(logits, labels, (int) logits.getShape().get(1), 0);
            };
        }

        @Override
        public boolean needsPoisonedBatch() {
            return false;
        }

        @Override
        public boolean randomized() {
            return false;
        }

        @Override
        public String toString() {
            return "cross-entropy";
        }
    };
}
