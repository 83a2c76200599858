package ai.gue.attack;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.gue.train.Adam;
import ai.gue.train.CrossEntropy;
import ai.gue.train.Gradients;
import ai.gue.train.ParameterArrays;
import java.util.ArrayList;
import java.util.List;

/**
 * One mini-batch of DeepConfuse (Feng, Cai, Zhou, "Learning to Confuse: Generating Training Time
 * Adversarial Data with Auto-Encoder", NeurIPS 2019), in the order of the authors' CIFAR code
 * ({@code CIFAR/train.py} of github.com/kingfengji/DeepConfuse):
 *
 * <ol>
 *   <li><b>generator step</b> (the "pseudo-update"): with x' = clamp(x + ε·G_ξ(x), 0, 1) from the
 *       generator being trained (training mode), take one imaginary SGD step of the classifier on the
 *       poisoned batch, θ' = θ − α·∇_θ CE(f_θ(x'), y), and move ξ to <i>raise</i> the pseudo-updated
 *       classifier's loss on the clean batch, CE(f_θ'(x), y), with one Adam step;
 *   <li><b>classifier step</b>: one real SGD step (rate α, no momentum, as their
 *       {@code optim.SGD(lr=α)}) of the classifier on a batch poisoned by a frozen copy of the
 *       generator ({@link DeepConfuse} keeps that copy and refreshes it once per round).
 * </ol>
 *
 * <p><b>The generator's gradient.</b> By the chain rule, ∇_ξ CE(f_θ'(x), y) =
 * −α·∇_ξ⟨∇_θ CE(f_θ(x'(ξ)), y), v⟩ with v = ∇_θ' CE(f_θ'(x), y) held fixed: a mixed second
 * derivative, which the authors get from PyTorch's double backward ({@code create_graph=True}).
 * DJL gives no reliable second-order gradients, so this class uses the first-order central finite
 * difference of DARTS (Liu, Simonyan, Yang, "DARTS: Differentiable Architecture Search", ICLR 2019,
 * eq. 8): with v̂ = v/‖v‖ and a small radius r in parameter space,
 *
 * <pre>  ∇_ξ⟨∇_θ L_p(ξ, θ), v⟩ ≈ ‖v‖/(2r) · [∇_ξ L_p(ξ, θ + r·v̂) − ∇_ξ L_p(ξ, θ − r·v̂)],</pre>
 *
 * where L_p(ξ, θ) = CE(f_θ(x'(ξ)), y). The weights move by exactly r (DARTS's ε = 0.01/‖v‖ on v is
 * r = 0.01 here); the error is O(r²). Both terms differentiate through the generator only via x', so
 * the bracket is one generator vector-Jacobian product, J_ξ(x')ᵀ [∇_x' L_p(θ + r·v̂) − ∇_x' L_p(θ − r·v̂)],
 * as in the game's shared step. The generator minimises −CE(f_θ'(x), y), so its gradient is
 * +α·‖v‖/(2r)·J_ξᵀ[…].
 *
 * <p>Per batch: four classifier forward and backward passes (∇_θ L_p at θ, v at θ', and the two
 * input gradients at θ ± r·v̂) for the generator step, one for the classifier step, and two
 * generator forward passes plus one backward. Every classifier pass of the generator step runs on a
 * probe network holding a copy of θ (moved to θ' or θ ± r·v̂), so the live classifier and its
 * BatchNorm running statistics are untouched; like the authors' throw-away {@code tmpmodel}, the probe
 * is in training mode (batch statistics). A deviation: the generator runs twice per batch in training
 * mode (a detached pass for x', then the pass of the vector-Jacobian product), so its BatchNorm
 * running statistics, used only to poison, see each batch twice.
 */
public final class DeepConfuseStep {

    private final GeneratorPoison trainee;
    private final Block classifier;
    private final Block probe;
    private final ParameterArrays generatorArrays;
    private final ParameterArrays classifierArrays;
    private final ParameterArrays probeArrays;
    private final Adam generatorOptimizer;
    private final int classes;
    private final double classifierLearningRate;
    private final double generatorLearningRate;
    private final double radius;

    /**
     * @param trainee                the generator being trained (ξ) with its budget
     * @param generatorOptimizer     Adam over the trainee's trainable arrays (kept across rounds)
     * @param classifier             the live classifier θ
     * @param probe                  a second initialised instance of the classifier's architecture,
     *                               overwritten at every step
     * @param classes                number of classes
     * @param classifierLearningRate α, of the real classifier step and of the pseudo-update
     * @param generatorLearningRate  Adam's rate for the generator
     * @param radius                 r, the finite-difference radius in the classifier's parameter space
     */
    public DeepConfuseStep(GeneratorPoison trainee, Adam generatorOptimizer, Block classifier, Block probe,
            int classes, double classifierLearningRate, double generatorLearningRate, double radius) {
        this.trainee = trainee;
        this.generatorOptimizer = generatorOptimizer;
        this.classifier = classifier;
        this.probe = probe;
        this.classes = classes;
        this.classifierLearningRate = classifierLearningRate;
        this.generatorLearningRate = generatorLearningRate;
        this.radius = radius;
        this.generatorArrays = new ParameterArrays(trainee.generator());
        this.classifierArrays = new ParameterArrays(classifier);
        this.probeArrays = new ParameterArrays(probe);
        generatorArrays.clearGradients();
        classifierArrays.clearGradients();
        probeArrays.clearGradients();
    }

    /**
     * The generator's gradient (of −CE(f_θ'(x), y)) and what it was computed from.
     *
     * @param poisonedLoss         CE(f_θ(x'), y), the classifier's loss on the trainee's poison
     * @param pseudoUpdatedLoss    CE(f_θ'(x), y), the pseudo-updated classifier on the clean batch
     * @param generatorGradient    one array per trainable generator array, owned by the caller's manager
     *                             (empty when returned by {@link #generatorStep}, which has used and freed it)
     */
    public record ConfusionGradient(double poisonedLoss, double pseudoUpdatedLoss, List<NDArray> generatorGradient) {}

    /**
     * Step 1 without moving anything: the DARTS estimate of the generator's gradient on clean
     * {@code images} (N, C, H, W) in [0, 1] with {@code labels} (N). Only the returned arrays stay
     * in {@code manager}.
     */
    public ConfusionGradient confusionGradient(NDManager manager, NDArray images, NDArray labels) {
        try (NDManager step = manager.newSubManager()) {
            NDArray poisoned = trainee.poison(new ParameterStore(step, false), ownedCopy(images, step), true)
                    .stopGradient();
            probeArrays.copyFrom(classifierArrays);
            WeightGradient atTheta = weightGradient(step, poisoned, labels);
            probeArrays.descend(atTheta.gradient(), classifierLearningRate); // θ'
            WeightGradient atPseudo = weightGradient(step, images, labels); // v
            double vNorm = Math.sqrt(ParameterArrays.inner(atPseudo.gradient(), atPseudo.gradient()));
            List<NDArray> gradient;
            if (vNorm == 0 || !Double.isFinite(vNorm)) {
                gradient = zeroGradient(manager);
            } else {
                probeArrays.copyFrom(classifierArrays);
                probeArrays.descend(atPseudo.gradient(), -radius / vNorm); // θ + r·v̂
                NDArray plus = inputGradient(step, poisoned, labels);
                probeArrays.copyFrom(classifierArrays);
                probeArrays.descend(atPseudo.gradient(), radius / vNorm); // θ − r·v̂
                NDArray minus = inputGradient(step, poisoned, labels);
                probeArrays.clearGradients();
                gradient = generatorVectorJacobian(manager, step, images,
                        plus.sub(minus).muli(classifierLearningRate * vNorm / (2 * radius)));
            }
            return new ConfusionGradient(atTheta.loss(), atPseudo.loss(), gradient);
        }
    }

    /** Step 1: one Adam step of the generator on {@link #confusionGradient}; returns what it was computed from. */
    public ConfusionGradient generatorStep(NDManager manager, NDArray images, NDArray labels) {
        try (NDManager step = manager.newSubManager()) {
            ConfusionGradient confusion = confusionGradient(step, images, labels);
            generatorOptimizer.step(confusion.generatorGradient(), generatorLearningRate);
            return new ConfusionGradient(confusion.poisonedLoss(), confusion.pseudoUpdatedLoss(), List.of());
        }
    }

    /**
     * Step 2: one plain SGD step (rate α) of the live classifier on {@code poisonedImages}, already
     * poisoned by the frozen generator; returns the loss before the step.
     */
    public double classifierStep(NDManager manager, NDArray poisonedImages, NDArray labels) {
        try (NDManager step = manager.newSubManager()) {
            double loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = classifier.forward(new ParameterStore(step, false),
                        new NDList(ownedCopy(poisonedImages, step)), true).singletonOrThrow();
                NDArray value = CrossEntropy.smoothed(logits, ownedCopy(labels, step), classes, 0);
                collector.backward(value);
                loss = value.getFloat();
            }
            classifierArrays.descend(classifierArrays.takeGradients(step), classifierLearningRate);
            return loss;
        }
    }

    /**
     * CE(f_θ'(x), y) with θ' = θ − α·∇_θ CE(f_θ(x'), y) at the current generator: the quantity the
     * generator step raises (for tests and monitoring; moves nothing but the probe).
     */
    public double pseudoUpdatedLoss(NDManager manager, NDArray images, NDArray labels) {
        try (NDManager step = manager.newSubManager()) {
            NDArray poisoned = trainee.poison(new ParameterStore(step, false), ownedCopy(images, step), true)
                    .stopGradient();
            probeArrays.copyFrom(classifierArrays);
            probeArrays.descend(weightGradient(step, poisoned, labels).gradient(), classifierLearningRate);
            double loss = weightGradient(step, images, labels).loss();
            probeArrays.clearGradients();
            return loss;
        }
    }

    private record WeightGradient(double loss, List<NDArray> gradient) {}

    /** The probe's CE on {@code images} and its weight gradient (owned by {@code step}; cleared from the probe). */
    private WeightGradient weightGradient(NDManager step, NDArray images, NDArray labels) {
        double loss;
        try (NDManager pass = step.newSubManager()) {
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = probe.forward(new ParameterStore(pass, false), new NDList(ownedCopy(images, pass)),
                        true).singletonOrThrow();
                NDArray value = CrossEntropy.smoothed(logits, ownedCopy(labels, pass), classes, 0);
                collector.backward(value);
                loss = value.getFloat();
            }
        }
        return new WeightGradient(loss, probeArrays.takeGradients(step));
    }

    /** ∇_x' CE(f_probe(x'), y) on the detached poisoned batch, owned by {@code step}. */
    private NDArray inputGradient(NDManager step, NDArray poisoned, NDArray labels) {
        try (NDManager pass = step.newSubManager()) {
            NDArray input = ownedCopy(poisoned, pass);
            input.setRequiresGradient(true);
            try (Gradients.InputOnly inputOnly = Gradients.inputOnly(probe);
                    GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = probe.forward(new ParameterStore(pass, false), new NDList(input), true)
                        .singletonOrThrow();
                collector.backward(CrossEntropy.smoothed(logits, ownedCopy(labels, pass), classes, 0));
            }
            NDArray gradient = input.getGradient().duplicate();
            gradient.attach(step);
            return gradient;
        }
    }

    /** J_ξ(x')ᵀ·direction through the trainee (training mode), owned by {@code owner}. */
    private List<NDArray> generatorVectorJacobian(NDManager owner, NDManager step, NDArray images,
            NDArray direction) {
        try (NDManager pass = step.newSubManager()) {
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray poisoned = trainee.poison(new ParameterStore(pass, false), ownedCopy(images, pass), true);
                collector.backward(ownedCopy(direction, pass).mul(poisoned).sum());
            }
            return generatorArrays.takeGradients(owner);
        }
    }

    private List<NDArray> zeroGradient(NDManager owner) {
        List<NDArray> zeros = new ArrayList<>();
        for (NDArray w : generatorArrays.trainable()) {
            zeros.add(owner.zeros(w.getShape(), w.getDataType(), w.getDevice()));
        }
        return zeros;
    }

    /** A copy of {@code array} owned by {@code manager}, so that results computed from it are too. */
    private static NDArray ownedCopy(NDArray array, NDManager manager) {
        NDArray copy = array.duplicate();
        copy.attach(manager);
        return copy;
    }
}
