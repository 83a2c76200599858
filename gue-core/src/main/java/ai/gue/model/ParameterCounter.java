package ai.gue.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.ndarray.types.Shape;
import ai.djl.util.Pair;

/**
 * Counts a block's parameters the way PyTorch's {@code sum(p.numel() for p in model.parameters())}
 * does: convolution and linear weights and biases, BatchNorm's gamma and beta; BatchNorm running
 * statistics (which DJL stores as parameters of type {@code RUNNING_MEAN}/{@code RUNNING_VAR}) are
 * buffers in PyTorch and are not counted.
 */
public final class ParameterCounter {
    private ParameterCounter() {}

    /**
     * The number of learnable scalars in an initialised (or loaded) block.
     *
     * @throws IllegalStateException if some parameter has no shape yet, i.e. the block was never
     *     initialised
     */
    public static long count(Block block) {
        long total = 0;
        for (Pair<String, Parameter> entry : block.getParameters()) {
            Parameter parameter = entry.getValue();
            if (isBuffer(parameter)) {
                continue;
            }
            Shape shape = parameter.getShape();
            if (shape == null) {
                throw new IllegalStateException("parameter " + entry.getKey()
                        + " has no shape: initialise the block (block.initialize(manager, type, inputShape)) first");
            }
            total += shape.size();
        }
        return total;
    }

    /** True for BatchNorm running statistics, which PyTorch keeps as buffers rather than parameters. */
    static boolean isBuffer(Parameter parameter) {
        return parameter.getType() == Parameter.Type.RUNNING_MEAN || parameter.getType() == Parameter.Type.RUNNING_VAR;
    }
}
