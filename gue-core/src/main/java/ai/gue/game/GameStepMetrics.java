package ai.gue.game;

/**
 * What one BOME step of the game measured (DESIGN.md section 4, steps 1-5).
 *
 * @param leaderPayoff        f(θ) on the clean batch, before the update
 * @param followerLoss        g(a, θ): the live follower's loss on the poisoned batch (CE; TRADES in the
 *                            adversarial setting)
 * @param innerFollowerLoss   g(a, θ^T): the loss of the follower after T inner steps
 * @param valueGap            q = g(a, θ) − g(a, θ^T)
 * @param barrierMultiplier   λ
 * @param payoffGradientNorm  ‖∇_θ f‖
 * @param followerGapGradientNorm ‖∇_θ q‖
 * @param generatorGradientNorm   ‖∇_a q‖
 * @param payoffGapInner      ⟨∇_θ f, ∇_θ q⟩
 * @param seconds             wall time of the step
 */
public record GameStepMetrics(double leaderPayoff, double followerLoss, double innerFollowerLoss, double valueGap,
        double barrierMultiplier, double payoffGradientNorm, double followerGapGradientNorm,
        double generatorGradientNorm, double payoffGapInner, double seconds) {}
