package ai.gue.compare;

import ai.gue.train.VictimTrainingConfig;
import java.util.Objects;

/**
 * A victim recipe of a grid: a preset with the experiment's overrides applied. Its seed is replaced
 * by each of the experiment's seeds.
 *
 * @param name   the victim's name in the report and its folder name
 * @param preset the preset it started from (a shipped name or a file)
 * @param recipe the resolved recipe
 */
public record VictimSpec(String name, String preset, VictimTrainingConfig recipe) {

    public VictimSpec {
        GridNames.check("victim", name);
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(recipe, "recipe");
    }
}
