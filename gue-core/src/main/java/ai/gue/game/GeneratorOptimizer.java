package ai.gue.game;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.gue.train.ParameterArrays;
import java.util.List;

/**
 * The generator's optimiser in the game: one step on {@code λ·∇_a q} per game step, with state a
 * checkpoint must keep to resume exactly.
 */
interface GeneratorOptimizer extends AutoCloseable {

    /** The optimiser {@code hyper} names, over the generator's trainable arrays. */
    static GeneratorOptimizer of(GameHyperParameters hyper, ParameterArrays generator, NDManager parent) {
        return switch (hyper.generatorOptimizer()) {
            case SGD -> new GeneratorSgd(generator, parent, hyper.generatorMomentum(), hyper.generatorWeightDecay());
            case ADAM -> new GeneratorAdam(generator, parent, hyper.generatorWeightDecay());
        };
    }

    /** One step: {@code gradient} is ∇_a q (one array per trainable generator array), scaled by λ here. */
    void step(List<NDArray> gradient, double lambda, double learningRate);

    /** Whether the optimiser keeps state between steps. */
    boolean hasState();

    /** Copies of the state (empty without state), owned by {@code manager}. */
    NDList state(NDManager manager);

    /** Restores a {@link #state}; refuses a list that does not match. */
    void loadState(NDList saved);

    @Override
    void close();
}
