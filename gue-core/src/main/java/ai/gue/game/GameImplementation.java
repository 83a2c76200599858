package ai.gue.game;

/** How a game step spends its compute; both give the same parameter updates (see {@link BomeStep}). */
public enum GameImplementation {
    /** Poisoned batch computed once for the inner loop; one generator forward shared by both q terms. */
    SHARED,
    /** The authors' way: the UNet re-run (forward and backward) in every inner step and per q term. */
    AUTHORS
}
