package ai.gue.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/**
 * Clearing accumulated gradients. DJL's gradient collector adds into a parameter's gradient and
 * never resets it (not even when a new collector opens), so every code path that runs a backward
 * pass for something other than an update of those parameters must clear them afterwards.
 */
public final class Gradients {

    private Gradients() {}

    /** Sets the gradient of each array in {@code weights} to zero, in place. */
    public static void clear(Iterable<NDArray> weights) {
        for (NDArray w : weights) {
            try (NDArray grad = w.getGradient()) {
                grad.subi(grad);
            }
        }
    }

    /** Sets the gradient of every trainable parameter of {@code block} to zero, in place. */
    public static void clear(Block block) {
        for (Pair<String, Parameter> named : block.getParameters()) {
            Parameter parameter = named.getValue();
            if (parameter.requiresGradient()) {
                try (NDArray grad = parameter.getArray().getGradient()) {
                    grad.subi(grad);
                }
            }
        }
    }
}
