package ai.gue.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * SGD with heavy-ball momentum and L2 weight decay, with PyTorch's {@code torch.optim.SGD}
 * semantics: {@code d = g + wd·w; buf = m·buf + d; w -= lr·(nesterov ? d + m·buf : buf)}.
 * Weight decay applies to every trainable parameter (BatchNorm affine parameters included), as in
 * the authors' code.
 *
 * <p>Written here rather than taken from DJL because DJL's PyTorch {@code GradientCollector} never
 * zeroes gradients (they accumulate across steps); this optimiser clears each gradient right after
 * using it, and owns its momentum buffers in its own manager so they are freed with it.
 */
public final class SgdMomentum implements AutoCloseable {

    private final List<NDArray> weights = new ArrayList<>();
    private final List<NDArray> momentumBuffers = new ArrayList<>();
    private final NDManager bufferManager;
    private final double momentum;
    private final double weightDecay;
    private final boolean nesterov;

    /** An optimiser for every parameter of {@code parameters} that requires a gradient. */
    public SgdMomentum(Iterable<Pair<String, Parameter>> parameters, NDManager parent,
            double momentum, double weightDecay, boolean nesterov) {
        this.bufferManager = parent.newSubManager();
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
        for (Pair<String, Parameter> named : parameters) {
            Parameter p = named.getValue();
            if (p.requiresGradient()) {
                NDArray w = p.getArray();
                weights.add(w);
                momentumBuffers.add(bufferManager.zeros(w.getShape(), w.getDataType(), w.getDevice()));
            }
        }
    }

    /** Number of parameter tensors updated. */
    public int tensorCount() {
        return weights.size();
    }

    /** Applies one update with learning rate {@code learningRate} and clears the gradients. */
    public void step(double learningRate) {
        for (int i = 0; i < weights.size(); i++) {
            NDArray w = weights.get(i);
            NDArray buffer = momentumBuffers.get(i);
            // An op's result belongs to its first operand's manager: every temporary below has an
            // operand from `scratch` first, so closing `scratch` frees them all.
            try (NDManager scratch = bufferManager.newSubManager()) {
                NDArray grad = w.getGradient();
                grad.attach(scratch);
                NDArray direction = grad;
                if (weightDecay != 0) {
                    NDArray decay = w.mul(weightDecay);
                    decay.attach(scratch);
                    direction = grad.add(decay);
                }
                buffer.muli(momentum).addi(direction);
                // nesterov: d + m·buf; otherwise buf. Either way a fresh array in `scratch`.
                NDArray update = nesterov ? buffer.mul(momentum) : buffer.mul(1.0);
                update.attach(scratch);
                if (nesterov) {
                    update.addi(direction);
                }
                w.subi(update.muli(learningRate));
                grad.subi(grad);
            }
        }
    }

    /** Clears every gradient without updating (e.g. before the first step of a reused network). */
    public void zeroGradients() {
        Gradients.clear(weights);
    }

    @Override
    public void close() {
        bufferManager.close();
    }
}
