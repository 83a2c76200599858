package ai.gue.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * Clearing accumulated gradients, and backward passes that skip the weights. DJL's gradient collector
 * adds into a parameter's gradient and never resets it (not even when a new collector opens), so every
 * code path that runs a backward pass for something other than an update of those parameters must clear
 * them afterwards.
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

    /**
     * Until closed, the trainable parameters of {@code block} take no gradient, so a backward pass through it
     * computes only what reaches its input: libtorch then skips each layer's weight-gradient product (for a
     * convolution, as much arithmetic as its input gradient), about a third of a forward-backward pass. The
     * input's gradient is the same, bit for bit ({@code GradientsTest}). For the passes that want an input's
     * gradient alone: PGD's steps, DeepConfuse's finite differences. Gradients the weights already hold are
     * left as they are; closing makes the weights trainable again (calls may nest: an inner one suspends and
     * restores nothing that an outer one holds).
     */
    public static InputOnly inputOnly(Block block) {
        List<NDArray> suspended = new ArrayList<>();
        for (Pair<String, Parameter> named : block.getParameters()) {
            Parameter parameter = named.getValue();
            NDArray array = parameter.getArray();
            if (parameter.requiresGradient() && array.hasGradient()) { // not already suspended by an outer call
                array.setRequiresGradient(false);
                suspended.add(array);
            }
        }
        return new InputOnly(suspended);
    }

    /** The weights {@link #inputOnly} took out of the backward pass; {@link #close} puts them back. */
    public static final class InputOnly implements AutoCloseable {
        private final List<NDArray> suspended;

        private InputOnly(List<NDArray> suspended) {
            this.suspended = suspended;
        }

        @Override
        public void close() {
            for (NDArray array : suspended) {
                array.setRequiresGradient(true);
            }
        }
    }
}
