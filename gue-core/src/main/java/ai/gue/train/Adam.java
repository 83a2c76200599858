package ai.gue.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam with PyTorch's {@code torch.optim.Adam} semantics (no weight decay, no AMSGrad):
 * {@code m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²;
 * w −= lr · (m / (1−β1^t)) / (sqrt(v / (1−β2^t)) + eps)}. Clears each gradient after using it.
 *
 * <p>{@link #reset()} forgets the moments, as creating a new {@code torch.optim.Adam} does: the GUE
 * authors start a fresh optimiser for the follower's inner loop at every mini-batch.
 */
public final class Adam implements AutoCloseable {

    private final List<NDArray> weights;
    private final NDManager stateManager;
    private final List<NDArray> firstMoments = new ArrayList<>();
    private final List<NDArray> secondMoments = new ArrayList<>();
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private int steps;

    /** Adam over {@code weights} (arrays that take gradients) with PyTorch's defaults β = (0.9, 0.999), eps = 1e-8. */
    public Adam(List<NDArray> weights, NDManager parent) {
        this(weights, parent, 0.9, 0.999, 1e-8);
    }

    public Adam(List<NDArray> weights, NDManager parent, double beta1, double beta2, double epsilon) {
        this.weights = List.copyOf(weights);
        this.stateManager = parent.newSubManager();
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        for (NDArray w : this.weights) {
            firstMoments.add(stateManager.zeros(w.getShape(), w.getDataType(), w.getDevice()));
            secondMoments.add(stateManager.zeros(w.getShape(), w.getDataType(), w.getDevice()));
        }
    }

    /** Forgets the moments and the step count. */
    public void reset() {
        for (int i = 0; i < weights.size(); i++) {
            firstMoments.get(i).muli(0);
            secondMoments.get(i).muli(0);
        }
        steps = 0;
    }

    /** One update with learning rate {@code learningRate}; clears the gradients. */
    public void step(double learningRate) {
        steps++;
        double correction1 = 1 - Math.pow(beta1, steps);
        double correction2 = 1 - Math.pow(beta2, steps);
        for (int i = 0; i < weights.size(); i++) {
            NDArray w = weights.get(i);
            NDArray m = firstMoments.get(i);
            NDArray v = secondMoments.get(i);
            try (NDManager scratch = stateManager.newSubManager()) {
                NDArray grad = w.getGradient();
                grad.attach(scratch);
                m.muli(beta1).addi(grad.mul(1 - beta1));
                v.muli(beta2).addi(grad.square().muli(1 - beta2));
                // Every temporary below starts from an array of `scratch` (an op's result belongs to
                // its first operand's manager), so closing `scratch` frees them.
                NDArray denominator = scratch.create(1f).mul(v).div(correction2).sqrt().add(epsilon);
                NDArray update = scratch.create(1f).mul(m).div(correction1).div(denominator).mul(learningRate);
                w.subi(update);
                grad.subi(grad);
            }
        }
    }

    @Override
    public void close() {
        stateManager.close();
    }
}
