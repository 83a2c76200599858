package ai.gue.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * PGD adversarial training (Madry, Makelov, Schmidt, Tsipras, Vladu, ICLR 2018), the strongest
 * defense against availability poisons in the literature: every training batch is replaced by its
 * L∞ PGD adversarial examples against the current victim before the SGD step. PGD starts at a
 * uniform random point of the ball, takes {@code steps} signed-gradient ascent steps of
 * {@code stepSize} on the cross-entropy, and projects onto the ball and [0, 1] after each. The
 * attack runs the victim in inference mode (BatchNorm running statistics, which it does not move)
 * and clears the gradients it leaves on the victim's weights.
 *
 * @param radius   ε on the [0, 1] scale (8/255 or 4/255 in the literature)
 * @param steps    PGD steps (10)
 * @param stepSize step on the [0, 1] scale (2/255 for ε = 8/255)
 */
public record AdversarialTraining(double radius, int steps, double stepSize) {

    public AdversarialTraining {
        if (!(radius > 0 && radius <= 1)) {
            throw new IllegalArgumentException("adversarial-training radius must be in (0, 1], got " + radius);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("adversarial-training PGD steps must be at least 1, got " + steps);
        }
        if (!(stepSize > 0) || Double.isInfinite(stepSize)) {
            throw new IllegalArgumentException("adversarial-training step size must be a positive number, got "
                    + stepSize);
        }
    }

    /**
     * The adversarial batch for {@code images} (N, C, H, W in [0, 1]) with integer {@code labels},
     * owned by {@code manager}: within {@code radius} of {@code images} and in [0, 1].
     */
    public NDArray attack(Block classifier, NDManager manager, NDArray images, NDArray labels, int classes,
            long seed) {
        NDArray result;
        try (NDManager pgd = manager.newSubManager()) {
            // Every temporary starts from an array of `pgd` (an op's result belongs to its first operand's
            // manager), so closing `pgd` frees them all.
            NDArray natural = images.duplicate();
            natural.attach(pgd);
            natural = natural.stopGradient();
            ParameterStore store = new ParameterStore(pgd, false);
            NDArray lower = natural.sub(radius).maximum(0);
            NDArray upper = natural.add(radius).minimum(1);
            NDArray adversarial = natural.add(uniformStart(pgd, natural.getShape(), seed)).maximum(lower).minimum(upper);
            for (int s = 0; s < steps; s++) {
                NDArray leaf = adversarial.stopGradient();
                leaf.setRequiresGradient(true);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray logits = classifier.forward(store, new NDList(leaf), false).singletonOrThrow();
                    collector.backward(CrossEntropy.smoothed(logits, labels, classes, 0));
                }
                NDArray gradient = leaf.getGradient();
                gradient.attach(pgd);
                clearGradients(classifier); // PGD only wants the input's gradient
                adversarial = leaf.stopGradient().add(gradient.sign().mul(stepSize)).maximum(lower).minimum(upper);
            }
            result = adversarial.duplicate();
            result.attach(manager);
        }
        return result;
    }

    private static void clearGradients(Block classifier) {
        for (var pair : classifier.getParameters()) {
            Parameter parameter = pair.getValue();
            if (parameter.requiresGradient()) {
                try (NDArray gradient = parameter.getArray().getGradient()) {
                    gradient.subi(gradient);
                }
            }
        }
    }

    /** Uniform start in [−radius, radius], drawn in Java from {@code seed}. */
    private NDArray uniformStart(NDManager manager, Shape shape, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextDouble(-radius, radius);
        }
        return manager.create(values, shape);
    }

    /** "PGD-10 adversarial training, L∞ 8/255, step 2/255". */
    public String describe() {
        return String.format(Locale.ROOT, "PGD-%d adversarial training, L∞ %.4g/255, step %.4g/255", steps,
                radius * 255, stepSize * 255);
    }
}
