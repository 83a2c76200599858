package ai.gue.eval;

import ai.gue.attack.NoiseDistribution;
import ai.gue.game.GameConfig;
import ai.gue.train.VictimTrainingConfig;
import java.util.Objects;

/**
 * Everything an end-to-end unlearnability run needs: the game that trains the generator, the
 * recipe shared by the three victims (clean, GUE, random noise; same seed, so they differ only in
 * their training data), the random-noise baseline's distribution (its budget is the game's), and
 * how many images one generator pass poisons.
 *
 * @param game            the game
 * @param victim          the victims' recipe
 * @param baselineNoise   the random-noise baseline
 * @param poisonBatchSize images per generator pass when poisoning the training set
 */
public record UnlearnabilityConfig(GameConfig game, VictimTrainingConfig victim, NoiseDistribution baselineNoise,
        int poisonBatchSize) {

    public UnlearnabilityConfig {
        Objects.requireNonNull(game, "game");
        Objects.requireNonNull(victim, "victim");
        Objects.requireNonNull(baselineNoise, "baselineNoise");
        if (poisonBatchSize <= 0) {
            throw new IllegalArgumentException("poison batch size must be positive, got " + poisonBatchSize);
        }
    }
}
