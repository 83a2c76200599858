package ai.gue.game;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Which follower the game plays against (DESIGN.md section 4).
 *
 * <ul>
 *   <li>{@link #STANDARD}: the follower minimises plain cross-entropy on the poisoned batch
 *       ({@code gue.py}); the generator takes plain SGD steps.
 *   <li>{@link #ADVERSARIAL}: the follower minimises the TRADES loss on the poisoned batch
 *       ({@code gue_adv.py}), with the adversarial example from L∞ PGD; see {@link TradesObjective}.
 *       The authors pair it with SGD momentum 0.9 and weight decay 5e-4 on the generator and
 *       learning-rate milestones (those are separate config fields).
 * </ul>
 */
public enum GameSetting {
    STANDARD,
    ADVERSARIAL;

    /** The name on the command line and in presets: {@code standard}, {@code adversarial}. */
    @JsonValue
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code standard} or {@code adversarial} (any case). */
    @JsonCreator
    public static GameSetting parse(String name) {
        for (GameSetting s : values()) {
            if (s.name().equalsIgnoreCase(name.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown game setting '" + name + "'; expected standard or adversarial");
    }

    @Override
    public String toString() {
        return cliName();
    }
}
