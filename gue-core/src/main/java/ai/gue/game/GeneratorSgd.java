package ai.gue.game;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.gue.train.ParameterArrays;
import java.util.ArrayList;
import java.util.List;

/**
 * The generator's optimiser: {@code torch.optim.SGD(lr, momentum, weight_decay)} applied to the
 * gradient the authors assign to the generator, {@code λ·∇_a q}:
 *
 * <pre>  d = λ·∇_a q + wd·a;   buf = m·buf + d   (buf = d at the first step);   a ← a − lr·buf</pre>
 *
 * <p>Weight decay covers every trainable generator array (BatchNorm affine parameters included),
 * as {@code SGD(generator.parameters(), ...)} does. With momentum 0 and weight decay 0 (the standard
 * setting) this is the plain step {@code a ← a − (lr·λ)·∇_a q}, computed exactly as before the
 * optimiser existed. The momentum buffers are state that a checkpoint must keep ({@link #state},
 * {@link #loadState}).
 */
final class GeneratorSgd implements GeneratorOptimizer {

    private final ParameterArrays weights;
    private final double momentum;
    private final double weightDecay;
    private final NDManager bufferManager;
    private final List<NDArray> buffers = new ArrayList<>();

    GeneratorSgd(ParameterArrays weights, NDManager parent, double momentum, double weightDecay) {
        this.weights = weights;
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.bufferManager = parent.newSubManager();
        if (momentum != 0) {
            for (NDArray w : weights.trainable()) {
                buffers.add(bufferManager.zeros(w.getShape(), w.getDataType(), w.getDevice()));
            }
        }
    }

    /** Whether the optimiser keeps state (momentum buffers). */
    @Override
    public boolean hasState() {
        return momentum != 0;
    }

    @Override
    public void step(List<NDArray> gradient, double lambda, double learningRate) {
        if (momentum == 0 && weightDecay == 0) {
            weights.descend(gradient, learningRate * lambda); // plain SGD, as the standard setting always did
            return;
        }
        List<NDArray> trainable = weights.trainable();
        for (int i = 0; i < trainable.size(); i++) {
            NDArray w = trainable.get(i);
            try (NDManager scratch = bufferManager.newSubManager()) {
                NDArray direction = gradient.get(i).mul(lambda); // what the authors store in a.grad
                direction.attach(scratch);
                if (weightDecay != 0) {
                    NDArray decay = w.mul(weightDecay);
                    decay.attach(scratch);
                    direction = direction.add(decay);
                }
                NDArray update;
                if (momentum != 0) {
                    NDArray buffer = buffers.get(i);
                    buffer.muli(momentum).addi(direction);
                    update = buffer.mul(learningRate);
                    update.attach(scratch);
                } else {
                    update = direction.mul(learningRate);
                }
                w.subi(update);
            }
        }
    }

    /** Copies of the momentum buffers (empty without momentum), owned by {@code manager}. */
    @Override
    public NDList state(NDManager manager) {
        NDList out = new NDList();
        for (NDArray b : buffers) {
            NDArray copy = b.duplicate();
            copy.attach(manager);
            out.add(copy);
        }
        return out;
    }

    /** Restores the momentum buffers from {@link #state}; refuses a list that does not match. */
    @Override
    public void loadState(NDList saved) {
        if (saved.size() != buffers.size()) {
            throw new IllegalArgumentException("expected " + buffers.size() + " generator momentum buffers, got "
                    + saved.size());
        }
        for (int i = 0; i < buffers.size(); i++) {
            NDArray b = buffers.get(i);
            NDArray s = saved.get(i);
            if (!s.getShape().equals(b.getShape()) || s.getDataType() != b.getDataType()) {
                throw new IllegalArgumentException("generator momentum buffer " + i + " has shape " + s.getShape()
                        + " " + s.getDataType() + ", expected " + b.getShape() + " " + b.getDataType());
            }
            s.copyTo(b);
        }
    }

    @Override
    public void close() {
        bufferManager.close();
    }
}
