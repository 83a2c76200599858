package ai.gue.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
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

    /** One update with learning rate {@code learningRate} from the weights' gradients; clears them. */
    public void step(double learningRate) {
        List<NDArray> gradients = new ArrayList<>(weights.size());
        for (NDArray w : weights) {
            gradients.add(w.getGradient());
        }
        step(gradients, learningRate);
        for (NDArray grad : gradients) {
            grad.subi(grad);
            grad.close(); // a fresh handle on the weight's gradient; the gradient itself stays
        }
    }

    /**
     * One update with learning rate {@code learningRate} from explicit {@code gradients} (one per
     * weight, same shapes), which are left untouched: for callers whose gradient is not what a
     * backward pass left in the weights (the GUE generator's λ·∇_a q).
     */
    public void step(List<NDArray> gradients, double learningRate) {
        if (gradients.size() != weights.size()) {
            throw new IllegalArgumentException("expected " + weights.size() + " gradients, got " + gradients.size());
        }
        steps++;
        double correction1 = 1 - Math.pow(beta1, steps);
        double correction2 = 1 - Math.pow(beta2, steps);
        for (int i = 0; i < weights.size(); i++) {
            NDArray w = weights.get(i);
            NDArray m = firstMoments.get(i);
            NDArray v = secondMoments.get(i);
            try (NDManager scratch = stateManager.newSubManager()) {
                // Every temporary below starts from an array of `scratch` (an op's result belongs to
                // its first operand's manager), so closing `scratch` frees them.
                NDArray grad = scratch.create(1f).mul(gradients.get(i));
                m.muli(beta1).addi(grad.mul(1 - beta1));
                v.muli(beta2).addi(grad.square().muli(1 - beta2));
                NDArray denominator = scratch.create(1f).mul(v).div(correction2).sqrt().add(epsilon);
                NDArray update = scratch.create(1f).mul(m).div(correction1).div(denominator).mul(learningRate);
                w.subi(update);
            }
        }
    }

    /**
     * The optimiser's state, copies owned by {@code manager}: the first moments, the second moments,
     * then the step count as a one-element float64 array (what a checkpoint must keep to resume exactly).
     */
    public NDList state(NDManager manager) {
        NDList out = new NDList();
        for (List<NDArray> moments : List.of(firstMoments, secondMoments)) {
            for (NDArray moment : moments) {
                NDArray copy = moment.duplicate();
                copy.attach(manager);
                out.add(copy);
            }
        }
        out.add(manager.create(new double[] {steps}));
        return out;
    }

    /** Restores a {@link #state}; refuses a list that does not match these weights. */
    public void loadState(NDList saved) {
        int n = weights.size();
        if (saved.size() != 2 * n + 1) {
            throw new IllegalArgumentException("expected " + (2 * n + 1) + " Adam state arrays (2 per weight + step "
                    + "count), got " + saved.size());
        }
        for (int i = 0; i < 2 * n; i++) {
            NDArray target = i < n ? firstMoments.get(i) : secondMoments.get(i - n);
            NDArray s = saved.get(i);
            if (!s.getShape().equals(target.getShape()) || s.getDataType() != target.getDataType()) {
                throw new IllegalArgumentException("Adam state array " + i + " has shape " + s.getShape() + " "
                        + s.getDataType() + ", expected " + target.getShape() + " " + target.getDataType());
            }
        }
        double count = saved.get(2 * n).toDoubleArray()[0];
        if (!(count >= 0) || count != Math.rint(count)) {
            throw new IllegalArgumentException("Adam step count must be a whole number >= 0, got " + count);
        }
        for (int i = 0; i < 2 * n; i++) {
            saved.get(i).copyTo(i < n ? firstMoments.get(i) : secondMoments.get(i - n));
        }
        steps = (int) count;
    }

    @Override
    public void close() {
        stateManager.close();
    }
}
