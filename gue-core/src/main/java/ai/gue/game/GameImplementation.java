package ai.gue.game;

/** How a game step spends its compute; both give the same parameter updates (see {@link BomeStep}). */
public enum GameImplementation {
    /**
     * One generator forward pass per step, its graph kept and a detached x' fed to every follower
     * pass; the live pass g(a, θ) taken first and reused as the inner loop's first gradient
     * (θ^T_0 = θ); ∇_a q as one generator vector-Jacobian product of the two input gradients.
     */
    SHARED,
    /** The authors' way: the UNet re-run (forward and backward) in every inner step and per q term. */
    AUTHORS
}
