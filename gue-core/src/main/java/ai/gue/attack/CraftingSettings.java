package ai.gue.attack;

import ai.gue.train.VictimTrainingConfig;
import java.util.Objects;

/**
 * How the attacks that craft against a classifier (EM, REM, TAP, DeepConfuse) do it: the crafting model's recipe and
 * each attack's own loop. Loaded from a crafting preset ({@code cpu}, {@code paper}).
 *
 * @param model the crafting model: TAP trains it on the clean images with this whole recipe; EM
 *              reads its architecture, width, batch size and optimiser settings
 * @param em    EM's min-min loop (no adversary)
 * @param rem   REM's min-min-max loop (EM's loop with an adversary)
 * @param tap   TAP's PGD
 * @param deepconfuse DeepConfuse's generator and alternation (its classifier is {@code model}'s
 *              architecture, width and batch size)
 */
public record CraftingSettings(VictimTrainingConfig model, ErrorMinimizingNoise.Settings em,
        ErrorMinimizingNoise.Settings rem, TargetedAdversarialPoison.Settings tap, DeepConfuse.Settings deepconfuse) {

    public CraftingSettings {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(em, "em");
        Objects.requireNonNull(rem, "rem");
        if (em.robust()) {
            throw new IllegalArgumentException("crafting settings: em has an adversarial radius; that is rem");
        }
        if (!rem.robust()) {
            throw new IllegalArgumentException("crafting settings: rem needs a positive adversarialLevels");
        }
        Objects.requireNonNull(tap, "tap");
        Objects.requireNonNull(deepconfuse, "deepconfuse");
    }
}
