package ai.gue.game;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.gue.train.CrossEntropy;
import ai.gue.train.InputPgd;
import ai.gue.util.GraphScalars;
import java.util.SplittableRandom;

/**
 * The follower's loss in the authors' adversarial-training setting ({@code gue_adv.py}): TRADES
 * (Zhang et al., ICML 2019) on the poisoned batch,
 *
 * <pre>  g(a, θ) = CE(h(x'), y) + β · KL</pre>
 *
 * <p><b>The KL term and its direction.</b> Exactly what the TRADES reference code computes,
 * {@code KLDivLoss(size_average=False)(log_softmax(h(x'+δ)), softmax(h(x'))) / N}: PyTorch's
 * {@code KLDivLoss(input, target)} is {@code Σ target·(log target − input)}, so with
 * {@code P = softmax(h(x'))} (natural) and {@code Q = softmax(h(x'+δ))} (adversarial) the term is
 *
 * <pre>  KL = (1/N) Σ_i Σ_k P_ik · (log P_ik − log Q_ik) = mean_i KL(P_i ‖ Q_i)</pre>
 *
 * <p>in the usual notation (expectation under the natural prediction). The paper writes it as
 * "KL(h(x) ‖ h(x'))" in TRADES's loose notation; we follow the code, since the authors ran the
 * code. Gradients flow through both P and Q, as in the reference (the target is not detached).
 *
 * <p><b>PGD.</b> δ comes from {@code steps} steps of L∞ PGD maximising the same KL (summed over the
 * batch, as TRADES does; the sign of the gradient is scale-free): random start
 * {@code x_adv = x' + 0.001·N(0, 1)} (not projected, as in TRADES), then
 * {@code x_adv ← clamp(min(max(x_adv + s·sign(∇), x' − r), x' + r), 0, 1)} with step {@code s = r/4}.
 * As in the TRADES reference the classifier is in inference mode during the attack (BatchNorm uses
 * its running statistics and does not update them) and P is the inference-mode prediction; the loss
 * itself uses training mode. The N(0, 1) draws come from a {@link SplittableRandom} seeded per call
 * (Box–Muller), not from the engine, so a resumed game draws exactly the same starts.
 *
 * <p><b>What is constant.</b> PGD runs outside any gradient collector (DJL allows one at a time) on
 * the detached poisoned batch; the resulting {@code δ = x_adv − x'} is a constant and the loss uses
 * {@code x'+δ} (clamped to [0, 1], which it already is), so the generator's gradient reaches the
 * adversarial term through x'. (The TRADES reference code would detach {@code x_adv} entirely; if
 * the authors passed the poisoned batch as {@code x_natural}, their generator gradient would only
 * flow through the natural terms. We treat δ, not x_adv, as the constant: the loss is then a
 * function of x' for fixed δ, as the game's derivative needs.) The loss reuses one training-mode
 * forward on x' for both the CE and P (the reference calls {@code model(x_natural)} twice; same
 * values, only BatchNorm's running statistics see one batch fewer).
 */
public final class TradesObjective implements FollowerObjective {

    /** Scale of PGD's Gaussian random start (TRADES: 0.001). */
    public static final double RANDOM_START_SCALE = 0.001;

    private final double beta;
    private final double radius;
    private final int steps;

    /**
     * @param beta   weight of the KL term (TRADES β; the authors use 1)
     * @param radius PGD's L∞ radius on the [0, 1] scale (4/255)
     * @param steps  PGD steps (10); the step size is {@code radius / 4}
     */
    public TradesObjective(double beta, double radius, int steps) {
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("tradesBeta must be a number >= 0, got " + beta);
        }
        if (!(radius > 0 && radius <= 1)) {
            throw new IllegalArgumentException("pgdRadius must be in (0, 1] on the [0, 1] image scale, got " + radius);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("pgdSteps must be at least 1, got " + steps);
        }
        this.beta = beta;
        this.radius = radius;
        this.steps = steps;
    }

    public double beta() {
        return beta;
    }

    public double radius() {
        return radius;
    }

    public int steps() {
        return steps;
    }

    /** PGD's step size, {@code radius / 4}. */
    public double stepSize() {
        return radius / 4;
    }

    @Override
    public FollowerLoss prepare(Block classifier, NDManager manager, NDArray poisonedDetached, NDArray labels,
            long seed) {
        if (poisonedDetached == null) {
            throw new IllegalArgumentException("TRADES needs the detached poisoned batch for PGD");
        }
        NDArray delta = perturbation(classifier, manager, poisonedDetached, seed);
        return withPerturbation(classifier, labels, delta, beta);
    }

    @Override
    public boolean needsPoisonedBatch() {
        return true;
    }

    @Override
    public boolean randomized() {
        return true;
    }

    /** The TRADES loss of {@code classifier} with a fixed perturbation {@code delta}. */
    static FollowerLoss withPerturbation(Block classifier, NDArray labels, NDArray delta, double beta) {
        return (parameters, poisoned) -> {
            NDArray natural = classifier.forward(parameters, new NDList(poisoned), true).singletonOrThrow();
            NDArray adversarial = classifier.forward(parameters, new NDList(poisoned.add(delta).clip(0, 1)), true)
                    .singletonOrThrow();
            NDArray crossEntropy = CrossEntropy.smoothed(natural, labels, (int) natural.getShape().get(1), 0);
            return crossEntropy.add(GraphScalars.times(divergence(natural, adversarial), beta));
        };
    }

    /**
     * {@code mean_i Σ_k P_ik (log P_ik − log Q_ik)} with {@code P = softmax(natural)}, {@code Q =
     * softmax(adversarial)}: TRADES's {@code KLDivLoss(log_softmax(adversarial), softmax(natural))}
     * divided by the batch size.
     */
    static NDArray divergence(NDArray naturalLogits, NDArray adversarialLogits) {
        NDArray logP = naturalLogits.logSoftmax(1);
        NDArray logQ = adversarialLogits.logSoftmax(1);
        return logP.exp().mul(logP.sub(logQ)).sum(new int[] {1}).mean();
    }

    /**
     * PGD's random start {@code 0.001·N(0, 1)} for a batch of {@code shape}, drawn in Java from
     * {@code seed}, owned by {@code manager}.
     */
    static NDArray randomStart(NDManager manager, Shape shape, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            double u1 = 1 - random.nextDouble(); // (0, 1]
            double u2 = random.nextDouble();
            values[i] = (float) (RANDOM_START_SCALE * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
        }
        return manager.create(values, shape);
    }

    /**
     * δ from PGD against {@code classifier} around {@code poisoned} (detached, in [0, 1]): {@code
     * |δ| ≤ radius}, {@code poisoned + δ ∈ [0, 1]}. Runs its own gradient passes (call it outside
     * any collector), clears the gradients they leave on the classifier and moves no parameter.
     * The result is owned by {@code manager}.
     */
    NDArray perturbation(Block classifier, NDManager manager, NDArray poisoned, long seed) {
        NDArray delta;
        try (NDManager pgd = manager.newSubManager()) {
            // Every temporary starts from an array of `pgd` (an op's result belongs to its first
            // operand's manager), so closing `pgd` frees them.
            NDArray natural = poisoned.duplicate();
            natural.attach(pgd);
            natural = natural.stopGradient();
            ParameterStore store = new ParameterStore(pgd, false);
            NDArray logP = classifier.forward(store, new NDList(natural), false).singletonOrThrow().logSoftmax(1)
                    .stopGradient();
            NDArray p = logP.exp();
            // Σ P (log P − log Q): TRADES's KL, ascended from its unprojected random start.
            InputPgd.InputLoss divergence = logits -> p.mul(logP.sub(logits.logSoftmax(1))).sum();
            NDArray adversarial = new InputPgd(radius, steps, stepSize(), InputPgd.Direction.ASCEND).run(classifier,
                    pgd, natural, natural.add(randomStart(pgd, natural.getShape(), seed)), InputPgd.StartPoint.AS_GIVEN,
                    divergence);
            delta = adversarial.sub(natural);
            delta.attach(manager);
        }
        return delta;
    }

    /** Mean KL (TRADES direction) between {@code classifier}'s inference-mode predictions on x and x + δ. */
    static double divergenceAt(Block classifier, NDManager manager, NDArray poisoned, NDArray delta) {
        try (NDManager scratch = manager.newSubManager()) {
            NDArray x = poisoned.duplicate();
            x.attach(scratch);
            ParameterStore store = new ParameterStore(scratch, false);
            NDArray natural = classifier.forward(store, new NDList(x), false).singletonOrThrow();
            NDArray adversarial = classifier.forward(store, new NDList(x.add(delta)), false).singletonOrThrow();
            return divergence(natural, adversarial).getFloat();
        }
    }

    @Override
    public String toString() {
        return "TRADES(β = " + beta + ", PGD " + steps + " steps, radius " + radius + ")";
    }
}
