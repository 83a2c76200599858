package ai.gue.game;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.gue.attack.GeneratorPoison;
import ai.gue.game.FollowerObjective.FollowerLoss;
import ai.gue.train.Adam;
import ai.gue.train.Augmentation;
import ai.gue.train.CropFlip;
import ai.gue.train.Gradients;
import ai.gue.train.ParameterArrays;
import ai.gue.util.SeedTree;
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
 * <p>The follower loss g is a {@link FollowerObjective}: plain CE in the standard setting, TRADES
 * in the adversarial one ({@link TradesObjective}, whose PGD runs before each gradient collector
 * opens, against the network whose loss it is: θ^T_t at inner step t, θ and θ^T for the two q
 * terms). The generator's step is a {@link GeneratorOptimizer}: plain SGD in the standard setting,
 * SGD with momentum and weight decay on {@code λ·∇_a q} in the adversarial one (or, a deviation,
 * Adam). Both learning rates can be scaled per step (milestone decay, see {@link GameConfig}).
 *
 * <p>{@link GameImplementation#AUTHORS} spends compute as the authors' code does: the generator's
 * forward and backward passes in every inner step and once per q term, one backward pass of q
 * through everything. {@link GameImplementation#SHARED} splits that chain rule at the poisoned
 * batch x': it runs the generator forward once, keeping its graph for the end, and feeds a
 * detached x' to every follower pass; takes the live pass g(a, θ) first, giving ∇_θ q and
 * ∇_x' g(a, θ), and reuses its weight gradient as the inner loop's first step (θ^T_0 = θ, same
 * batch); takes θ^T's pass for its input gradient; and gets ∇_a q as one vector-Jacobian product
 * of the generator with ∇_x' g(a, θ) − ∇_x' g(a, θ^T). Per step that saves T + 1 generator
 * forward and T backward passes and one follower pass. Both give the same
 * parameter updates up to float rounding (the generator's BatchNorm running statistics, used only
 * at poisoning time, see more batches under AUTHORS).
 */
public final class BomeStep implements AutoCloseable {

    private final GeneratorPoison poison;
    private final Block follower;
    private final Block innerFollower;
    private final ParameterArrays generatorArrays;
    private final ParameterArrays followerArrays;
    private final ParameterArrays innerArrays;
    private final Adam innerOptimizer;
    private final GeneratorOptimizer generatorOptimizer;
    private final FollowerObjective objective;
    private final GameHyperParameters hyper;
    /** Crop and flip of the poisoned batch, or null for none (the authors' game). */
    private final Augmentation poisonAugmentation;

    /**
     * @param poison        the generator (leader, parameters a) with its budget
     * @param follower      the live follower θ
     * @param innerFollower a second, initialised instance of the follower's architecture, reused as
     *                      the throw-away follower at every step
     * @param hyper         η, T, the learning rates, the setting and the generator's optimiser
     * @param manager       owner of the optimisers' state
     */
    public BomeStep(GeneratorPoison poison, Block follower, Block innerFollower, GameHyperParameters hyper,
            NDManager manager) {
        this(poison, follower, innerFollower, hyper, Augmentation.NONE, manager);
    }

    /**
     * A step whose follower passes see the poisoned batch randomly cropped and flipped (a new draw
     * per step from the step's seed), differentiably, so that ∇_a q flows back through the crop:
     * see {@link GameConfig#poisonAugmentation()}. Only with the shared implementation.
     */
    public BomeStep(GeneratorPoison poison, Block follower, Block innerFollower, GameHyperParameters hyper,
            Augmentation poisonAugmentation, NDManager manager) {
        boolean augmented = poisonAugmentation.cropPadding() > 0 || poisonAugmentation.horizontalFlip();
        if (augmented && hyper.implementation() != GameImplementation.SHARED) {
            throw new IllegalArgumentException("poison augmentation needs the shared implementation");
        }
        this.poisonAugmentation = augmented ? poisonAugmentation : null;
        this.poison = poison;
        this.follower = follower;
        this.innerFollower = innerFollower;
        this.hyper = hyper;
        this.generatorArrays = new ParameterArrays(poison.generator());
        this.followerArrays = new ParameterArrays(follower);
        this.innerArrays = new ParameterArrays(innerFollower);
        this.innerOptimizer = new Adam(innerArrays.trainable(), manager);
        this.generatorOptimizer = GeneratorOptimizer.of(hyper, generatorArrays, manager);
        this.objective = hyper.followerObjective();
        generatorArrays.clearGradients();
        followerArrays.clearGradients();
        innerArrays.clearGradients();
    }

    /** {@link #run(NDManager, NDArray, NDArray, long, double)} with seed 0 and unscaled learning rates. */
    public GameStepMetrics run(NDManager manager, NDArray images, NDArray labels) {
        return run(manager, images, labels, 0, 1.0);
    }

    /**
     * Runs one game step on clean images {@code images} (N, C, H, W) in [0, 1] with labels
     * {@code labels} (N), updating the generator and the live follower in place. All temporaries
     * live in a child of {@code manager} that is closed before returning.
     *
     * @param seed               seed of the step's randomness (PGD's random starts in the adversarial
     *                           setting; unused in the standard one)
     * @param learningRateScale  factor on the generator's and the live follower's learning rates
     *                           (milestone decay; 1 without milestones)
     */
    public GameStepMetrics run(NDManager manager, NDArray images, NDArray labels, long seed,
            double learningRateScale) {
        long started = System.nanoTime();
        SeedTree seeds = new SeedTree(seed);
        try (NDManager step = manager.newSubManager()) {
            boolean shared = hyper.implementation() == GameImplementation.SHARED;
            NDArray poisonedWithGraph = shared ? poisonWithGraph(step, images, seeds) : null;
            NDArray detachedPoison = shared ? poisonedWithGraph.stopGradient() : detachedPoison(step, images);
            PayoffGradient payoff;
            GapGradients gap;
            if (shared) {
                // Payoff before the live pass: the live follower's BatchNorm running statistics see
                // the clean batch, then the poisoned one, as in the authors' order.
                payoff = payoffGradient(step, images, labels);
                LivePass live = livePass(step, labels, detachedPoison, seeds);
                // θ^T_0 = θ on the same batch: the first inner gradient is the live one (exactly, unless
                // the follower loss draws its own random numbers, as TRADES's PGD start does).
                innerLoop(step, images, labels, detachedPoison, seeds,
                        objective.randomized() ? null : live.followerGradient());
                gap = sharedGap(step, poisonedWithGraph, labels, detachedPoison, seeds, live);
            } else {
                innerLoop(step, images, labels, detachedPoison, seeds, null);
                payoff = payoffGradient(step, images, labels);
                gap = authorsGap(step, images, labels, detachedPoison, seeds);
            }

            // 4. λ.
            double followerGapNormSquared = ParameterArrays.inner(gap.follower(), gap.follower());
            double generatorGapNormSquared = ParameterArrays.inner(gap.generator(), gap.generator());
            double payoffGapInner = ParameterArrays.inner(payoff.gradient(), gap.follower());
            double lambda = BarrierMultiplier.of(hyper.eta(), followerGapNormSquared + generatorGapNormSquared,
                    payoffGapInner);

            // 5. SGD on both players (the generator's with momentum and weight decay if configured).
            generatorOptimizer.step(gap.generator(), lambda, hyper.generatorLearningRate() * learningRateScale);
            List<NDArray> followerDirection = new ArrayList<>(payoff.gradient().size());
            for (int i = 0; i < payoff.gradient().size(); i++) {
                followerDirection.add(payoff.gradient().get(i).add(gap.follower().get(i).mul(lambda)));
            }
            followerArrays.descend(followerDirection, hyper.followerLearningRate() * learningRateScale);

            double payoffNorm = Math.sqrt(ParameterArrays.inner(payoff.gradient(), payoff.gradient()));
            double perturbationAlignment = Double.NaN; // the authors' way never materialises x' alone
            if (detachedPoison != null) {
                try (NDArray perturbation = detachedPoison.sub(augmented(images, seeds))) {
                    perturbationAlignment = ClassAlignment.of(perturbation, labels);
                }
            }
            return new GameStepMetrics(payoff.value(), gap.followerLoss(), gap.innerLoss(),
                    gap.followerLoss() - gap.innerLoss(), lambda, payoffNorm, Math.sqrt(followerGapNormSquared),
                    Math.sqrt(generatorGapNormSquared), payoffGapInner, perturbationAlignment, gap.signalAlignment(),
                    gap.liveSignalAlignment(), (System.nanoTime() - started) / 1e9);
        }
    }

    /**
     * The shared way's one generator forward pass: x' with the generator's graph, kept for the final
     * vector-Jacobian product (DJL's collector only switches PyTorch's grad mode; the graph lives as
     * long as the array). Its detached copy feeds every follower pass. Every tensor the graph keeps
     * must be libtorch's own, not a wrapped Java buffer that may be freed before the product (the
     * input is copied, {@link ai.gue.model.BilinearUpsampling} copies its matrices, and ε enters
     * through {@link ai.gue.util.GraphScalars}): the session-4 version of this graph, kept across
     * the inner loop's allocations, read DJL's freed constant buffers after a garbage collection
     * and gave wrong generator gradients now and then.
     */
    private NDArray poisonWithGraph(NDManager step, NDArray images, SeedTree seeds) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray poisoned = poison.poison(new ParameterStore(step, false), ownedCopy(images, step), true);
            return augmented(poisoned, seeds); // inside the collector: the crop joins the graph
        }
    }

    /**
     * {@code batch} cropped and flipped with the step's draws when the game augments, else itself:
     * the same draws for the poisoned batch and (for diagnostics) the clean one.
     */
    private NDArray augmented(NDArray batch, SeedTree seeds) {
        return poisonAugmentation == null ? batch
                : CropFlip.apply(batch, poisonAugmentation, seeds.child("poison-augmentation").seed());
    }

    /**
     * The poisoned batch, detached, when the step needs it: the shared implementation's inner loop
     * uses it instead of re-running the generator, and TRADES runs PGD on it. Null otherwise. The
     * generator has not moved between its uses within a step, and in training mode its output does
     * not depend on its running statistics, so it equals every x' the step computes.
     */
    private NDArray detachedPoison(NDManager step, NDArray images) {
        if (hyper.implementation() != GameImplementation.SHARED && !objective.needsPoisonedBatch()) {
            return null;
        }
        return poison.poison(new ParameterStore(step, false), images, true).stopGradient();
    }

    /** Step 1 alone (for tests): {@code innerLoop} with the step's detached poison and seed 0. */
    void innerLoop(NDManager step, NDArray images, NDArray labels) {
        innerLoop(step, images, labels, detachedPoison(step, images), new SeedTree(0), null);
    }

    /**
     * Step 1: θ^T from θ by T Adam steps on g(a, ·); the generator does not move. With {@code
     * firstGradient} (∇_θ g(a, θ) on this batch, already computed) the first step uses it instead of
     * a pass of its own.
     */
    private void innerLoop(NDManager step, NDArray images, NDArray labels, NDArray detachedPoison, SeedTree seeds,
            List<NDArray> firstGradient) {
        Engine engine = Engine.getInstance();
        innerArrays.copyFrom(followerArrays);
        innerOptimizer.reset();
        boolean rerunGenerator = hyper.implementation() != GameImplementation.SHARED;
        for (int t = 0; t < hyper.innerSteps(); t++) {
            if (t == 0 && firstGradient != null) {
                innerOptimizer.step(firstGradient, hyper.innerLearningRate());
                continue;
            }
            try (NDManager inner = step.newSubManager()) {
                ParameterStore innerParameters = new ParameterStore(inner, false);
                // An op's result belongs to its first operand's manager, and the networks' first
                // operand is their input: inputs owned by `step` would keep every inner step's
                // activations alive until the whole game step ends (T × a forward pass: more than
                // 24 GiB for ResNet-18 + width-64 UNet at batch 256). Copies owned by `inner` are
                // freed with it.
                NDArray innerPoison = detachedPoison == null ? null : ownedCopy(detachedPoison, inner);
                NDArray innerLabels = ownedCopy(labels, inner); // the loss's one-hot targets start from them
                // Outside the collector: TRADES's PGD against θ^T_t (nothing for plain CE).
                FollowerLoss loss = objective.prepare(innerFollower, inner, innerPoison, innerLabels,
                        seeds.child("inner/" + t).seed());
                try (GradientCollector collector = engine.newGradientCollector()) {
                    NDArray poisoned = rerunGenerator
                            ? poison.poison(innerParameters, ownedCopy(images, inner), true) // authors: re-run the UNet
                            : innerPoison;
                    collector.backward(loss.of(innerParameters, poisoned));
                }
                innerOptimizer.step(hyper.innerLearningRate());
                if (rerunGenerator) {
                    generatorArrays.clearGradients(); // the authors' backward also reached the UNet
                }
            }
        }
    }

    /** A copy of {@code array} owned by {@code manager}, so that results computed from it are too. */
    private static NDArray ownedCopy(NDArray array, NDManager manager) {
        NDArray copy = array.duplicate();
        copy.attach(manager);
        return copy;
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
    record GapGradients(double followerLoss, double innerLoss, List<NDArray> follower, List<NDArray> generator,
            double signalAlignment, double liveSignalAlignment) {}

    /**
     * Step 3 alone (for tests), with whatever θ^T the throw-away follower holds: the implementation's
     * own way, with the step's detached poison and seed 0.
     */
    GapGradients valueGapGradients(NDManager step, NDArray images, NDArray labels) {
        SeedTree seeds = new SeedTree(0);
        if (hyper.implementation() == GameImplementation.SHARED) {
            NDArray withGraph = poisonWithGraph(step, images, seeds);
            NDArray detached = withGraph.stopGradient();
            return sharedGap(step, withGraph, labels, detached, seeds, livePass(step, labels, detached, seeds));
        }
        return authorsGap(step, images, labels, detachedPoison(step, images), seeds);
    }

    /**
     * Step 3 as the authors' code computes it: one backward pass of q = g(a, θ) − g(a, θ^T) through
     * both followers and (twice) through the generator, θ^T held fixed.
     */
    private GapGradients authorsGap(NDManager step, NDArray images, NDArray labels, NDArray detachedPoison,
            SeedTree seeds) {
        ParameterStore parameters = new ParameterStore(step, false);
        // Outside the collector: TRADES's PGD against θ and against θ^T (nothing for plain CE).
        FollowerLoss live = objective.prepare(follower, step, detachedPoison, labels, seeds.child("live").seed());
        FollowerLoss inner = objective.prepare(innerFollower, step, detachedPoison, labels,
                seeds.child("inner-final").seed());
        double followerLoss;
        double innerLoss;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray liveLoss = live.of(parameters, poison.poison(parameters, images, true));
            NDArray innerLossArray = inner.of(parameters, poison.poison(parameters, images, true));
            collector.backward(liveLoss.sub(innerLossArray));
            followerLoss = liveLoss.getFloat();
            innerLoss = innerLossArray.getFloat();
        }
        List<NDArray> followerGradient = followerArrays.takeGradients(step);
        List<NDArray> generatorGradient = generatorArrays.takeGradients(step);
        innerArrays.clearGradients(); // θ^T is fixed in q; its gradients are discarded
        return new GapGradients(followerLoss, innerLoss, followerGradient, generatorGradient, Double.NaN, Double.NaN);
    }

    /**
     * g(a, θ) on the poisoned batch with its gradients to θ (which is ∇_θ q) and to the poisoned
     * batch x' (half of what ∇_a q needs).
     */
    record LivePass(double loss, List<NDArray> followerGradient, NDArray poisonGradient) {}

    private LivePass livePass(NDManager step, NDArray labels, NDArray detachedPoison, SeedTree seeds) {
        InputGradient live = lossAndInputGradient(step, follower, labels, detachedPoison,
                seeds.child("live").seed(), true);
        return new LivePass(live.loss(), followerArrays.takeGradients(step), live.gradient());
    }

    /**
     * Step 3 the shared way, from the live pass: g(a, θ^T) with its gradient to x' alone (θ^T's own
     * weights are held fixed in q, so no weight gradients are computed), then ∇_a q as one
     * vector-Jacobian product of the generator, {@code J_a(x')ᵀ (∇_x' g(a, θ) − ∇_x' g(a, θ^T))}: the
     * chain rule of the authors' single backward pass, split at x'.
     */
    private GapGradients sharedGap(NDManager step, NDArray poisonedWithGraph, NDArray labels,
            NDArray detachedPoison, SeedTree seeds, LivePass live) {
        InputGradient inner = lossAndInputGradient(step, innerFollower, labels, detachedPoison,
                seeds.child("inner-final").seed(), false);
        List<NDArray> generatorGradient;
        double signalAlignment;
        // −∇_x' g(a, θ) alone is the error-minimising direction of Huang et al.'s EM for the live
        // follower; comparing its alignment with that of −∇_x' q shows what the θ^T term removes.
        double liveSignalAlignment = ClassAlignment.of(live.poisonGradient(), labels);
        try (NDManager pass = step.newSubManager()) {
            NDArray direction = live.poisonGradient().sub(inner.gradient());
            direction.attach(pass);
            signalAlignment = ClassAlignment.of(direction, labels); // −direction: same alignment
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(direction.mul(poisonedWithGraph).sum()); // through the step's one UNet forward
            }
            generatorGradient = generatorArrays.takeGradients(step);
        }
        return new GapGradients(live.loss(), inner.loss(), live.followerGradient(), generatorGradient,
                signalAlignment, liveSignalAlignment);
    }

    /** A follower loss value and its gradient to the poisoned batch (owned by the step). */
    private record InputGradient(double loss, NDArray gradient) {}

    /**
     * {@code classifier}'s follower loss on the detached poisoned batch and its gradient to that
     * batch; with {@code weightGradients} gradients also reach the classifier's weights, without
     * them the backward pass skips the weights ({@link Gradients#inputOnly}). Everything else the
     * pass creates lives in a sub-manager closed here.
     */
    private InputGradient lossAndInputGradient(NDManager step, Block classifier, NDArray labels,
            NDArray detachedPoison, long seed, boolean weightGradients) {
        try (NDManager pass = step.newSubManager()) {
            NDArray poisoned = ownedCopy(detachedPoison, pass);
            NDArray passLabels = ownedCopy(labels, pass);
            // Outside the collector: TRADES's PGD (nothing for plain CE).
            FollowerLoss loss = objective.prepare(classifier, pass, poisoned, passLabels, seed);
            poisoned.setRequiresGradient(true);
            double value;
            try (Gradients.InputOnly inputOnly = weightGradients ? null : Gradients.inputOnly(classifier);
                    GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray lossArray = loss.of(new ParameterStore(pass, false), poisoned);
                collector.backward(lossArray);
                value = lossArray.getFloat();
            }
            NDArray gradient = poisoned.getGradient().duplicate();
            gradient.attach(step);
            return new InputGradient(value, gradient);
        }
    }

    /** The generator optimiser's state (empty for plain SGD), copies owned by {@code manager}. */
    public NDList generatorOptimizerState(NDManager manager) {
        return generatorOptimizer.state(manager);
    }

    /** Whether the generator's optimiser has state a checkpoint must keep (momentum, Adam's moments). */
    public boolean hasGeneratorOptimizerState() {
        return generatorOptimizer.hasState();
    }

    /** Restores the generator optimiser's state saved by {@link #generatorOptimizerState}. */
    public void loadGeneratorOptimizerState(NDList state) {
        generatorOptimizer.loadState(state);
    }

    @Override
    public void close() {
        innerOptimizer.close();
        generatorOptimizer.close();
    }
}
