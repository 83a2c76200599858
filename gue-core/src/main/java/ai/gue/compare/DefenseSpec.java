package ai.gue.compare;

import ai.gue.defense.Defense;
import java.util.Objects;

/**
 * A defense column of a grid.
 *
 * @param name    the column's name in the report and its folder name
 * @param defense the defense with its settings ({@link Defense#NONE} for none)
 */
public record DefenseSpec(String name, Defense defense) {

    public DefenseSpec {
        GridNames.check("defense", name);
        Objects.requireNonNull(defense, "defense");
    }
}
