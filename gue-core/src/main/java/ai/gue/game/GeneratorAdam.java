package ai.gue.game;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.gue.train.Adam;
import ai.gue.train.ParameterArrays;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code torch.optim.Adam(generator.parameters(), lr, weight_decay=wd)} on the gradient the authors
 * assign to the generator: {@code d = λ·∇_a q + wd·a}, then Adam's step on d
 * ({@link GeneratorOptimizerKind#ADAM} says why one would).
 */
final class GeneratorAdam implements GeneratorOptimizer {

    private final ParameterArrays weights;
    private final double weightDecay;
    private final NDManager scratchParent;
    private final Adam adam;

    GeneratorAdam(ParameterArrays weights, NDManager parent, double weightDecay) {
        this.weights = weights;
        this.weightDecay = weightDecay;
        this.scratchParent = parent.newSubManager();
        this.adam = new Adam(weights.trainable(), scratchParent);
    }

    @Override
    public void step(List<NDArray> gradient, double lambda, double learningRate) {
        List<NDArray> trainable = weights.trainable();
        try (NDManager scratch = scratchParent.newSubManager()) {
            List<NDArray> directions = new ArrayList<>(trainable.size());
            for (int i = 0; i < trainable.size(); i++) {
                NDArray direction = scratch.create(1f).mul(gradient.get(i)).muli(lambda);
                if (weightDecay != 0) {
                    direction.addi(trainable.get(i).mul(weightDecay));
                }
                directions.add(direction);
            }
            adam.step(directions, learningRate);
        }
    }

    @Override
    public boolean hasState() {
        return true;
    }

    @Override
    public NDList state(NDManager manager) {
        return adam.state(manager);
    }

    @Override
    public void loadState(NDList saved) {
        adam.loadState(saved);
    }

    @Override
    public void close() {
        scratchParent.close();
    }
}
