package ai.gue.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.nn.Block;
import ai.gue.util.GraphScalars;

/**
 * A poison generator as the GUE authors define it: {@code x' = clamp(x + ε·G(x), 0, 1)}, where the
 * generator G ends in tanh, so {@code |ε·G(x)| < ε} without any projection.
 *
 * <p>In the game the generator runs in training mode (BatchNorm batch statistics); to poison a
 * dataset it runs in inference mode (running statistics), as the authors' code does.
 */
public final class GeneratorPoison {

    private final Block generator;
    private final Budget budget;

    /** @param generator an initialised network mapping (N, C, H, W) images to (−1, 1) of the same shape */
    public GeneratorPoison(Block generator, Budget budget) {
        this.generator = generator;
        this.budget = budget;
    }

    /** The generator network. */
    public Block generator() {
        return generator;
    }

    /** The budget ε. */
    public Budget budget() {
        return budget;
    }

    /** {@code ε·G(x)}, in (−ε, ε). */
    public NDArray perturbation(ParameterStore parameters, NDArray images, boolean training) {
        return GraphScalars.times(generator.forward(parameters, new NDList(images), training).singletonOrThrow(),
                budget.epsilon());
    }

    /** {@code clamp(x + ε·G(x), 0, 1)}. */
    public NDArray poison(ParameterStore parameters, NDArray images, boolean training) {
        return images.add(perturbation(parameters, images, training)).clip(0, 1);
    }
}
