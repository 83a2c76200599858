package ai.gue.config;

/**
 * A {@code gue run} preset: which game preset and which victim preset to use. Each is a shipped
 * preset name or a YAML file; {@link Presets#run} resolves a relative file path against the folder
 * of the run preset file that names it.
 *
 * @param game   game preset name or file
 * @param victim victim preset name or file
 */
public record RunPreset(String game, String victim) {

    public RunPreset {
        if (game == null || game.isBlank()) {
            throw new IllegalArgumentException("run preset: 'game' must name a game preset or a YAML file");
        }
        if (victim == null || victim.isBlank()) {
            throw new IllegalArgumentException("run preset: 'victim' must name a victim preset or a YAML file");
        }
    }
}
