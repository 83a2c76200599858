package ai.gue.game;

/**
 * BOME's multiplier (Ye et al., "Bilevel Optimization Made Easy", NeurIPS 2022), as the GUE
 * authors compute it: {@code λ = max(0, (η·‖∇q‖² − ⟨∇_θ f, ∇_θ q⟩) / (‖∇q‖² + 1e-8))}, with
 * {@code ‖∇q‖² = ‖∇_θ q‖² + ‖∇_a q‖²}. The combined direction {@code ∇f + λ∇q} then decreases q
 * at rate at least η‖∇q‖² (the "barrier" keeping the follower near its best response) while
 * following the payoff as far as that allows.
 */
public final class BarrierMultiplier {

    /** The authors' stabiliser in the denominator. */
    public static final double DENOMINATOR_EPSILON = 1e-8;

    private BarrierMultiplier() {}

    /**
     * @param eta                     η (1.5 in the authors' code)
     * @param gapGradientNormSquared  ‖∇_θ q‖² + ‖∇_a q‖²
     * @param payoffGapInner          ⟨∇_θ f, ∇_θ q⟩
     */
    public static double of(double eta, double gapGradientNormSquared, double payoffGapInner) {
        double lambda = (eta * gapGradientNormSquared - payoffGapInner)
                / (gapGradientNormSquared + DENOMINATOR_EPSILON);
        return Math.max(0, lambda);
    }
}
