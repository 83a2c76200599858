package ai.gue.pipeline;

import ai.gue.train.VictimTrainingConfig;
import java.util.List;

/**
 * What an efficacy curve measures at every generator.
 *
 * @param victim          the victim recipe (its own seed is replaced by each of {@code victimSeeds})
 * @param victimSeeds     one victim per seed and point; several seeds give a mean and spread, since
 *                        single victims scatter by points
 * @param cleanReference  also train the recipe on the clean training set, once per seed
 * @param poisonBatchSize images per generator pass when poisoning
 */
public record EfficacyCurveConfig(VictimTrainingConfig victim, List<Long> victimSeeds, boolean cleanReference,
        int poisonBatchSize) {

    public EfficacyCurveConfig {
        victimSeeds = List.copyOf(victimSeeds);
        if (victimSeeds.isEmpty() || victimSeeds.stream().distinct().count() != victimSeeds.size()) {
            throw new IllegalArgumentException("efficacy curve: victim seeds must be given and distinct: " + victimSeeds);
        }
        if (poisonBatchSize < 1) {
            throw new IllegalArgumentException("efficacy curve: poison batch size must be >= 1, got " + poisonBatchSize);
        }
    }
}
