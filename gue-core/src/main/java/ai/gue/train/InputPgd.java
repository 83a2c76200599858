package ai.gue.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Locale;

/**
 * L∞ projected gradient steps on a classifier's input (Madry et al., ICLR 2018), the one PGD loop
 * that adversarial training, the crafted poisons and the game's TRADES follower share. Each step moves the images by
 * {@code stepSize} times the sign of the cross-entropy's input gradient, up ({@link Direction#ASCEND}:
 * adversarial examples) or down ({@link Direction#DESCEND}: error-minimising noise toward the true
 * labels, targeted adversarial poisons toward chosen labels), and projects back onto the L∞ ball of
 * {@code radius} around the anchor images and onto [0, 1]. Another loss of the logits can take the
 * cross-entropy's place ({@link InputLoss}; TRADES's KL divergence).
 *
 * <p>The classifier runs in inference mode (BatchNorm running statistics, left unchanged), as in
 * Huang et al.'s (2021) code for error-minimising noise. Only the input's gradient is wanted, so the
 * backward passes skip the weights ({@link Gradients#inputOnly}: a third less arithmetic per step), and
 * the weights' gradients are cleared after every step, as before that economy, for callers that count on it.
 *
 * @param radius    the ball's radius on the [0, 1] scale (8/255 in the literature)
 * @param steps     number of steps
 * @param stepSize  step length on the [0, 1] scale
 * @param direction whether the steps raise or lower the cross-entropy
 */
public record InputPgd(double radius, int steps, double stepSize, Direction direction) {

    /** Which way the steps move the cross-entropy of the given labels. */
    public enum Direction {
        /** Raise it: adversarial examples for the true labels. */
        ASCEND,
        /** Lower it: error-minimising (true labels) or targeted (chosen labels) perturbations. */
        DESCEND
    }

    public InputPgd {
        if (!(radius > 0 && radius <= 1)) {
            throw new IllegalArgumentException("PGD radius must be in (0, 1], got " + radius);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("PGD steps must be at least 1, got " + steps);
        }
        if (!(stepSize > 0) || Double.isInfinite(stepSize)) {
            throw new IllegalArgumentException("PGD step size must be a positive number, got " + stepSize);
        }
        java.util.Objects.requireNonNull(direction, "direction");
    }

    /**
     * The scalar whose input gradient PGD follows, computed from the classifier's logits at the
     * iterate; only its gradient's sign is used, so its scale does not matter.
     */
    @FunctionalInterface
    public interface InputLoss {
        NDArray at(NDArray logits);

        /** The cross-entropy of {@code labels} (true or target labels). */
        static InputLoss crossEntropy(NDArray labels, int classes) {
            return logits -> CrossEntropy.smoothed(logits, labels, classes, 0);
        }
    }

    /** Where the first gradient is taken. */
    public enum StartPoint {
        /** The start projected onto the ball and [0, 1] first (Madry et al.; Huang et al.'s EM code). */
        PROJECTED,
        /** The start as given; projection only after the first step (TRADES, Zhang et al. 2019). */
        AS_GIVEN
    }

    /**
     * Runs the steps on the cross-entropy of {@code labels} from {@code start} (projected onto the
     * ball and [0, 1] first) and returns the final images, owned by {@code manager}.
     *
     * @param anchor  the images the ball is centred on (N, C, H, W in [0, 1])
     * @param start   the first iterate, same shape
     * @param labels  the labels whose cross-entropy the steps move (true or target labels)
     * @param classes number of classes
     */
    public NDArray run(Block classifier, NDManager manager, NDArray anchor, NDArray start, NDArray labels,
            int classes) {
        return run(classifier, manager, anchor, start, StartPoint.PROJECTED, InputLoss.crossEntropy(labels, classes));
    }

    /**
     * Runs the steps on {@code loss} from {@code start} and returns the final images, owned by
     * {@code manager}: within the ball around {@code anchor} and in [0, 1].
     */
    public NDArray run(Block classifier, NDManager manager, NDArray anchor, NDArray start, StartPoint startPoint,
            InputLoss loss) {
        NDArray result;
        try (NDManager pgd = manager.newSubManager()) {
            // Every temporary starts from an array of `pgd` (an op's result belongs to its first
            // operand's manager), so closing `pgd` frees them all.
            NDArray centre = anchor.duplicate();
            centre.attach(pgd);
            centre = centre.stopGradient();
            NDArray lower = centre.sub(radius).maximum(0);
            NDArray upper = centre.add(radius).minimum(1);
            NDArray first = start.duplicate();
            first.attach(pgd);
            NDArray iterate = first.stopGradient();
            if (startPoint == StartPoint.PROJECTED) {
                iterate = iterate.maximum(lower).minimum(upper);
            }
            double signedStep = direction == Direction.ASCEND ? stepSize : -stepSize;
            ParameterStore store = new ParameterStore(pgd, false);
            for (int s = 0; s < steps; s++) {
                NDArray step = gradientSign(classifier, store, iterate, loss).mul(signedStep);
                iterate = iterate.add(step).maximum(lower).minimum(upper);
            }
            result = iterate.duplicate();
            result.attach(manager);
        }
        return result;
    }

    /**
     * The sign of the cross-entropy's gradient with respect to the input at {@code images}, owned by
     * {@code images}' manager; the classifier runs in inference mode and its weight gradients are
     * cleared. Robust EM takes this at an adversarial point to move the noise.
     */
    public static NDArray gradientSign(Block classifier, ParameterStore store, NDArray images, NDArray labels,
            int classes) {
        return gradientSign(classifier, store, images, InputLoss.crossEntropy(labels, classes));
    }

    /** The sign of {@code loss}'s input gradient at {@code images}, as {@link #gradientSign(Block, ParameterStore, NDArray, NDArray, int)}. */
    public static NDArray gradientSign(Block classifier, ParameterStore store, NDArray images, InputLoss loss) {
        NDArray leaf = images.stopGradient();
        leaf.setRequiresGradient(true);
        try (Gradients.InputOnly inputOnly = Gradients.inputOnly(classifier);
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray logits = classifier.forward(store, new NDList(leaf), false).singletonOrThrow();
            collector.backward(loss.at(logits));
        }
        NDArray gradient = leaf.getGradient();
        gradient.attach(images.getManager());
        Gradients.clear(classifier);
        return gradient.sign();
    }

    /** "20 steps of 0.8/255 within L∞ 8/255, descending". */
    public String describe() {
        return String.format(Locale.ROOT, "%d steps of %.4g/255 within L∞ %.4g/255, %s", steps, stepSize * 255,
                radius * 255, direction == Direction.ASCEND ? "ascending" : "descending");
    }
}
