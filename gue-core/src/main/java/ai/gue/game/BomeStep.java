package ai.gue.game;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.gue.attack.GeneratorPoison;
import ai.gue.train.Adam;
import ai.gue.train.CrossEntropy;
import java.util.ArrayList;
import java.util.List;

/**
 * One step of the GUE game on a mini-batch, exactly as DESIGN.md section 4 states the authors'
 * algorithm (Liu, Wang, Gao, AAAI 2024; BOME of Ye et al., NeurIPS 2022):
 *
 * <ol>
 *   <li>copy the live follower θ into a throw-away follower and take T Adam steps on the follower
 *       loss {@code g(a, ·) = CE(h(x'), y)} on the current poisoned batch: θ^T ≈ argmin g(a, ·);
 *   <li>{@code ∇_θ f(θ)}: the leader's payoff on the clean batch;
 *   <li>{@code q = g(a, θ) − g(a, θ^T)}, differentiated through the generator in both terms
 *       ({@code ∇_a q}) and through the live follower ({@code ∇_θ q = ∇_θ g(a, θ)});
 *   <li>the barrier multiplier λ ({@link BarrierMultiplier});
 *   <li>plain SGD: {@code a ← a − lr_a·λ·∇_a q} and {@code θ ← θ − lr_θ·(∇_θ f + λ·∇_θ q)}.
 * </ol>
 *
 * <p>{@link GameImplementation#SHARED} computes the poisoned batch once (detached) for the inner
 * loop and shares one generator forward pass between the two q terms; {@link
 * GameImplementation#AUTHORS} repeats the generator's forward and backward passes as the authors'
 * code does. Both give the same parameter updates (the generator's BatchNorm running statistics,
 * used only at poisoning time, see more batches under AUTHORS).
 */
public final class BomeStep implements AutoCloseable {

    private final GeneratorPoison poison;
    private final Block follower;
    private final Block innerFollower;
    private final ParameterArrays generatorArrays;
    private final ParameterArrays followerArrays;
    private final ParameterArrays innerArrays;
    private final Adam innerOptimizer;
    private final GameHyperParameters hyper;

    /**
     * @param poison        the generator (leader, parameters a) with its budget
     * @param follower      the live follower θ
     * @param innerFollower a second, initialised instance of the follower's architecture, reused as
     *                      the throw-away follower at every step
     * @param hyper         η, T and the learning rates
     * @param manager       owner of the inner optimiser's state
     */
    public BomeStep(GeneratorPoison poison, Block follower, Block innerFollower, GameHyperParameters hyper,
            NDManager manager) {
        this.poison = poison;
        this.follower = follower;
        this.innerFollower = innerFollower;
        this.hyper = hyper;
        this.generatorArrays = new ParameterArrays(poison.generator());
        this.followerArrays = new ParameterArrays(follower);
        this.innerArrays = new ParameterArrays(innerFollower);
        this.innerOptimizer = new Adam(innerArrays.trainable(), manager);
        generatorArrays.clearGradients();
        followerArrays.clearGradients();
        innerArrays.clearGradients();
    }

    /**
     * Runs one game step on clean images {@code images} (N, C, H, W) in [0, 1] with labels
     * {@code labels} (N), updating the generator and the live follower in place. All temporaries
     * live in a child of {@code manager} that is closed before returning.
     */
    public GameStepMetrics run(NDManager manager, NDArray images, NDArray labels) {
        long started = System.nanoTime();
        try (NDManager step = manager.newSubManager()) {
            innerLoop(step, images, labels);
            PayoffGradient payoff = payoffGradient(step, images, labels);
            GapGradients gap = valueGapGradients(step, images, labels);

            // 4. λ.
            double followerGapNormSquared = ParameterArrays.inner(gap.follower(), gap.follower());
            double generatorGapNormSquared = ParameterArrays.inner(gap.generator(), gap.generator());
            double payoffGapInner = ParameterArrays.inner(payoff.gradient(), gap.follower());
            double lambda = BarrierMultiplier.of(hyper.eta(), followerGapNormSquared + generatorGapNormSquared,
                    payoffGapInner);

            // 5. Plain SGD on both players.
            generatorArrays.descend(gap.generator(), hyper.generatorLearningRate() * lambda);
            List<NDArray> followerDirection = new ArrayList<>(payoff.gradient().size());
            for (int i = 0; i < payoff.gradient().size(); i++) {
                followerDirection.add(payoff.gradient().get(i).add(gap.follower().get(i).mul(lambda)));
            }
            followerArrays.descend(followerDirection, hyper.followerLearningRate());

            double payoffNorm = Math.sqrt(ParameterArrays.inner(payoff.gradient(), payoff.gradient()));
            return new GameStepMetrics(payoff.value(), gap.followerLoss(), gap.innerLoss(),
                    gap.followerLoss() - gap.innerLoss(), lambda, payoffNorm, Math.sqrt(followerGapNormSquared),
                    Math.sqrt(generatorGapNormSquared), payoffGapInner, (System.nanoTime() - started) / 1e9);
        }
    }

    /** Step 1: θ^T from θ by T Adam steps on g(a, ·) = CE(h(x'), y); the generator does not move. */
    void innerLoop(NDManager step, NDArray images, NDArray labels) {
        Engine engine = Engine.getInstance();
        innerArrays.copyFrom(followerArrays);
        innerOptimizer.reset();
        NDArray detachedPoison = hyper.implementation() == GameImplementation.SHARED
                ? poison.poison(new ParameterStore(step, false), images, true).stopGradient()
                : null;
        for (int t = 0; t < hyper.innerSteps(); t++) {
            try (NDManager inner = step.newSubManager()) {
                ParameterStore innerParameters = new ParameterStore(inner, false);
                try (GradientCollector collector = engine.newGradientCollector()) {
                    NDArray poisoned = detachedPoison != null
                            ? detachedPoison
                            : poison.poison(innerParameters, images, true); // authors: re-run the UNet
                    NDArray logits = innerFollower.forward(innerParameters, new NDList(poisoned), true)
                            .singletonOrThrow();
                    collector.backward(CrossEntropy.smoothed(logits, labels, (int) logits.getShape().get(1), 0));
                }
                innerOptimizer.step(hyper.innerLearningRate());
                if (detachedPoison == null) {
                    generatorArrays.clearGradients(); // the authors' backward also reached the UNet
                }
            }
        }
    }

    /** f(θ) on the clean batch and its gradient. */
    record PayoffGradient(double value, List<NDArray> gradient) {}

    /** Step 2: ∇_θ f(θ) on the clean batch. */
    PayoffGradient payoffGradient(NDManager step, NDArray images, NDArray labels) {
        double value;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray logits = follower.forward(new ParameterStore(step, false), new NDList(images), true)
                    .singletonOrThrow();
            NDArray payoff = hyper.payoff().evaluate(logits, labels);
            collector.backward(payoff);
            value = payoff.getFloat();
        }
        return new PayoffGradient(value, followerArrays.takeGradients(step));
    }

    /** g(a, θ), g(a, θ^T) and the gradients of q = g(a, θ) − g(a, θ^T) in θ and in a. */
    record GapGradients(double followerLoss, double innerLoss, List<NDArray> follower, List<NDArray> generator) {}

    /** Step 3: q's gradients, through the generator in both terms, with θ^T held fixed. */
    GapGradients valueGapGradients(NDManager step, NDArray images, NDArray labels) {
        ParameterStore parameters = new ParameterStore(step, false);
        double followerLoss;
        double innerLoss;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray poisoned = poison.poison(parameters, images, true);
            NDArray liveLogits = follower.forward(parameters, new NDList(poisoned), true).singletonOrThrow();
            int classes = (int) liveLogits.getShape().get(1);
            NDArray poisonedForInner = hyper.implementation() == GameImplementation.SHARED
                    ? poisoned
                    : poison.poison(parameters, images, true); // authors: a second UNet forward
            NDArray innerLogits = innerFollower.forward(parameters, new NDList(poisonedForInner), true)
                    .singletonOrThrow();
            NDArray liveLoss = CrossEntropy.smoothed(liveLogits, labels, classes, 0);
            NDArray innerLossArray = CrossEntropy.smoothed(innerLogits, labels, classes, 0);
            collector.backward(liveLoss.sub(innerLossArray));
            followerLoss = liveLoss.getFloat();
            innerLoss = innerLossArray.getFloat();
        }
        List<NDArray> followerGradient = followerArrays.takeGradients(step);
        List<NDArray> generatorGradient = generatorArrays.takeGradients(step);
        innerArrays.clearGradients(); // θ^T is fixed in q; its gradients are discarded
        return new GapGradients(followerLoss, innerLoss, followerGradient, generatorGradient);
    }

    @Override
    public void close() {
        innerOptimizer.close();
    }
}
