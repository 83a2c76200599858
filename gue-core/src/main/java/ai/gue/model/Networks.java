package ai.gue.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.Pair;
import ai.gue.data.ImageShape;

/** Initialising networks and counting their parameters. */
public final class Networks {

    private Networks() {}

    /**
     * Initialises every parameter of {@code block} in {@code manager} for inputs of {@code shape}:
     * Kaiming-uniform weights (bound sqrt(6 / fan_in), He et al. 2015, suited to ReLU networks),
     * zero biases, BatchNorm gamma 1 and beta 0. Draws from DJL's engine seed.
     *
     * @return the number of trainable parameters
     */
    public static long initialize(Block block, NDManager manager, ImageShape shape) {
        block.setInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
                XavierInitializer.FactorType.IN, 6), Parameter.Type.WEIGHT);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, shape.channels(), shape.height(), shape.width()));
        return trainableParameterCount(block);
    }

    /** Number of scalars in parameters that take gradients (BatchNorm running statistics excluded). */
    public static long trainableParameterCount(Block block) {
        long count = 0;
        for (Pair<String, Parameter> named : block.getParameters()) {
            Parameter p = named.getValue();
            if (p.requiresGradient()) {
                count += p.getArray().getShape().size();
            }
        }
        return count;
    }
}
