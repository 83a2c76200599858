package ai.gue.compare;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a grid row's training images come from. */
public enum AttackSource {
    /** The clean training set: the reference row. */
    CLEAN("clean"),
    /** A baseline attack applied without a game ({@link ai.gue.attack.AttackKind}). */
    BASELINE("baseline"),
    /** A trained GUE generator folder, applied in inference mode. */
    GENERATOR("generator"),
    /**
     * A GUE game played inside the grid from a game config: its generator is trained into the grid
     * folder (resumably, like {@code gue train-generator --resume}) and then applied like a generator row.
     */
    GAME("game");

    private final String fileName;

    AttackSource(String fileName) {
        this.fileName = fileName;
    }

    /** The name in result files. */
    @JsonValue
    public String fileName() {
        return fileName;
    }

    @Override
    public String toString() {
        return fileName;
    }
}
