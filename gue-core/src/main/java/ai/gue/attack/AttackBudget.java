package ai.gue.attack;

import ai.gue.data.ImageDataset;
import java.util.Locale;

/**
 * How far an attack may move each image, in one {@link PerturbationNorm}: the L∞ radius 8/255 of
 * GUE and EM, the L2 radius 1.0 of AR and LSP, the single pixel of OPS. The budget is a promise
 * about the stored bytes: {@link #check} measures every image of a written dataset against it.
 *
 * @param norm   what is bounded
 * @param radius the bound: on the [0, 1] pixel scale for L∞ and L2, a number of pixel positions for L0
 */
public record AttackBudget(PerturbationNorm norm, double radius) {

    public AttackBudget {
        java.util.Objects.requireNonNull(norm, "norm");
        if (!(radius > 0) || Double.isInfinite(radius)) {
            throw new IllegalArgumentException(norm.symbol() + " budget must be a positive number, got " + radius);
        }
        if (norm == PerturbationNorm.LINF && radius > 1) {
            throw new IllegalArgumentException("an L∞ budget above 1 (255/255) bounds nothing, got " + radius);
        }
        if (norm == PerturbationNorm.L0 && radius != Math.rint(radius)) {
            throw new IllegalArgumentException("an L0 budget counts pixels and must be whole, got " + radius);
        }
    }

    /** The L∞ budget of {@code budget} (GUE's and the noise baselines'). */
    public static AttackBudget of(Budget budget) {
        return new AttackBudget(PerturbationNorm.LINF, budget.epsilon());
    }

    /** An L2 budget of {@code radius} on the [0, 1] scale. */
    public static AttackBudget l2(double radius) {
        return new AttackBudget(PerturbationNorm.L2, radius);
    }

    /** An L0 budget of {@code pixels} pixel positions. */
    public static AttackBudget l0(int pixels) {
        return new AttackBudget(PerturbationNorm.L0, pixels);
    }

    /**
     * Whether a measured size is within the budget. L∞ compares whole grey levels (8/255 admits a
     * change of 8 levels and no more); L2 allows float rounding of the radius itself (1e-9 relative).
     */
    public boolean admits(double size) {
        return switch (norm) {
            case LINF -> Math.round(size * 255) <= Math.floor(radius * 255 + 1e-9);
            case L2 -> size <= radius * (1 + 1e-9);
            case L0 -> size <= radius;
        };
    }

    /**
     * Measures every image of {@code poisoned} against {@code clean} (same order) in this norm.
     *
     * @return the largest size and the first image that has it
     */
    public Measurement measure(ImageDataset clean, ImageDataset poisoned) {
        clean.requirePairedWith(poisoned);
        int perImage = clean.shape().pixelCount();
        int positions = clean.shape().height() * clean.shape().width();
        double largest = 0;
        int worst = -1;
        for (int i = 0; i < clean.size(); i++) {
            double size = norm.measure(clean.pixels(), poisoned.pixels(), i * perImage, perImage, positions);
            if (size > largest) {
                largest = size;
                worst = i;
            }
        }
        return new Measurement(largest, worst);
    }

    /**
     * Checks that every image of {@code poisoned} is within the budget.
     *
     * @throws IllegalStateException naming the first image with the largest violation, its size and the budget
     */
    public Measurement check(ImageDataset clean, ImageDataset poisoned) {
        Measurement measured = measure(clean, poisoned);
        if (!admits(measured.largest())) {
            throw new IllegalStateException(poisoned.name() + ": image " + measured.worstImage() + " moved "
                    + describeSize(measured.largest()) + ", outside the budget " + this);
        }
        return measured;
    }

    /** A size in this budget's units ("8/255", "0.9981", "1 pixel"). */
    public String describeSize(double size) {
        return switch (norm) {
            case LINF -> Math.round(size * 255) + "/255";
            case L2 -> String.format(Locale.ROOT, "%.4f", size);
            case L0 -> Math.round(size) + (Math.round(size) == 1 ? " pixel" : " pixels");
        };
    }

    /** "L∞ 8/255", "L2 1.0000", "L0 1 pixel". */
    @Override
    public String toString() {
        return norm.symbol() + " " + (norm == PerturbationNorm.LINF ? Budget.ofEpsilon(radius).toString()
                : describeSize(radius));
    }

    /**
     * @param largest    the largest per-image size found
     * @param worstImage the first image of that size, or −1 if nothing changed
     */
    public record Measurement(double largest, int worstImage) {}
}
