package ai.gue.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import java.util.List;

/**
 * Initialises blocks the way PyTorch initialises fresh {@code nn.Conv2d}, {@code nn.Linear} and
 * {@code nn.BatchNorm2d} modules, so that DJL runs start from the same distribution as the authors'
 * code:
 *
 * <ul>
 *   <li>weights: PyTorch's {@code kaiming_uniform_(a=√5)}, i.e. U(−1/√fan_in, 1/√fan_in); in DJL that
 *       is {@code XavierInitializer(UNIFORM, IN, 1)}, whose bound is √(magnitude / fan_in) with fan_in
 *       = in-channels × kernel area (in-features for a linear layer);
 *   <li>biases: U(−1/√fan_in, 1/√fan_in) with the fan-in of the layer's own weight (DJL's default
 *       would be zeros);
 *   <li>BatchNorm: gamma 1, beta 0, running mean 0, running variance 1 (DJL's defaults, unchanged).
 * </ul>
 *
 * <p>Random draws come from the engine's generator: seed it ({@code Engine.getInstance().setRandomSeed})
 * for reproducible parameters.
 */
public final class Initialization {
    private static final Initializer WEIGHT =
            new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 1f);

    private Initialization() {}

    /** Sets PyTorch-default initialisers on every weight and bias of {@code block} and its descendants. */
    public static void usePytorchDefaults(Block block) {
        Parameter weight = null;
        List<Parameter> direct = block.getDirectParameters().values();
        for (Parameter parameter : direct) {
            if (parameter.getType() == Parameter.Type.WEIGHT) {
                parameter.setInitializer(WEIGHT);
                weight = parameter;
            }
        }
        for (Parameter parameter : direct) {
            if (parameter.getType() == Parameter.Type.BIAS && weight != null) {
                parameter.setInitializer(biasInitializer(weight));
            }
        }
        for (Block child : block.getChildren().values()) {
            usePytorchDefaults(child);
        }
    }

    /**
     * Applies {@link #usePytorchDefaults} and initialises {@code block} in {@code manager} for a batch of
     * the given shape (e.g. {@code new Shape(1, 3, 32, 32)}), in float32; then checks that libtorch
     * computes the block's convolutions correctly on this machine ({@link ConvolutionKernelCheck#verify}).
     *
     * @throws ConvolutionKernelCheck.WrongKernelsException when it does not
     */
    public static <B extends Block> B initialize(B block, NDManager manager, Shape inputShape) {
        usePytorchDefaults(block);
        block.initialize(manager, DataType.FLOAT32, inputShape);
        ConvolutionKernelCheck.verify(block);
        return block;
    }

    private static Initializer biasInitializer(Parameter weight) {
        return (manager, shape, dataType) -> {
            Shape weightShape = weight.getShape();
            long fanIn = weightShape.size() / weightShape.get(0);
            float bound = (float) (1 / Math.sqrt(fanIn));
            return manager.randomUniform(-bound, bound, shape, dataType, manager.getDevice());
        };
    }
}
