package ai.gue.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
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
        try (NDManager start = manager.newSubManager()) {
            NDArray first = images.duplicate();
            first.attach(start);
            first = first.add(uniformStart(start, images.getShape(), seed));
            return new InputPgd(radius, steps, stepSize, InputPgd.Direction.ASCEND)
                    .run(classifier, manager, images, first, labels, classes);
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
