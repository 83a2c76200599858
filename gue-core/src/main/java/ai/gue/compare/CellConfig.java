package ai.gue.compare;

import ai.gue.defense.Defense;
import ai.gue.train.VictimTrainingConfig;

/**
 * Everything that determines a cell's result, recorded beside it: a finished cell is reused only if
 * the experiment still asks for exactly this (compared field by field as JSON), so editing a recipe
 * or a setting in the experiment file cannot silently mix old and new numbers in one report.
 *
 * @param dataset     the training set
 * @param test        the test set, or null for the training set's test split
 * @param trainLimit  first N training images, or null
 * @param testLimit   first N test images, or null
 * @param poisonRatio share of poisoned training images, or null for all
 * @param attack      the row
 * @param victim      the victim's recipe with the cell's seed (before the defense changes it)
 * @param defense     the defense with its settings
 * @param generatorSha256 for a generator row, the SHA-256 of the generator's parameters (a generator
 *                    retrained into the same folder is another attack), else null
 */
public record CellConfig(String dataset, String test, Integer trainLimit, Integer testLimit, Double poisonRatio,
        AttackSpec attack, VictimTrainingConfig victim, Defense defense, String generatorSha256) {

    /** The configuration of {@code cell} in {@code experiment} (reads a generator row's checkpoint manifest). */
    public static CellConfig of(Experiment experiment, CellKey cell) {
        AttackSpec attack = experiment.attack(cell.attack());
        return new CellConfig(experiment.dataset(), experiment.test(), experiment.trainLimit(),
                experiment.testLimit(), attack.source() == AttackSource.CLEAN ? null : experiment.poisonRatio(),
                attack, experiment.victim(cell.victim()).recipe().withSeed(cell.seed()),
                experiment.defense(cell.defense()).defense(), generatorSha256(attack));
    }

    /**
     * The recorded SHA-256 of a generator row's parameters; null for other rows, and for a generator
     * folder that cannot be read (the grid then fails when it poisons, with the folder's own error).
     */
    static String generatorSha256(AttackSpec attack) {
        if (attack.source() != AttackSource.GENERATOR) {
            return null;
        }
        try {
            return ai.gue.attack.GeneratorCheckpoint.paramsSha256(java.nio.file.Path.of(attack.generator()));
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }
}
