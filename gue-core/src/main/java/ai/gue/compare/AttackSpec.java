package ai.gue.compare;

import ai.gue.attack.AttackKind;
import ai.gue.attack.AttackSettings;
import ai.gue.game.GameConfig;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;
import java.util.Objects;

/**
 * One row of a comparison grid: the clean training set, a baseline attack with its settings, a
 * trained GUE generator, or a GUE game the grid plays itself. The poisoned training set of a row is
 * computed once and shared by every victim, defense and seed of the row.
 *
 * @param name      the row's name in the report and its folder name
 * @param source    clean, baseline, generator or game
 * @param kind      the baseline attack (BASELINE only, else null)
 * @param settings  the baseline's settings (BASELINE only, else null)
 * @param generator the generator folder, absolute (GENERATOR only, else null)
 * @param game      the game to play (GAME only, else null; left out of result files then, so the
 *                  results of grids written before game rows existed still match)
 */
public record AttackSpec(String name, AttackSource source, AttackKind kind, AttackSettings settings,
        String generator, @JsonInclude(JsonInclude.Include.NON_NULL) GameConfig game) {

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
        if ((source == AttackSource.GAME) != (game != null)) {
            throw new IllegalArgumentException("attack '" + name + "': a game row needs a game config, "
                    + "and only a game row has one");
        }
    }

    /** The clean row. */
    public static AttackSpec clean(String name) {
        return new AttackSpec(name, AttackSource.CLEAN, null, null, null, null);
    }

    /** A baseline attack row. */
    public static AttackSpec baseline(String name, AttackKind kind, AttackSettings settings) {
        return new AttackSpec(name, AttackSource.BASELINE, kind, settings, null, null);
    }

    /** A GUE generator row. */
    public static AttackSpec generator(String name, String folder) {
        return new AttackSpec(name, AttackSource.GENERATOR, null, null, folder, null);
    }

    /** A GUE game row: the grid plays {@code game} on its training set and poisons with the result. */
    public static AttackSpec game(String name, GameConfig game) {
        return new AttackSpec(name, AttackSource.GAME, null, null, null, game);
    }

    /** One line for reports. */
    public String describe() {
        return switch (source) {
            case CLEAN -> "clean training images (no attack)";
            case BASELINE -> kind.create(settings).describe();
            case GENERATOR -> "GUE generator " + generator;
            case GAME -> String.format(Locale.ROOT, "GUE game played by the grid (%s setting, follower %s x%.3g, "
                            + "UNet width %d, %s, T=%d, batch %d, %d epochs on %.0f%% of the training images, seed %d)",
                    game.setting(), game.followerArch().cliName(), game.followerWidth(),
                    game.generatorWidth(), game.budget().describe(), game.innerSteps(), game.batchSize(),
                    game.epochs(), 100 * game.dataFraction() * (1 - game.validationFraction()), game.seed());
        };
    }
}
