package ai.gue.attack;

import ai.gue.data.ImageDataset;
import java.util.SplittableRandom;

/**
 * The baseline every unlearnable-example method must beat: noise of the same budget that carries
 * no information about the labels. Each stored pixel value independently gets a change of whole
 * grey levels drawn from the distribution, then is clamped to [0, 255], so the budget holds on the
 * stored bytes by construction. One seeded stream over the pixels in order: the same seed gives
 * the same bytes.
 */
public final class RandomNoisePoison implements PoisonAttack {

    private final Budget budget;
    private final NoiseDistribution distribution;
    private final long seed;

    public RandomNoisePoison(Budget budget, NoiseDistribution distribution, long seed) {
        this.budget = java.util.Objects.requireNonNull(budget, "budget");
        this.distribution = java.util.Objects.requireNonNull(distribution, "distribution");
        this.seed = seed;
    }

    @Override
    public String name() {
        return switch (distribution) {
            case SIGN -> "noise-sign";
            case UNIFORM -> "noise-uniform";
        };
    }

    @Override
    public String describe() {
        return distribution.describe() + ", " + budget.describe() + ", seed " + seed;
    }

    @Override
    public AttackBudget budget() {
        return AttackBudget.of(budget);
    }

    @Override
    public PoisonedDataset apply(ImageDataset clean, String name) {
        int maxDelta = budget.maxPixelDelta();
        SplittableRandom random = new SplittableRandom(seed);
        byte[] source = clean.pixels();
        byte[] noisy = new byte[source.length];
        for (int k = 0; k < source.length; k++) {
            int delta = switch (distribution) {
                case SIGN -> random.nextBoolean() ? maxDelta : -maxDelta;
                case UNIFORM -> random.nextInt(-maxDelta, maxDelta + 1);
            };
            noisy[k] = (byte) Math.max(0, Math.min(255, (source[k] & 0xFF) + delta));
        }
        return DatasetPoisoner.measure(clean, new ImageDataset(name, clean.shape(), noisy, clean.labels(),
                clean.classNames()));
    }
}
