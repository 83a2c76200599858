package ai.gue.compare;

import ai.gue.attack.AttackKind;
import ai.gue.attack.AttackSettings;
import java.util.Objects;

/**
 * One row of a comparison grid: the clean training set, a baseline attack with its settings, or a
 * trained GUE generator. The poisoned training set of a row is computed once and shared by every
 * victim, defense and seed of the row.
 *
 * @param name      the row's name in the report and its folder name
 * @param source    clean, baseline or generator
 * @param kind      the baseline attack (BASELINE only, else null)
 * @param settings  the baseline's settings (BASELINE only, else null)
 * @param generator the generator folder, absolute (GENERATOR only, else null)
 */
public record AttackSpec(String name, AttackSource source, AttackKind kind, AttackSettings settings,
        String generator) {

    public AttackSpec {
        GridNames.check("attack", name);
        Objects.requireNonNull(source, "source");
        if ((source == AttackSource.BASELINE) != (kind != null && settings != null)) {
            throw new IllegalArgumentException("attack '" + name + "': a baseline needs a kind and settings, "
                    + "and only a baseline has them");
        }
        if ((source == AttackSource.GENERATOR) != (generator != null)) {
            throw new IllegalArgumentException("attack '" + name + "': a generator row needs a generator folder, "
                    + "and only a generator row has one");
        }
    }

    /** The clean row. */
    public static AttackSpec clean(String name) {
        return new AttackSpec(name, AttackSource.CLEAN, null, null, null);
    }

    /** A baseline attack row. */
    public static AttackSpec baseline(String name, AttackKind kind, AttackSettings settings) {
        return new AttackSpec(name, AttackSource.BASELINE, kind, settings, null);
    }

    /** A GUE generator row. */
    public static AttackSpec generator(String name, String folder) {
        return new AttackSpec(name, AttackSource.GENERATOR, null, null, folder);
    }

    /** One line for reports. */
    public String describe() {
        return switch (source) {
            case CLEAN -> "clean training images (no attack)";
            case BASELINE -> kind.create(settings).describe();
            case GENERATOR -> "GUE generator " + generator;
        };
    }
}
