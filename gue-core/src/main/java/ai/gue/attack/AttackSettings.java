package ai.gue.attack;

/**
 * The settings of the baseline attacks; each attack reads the ones it has.
 *
 * @param linfBudget L∞ radius of the noise baselines (8/255 in the literature)
 * @param l2Radius   L2 length of LSP's class patterns and of AR's noise on the [0, 1] scale (1.0 in the literature)
 * @param patchSize  LSP's block side in pixels (8 for 32×32 images)
 * @param seed       draws the noise, the class patterns or EM's start and batches
 * @param crafting   the crafting model and loops of EM and TAP; null when only model-free attacks are made
 */
public record AttackSettings(Budget linfBudget, double l2Radius, int patchSize, long seed, CraftingSettings crafting) {

    public AttackSettings {
        java.util.Objects.requireNonNull(linfBudget, "linfBudget");
        if (!(l2Radius > 0) || Double.isInfinite(l2Radius)) {
            throw new IllegalArgumentException("L2 radius must be a positive number, got " + l2Radius);
        }
        if (patchSize <= 0) {
            throw new IllegalArgumentException("patch size must be positive, got " + patchSize);
        }
    }

    /** Settings without crafting settings: enough for every attack but EM and TAP. */
    public AttackSettings(Budget linfBudget, double l2Radius, int patchSize, long seed) {
        this(linfBudget, l2Radius, patchSize, seed, null);
    }

    /** The same settings with {@code crafting} for EM and TAP. */
    public AttackSettings withCrafting(CraftingSettings crafting) {
        return new AttackSettings(linfBudget, l2Radius, patchSize, seed, crafting);
    }

    /** The literature's settings: L∞ 8/255, L2 1.0, 8-pixel patches. */
    public static AttackSettings defaults(long seed) {
        return new AttackSettings(Budget.linf(8), 1.0, 8, seed);
    }
}
