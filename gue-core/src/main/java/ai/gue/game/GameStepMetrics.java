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
 * @param perturbationClassAlignment {@link ClassAlignment} of the batch's perturbations x' − x
 *                            (NaN when the step never computes x' alone: the authors' way, standard setting)
 * @param signalClassAlignment {@link ClassAlignment} of −∇_x' q, the direction the generator's
 *                            update pushes each perturbation in (NaN under the authors' way)
 * @param liveSignalClassAlignment {@link ClassAlignment} of −∇_x' g(a, θ) alone, the live follower's
 *                            error-minimising direction (Huang et al.'s EM); q's signal is this minus the
 *                            same for θ^T (NaN under the authors' way)
 * @param seconds             wall time of the step
 */
public record GameStepMetrics(double leaderPayoff, double followerLoss, double innerFollowerLoss, double valueGap,
        double barrierMultiplier, double payoffGradientNorm, double followerGapGradientNorm,
        double generatorGradientNorm, double payoffGapInner, double perturbationClassAlignment,
        double signalClassAlignment, double liveSignalClassAlignment, double seconds) {}
