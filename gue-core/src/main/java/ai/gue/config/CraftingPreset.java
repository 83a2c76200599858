package ai.gue.config;

import ai.gue.attack.DeepConfuse;
import ai.gue.attack.ErrorMinimizingNoise;
import ai.gue.attack.TargetedAdversarialPoison;

/**
 * A crafting preset file: the victim preset the crafting model uses, and EM's, REM's, TAP's and
 * DeepConfuse's loops.
 * {@link Presets#crafting} resolves it into {@link ai.gue.attack.CraftingSettings}.
 *
 * @param model a victim preset name or YAML file (relative to the crafting file's folder)
 */
public record CraftingPreset(String model, ErrorMinimizingNoise.Settings em, ErrorMinimizingNoise.Settings rem,
        TargetedAdversarialPoison.Settings tap, DeepConfuse.Settings deepconfuse) {

    public CraftingPreset {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("crafting preset: 'model' must name a victim preset or a YAML file");
        }
        java.util.Objects.requireNonNull(em, "crafting preset: 'em' is missing");
        java.util.Objects.requireNonNull(rem, "crafting preset: 'rem' is missing");
        java.util.Objects.requireNonNull(tap, "crafting preset: 'tap' is missing");
        java.util.Objects.requireNonNull(deepconfuse, "crafting preset: 'deepconfuse' is missing");
    }
}
