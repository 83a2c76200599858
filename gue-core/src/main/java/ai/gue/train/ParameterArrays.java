package ai.gue.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * A network's parameter arrays in a fixed order, and the gradient bookkeeping the game needs:
 * snapshots, clearing, inner products, in-place SGD steps. DJL never clears gradients by itself,
 * so every reader here clears what it consumed. Shared by the GUE game ({@code ai.gue.game}) and the
 * DeepConfuse attack ({@code ai.gue.attack.DeepConfuse}), which both copy a classifier, move it along
 * a direction and take gradients without an optimiser.
 */
public final class ParameterArrays {

    private final List<NDArray> trainable = new ArrayList<>();
    private final List<NDArray> all = new ArrayList<>();

    public ParameterArrays(Block block) {
        for (Pair<String, Parameter> named : block.getParameters()) {
            NDArray array = named.getValue().getArray();
            all.add(array);
            if (named.getValue().requiresGradient()) {
                trainable.add(array);
            }
        }
    }

    /** Arrays that take gradients. */
    public List<NDArray> trainable() {
        return trainable;
    }

    /** Copies every parameter (BatchNorm running statistics included) from {@code source}, same architecture. */
    public void copyFrom(ParameterArrays source) {
        if (source.all.size() != all.size()) {
            throw new IllegalArgumentException("cannot copy between networks with " + source.all.size() + " and "
                    + all.size() + " parameter arrays");
        }
        for (int i = 0; i < all.size(); i++) {
            source.all.get(i).copyTo(all.get(i));
        }
    }

    /** Copies of the current gradients, owned by {@code manager}; the gradients are then cleared. */
    public List<NDArray> takeGradients(NDManager manager) {
        List<NDArray> copies = new ArrayList<>(trainable.size());
        for (NDArray w : trainable) {
            NDArray grad = w.getGradient();
            grad.attach(manager);
            copies.add(grad.duplicate());
            grad.subi(grad);
        }
        return copies;
    }

    /** Clears every gradient. */
    public void clearGradients() {
        Gradients.clear(trainable);
    }

    /** {@code w −= rate · direction} for each trainable array. */
    public void descend(List<NDArray> direction, double rate) {
        for (int i = 0; i < trainable.size(); i++) {
            try (NDArray step = direction.get(i).mul(rate)) {
                trainable.get(i).subi(step);
            }
        }
    }

    /** Σ ⟨a_i, b_i⟩ over matching arrays. */
    public static double inner(List<NDArray> a, List<NDArray> b) {
        double sum = 0;
        for (int i = 0; i < a.size(); i++) {
            try (NDArray product = a.get(i).mul(b.get(i)); NDArray total = product.sum()) {
                sum += total.getFloat();
            }
        }
        return sum;
    }
}
