package ai.gue.compare;

import ai.gue.attack.CraftingListener;
import ai.gue.game.GameListener;
import ai.gue.train.VictimTrainingListener;
import java.nio.file.Path;

/** Progress of a comparison grid; the CLI renders it, the library never prints. */
public interface CompareListener {

    /** A listener that ignores everything. */
    CompareListener NONE = new CompareListener() {};

    /** Before an attack's poison is computed (it is computed once per grid folder). */
    default void onPoisoning(AttackSpec attack) {}

    /** After an attack's poison was written and verified. */
    default void onPoisoned(PoisonRecord poison) {}

    /**
     * Before a cell's victim trains.
     *
     * @param index   1-based position among the cells this invocation runs
     * @param running how many cells this invocation runs
     */
    default void onCellStart(CellKey cell, int index, int running) {}

    /** After a cell's result was written. */
    default void onCellFinished(CellResult result) {}

    /** After the report was rewritten. */
    default void onReport(Path markdown, Path html) {}

    /** Receives the progress of crafting a poison (EM's rounds, TAP's PGD, DeepConfuse's steps). */
    default CraftingListener craftingListener() {
        return CraftingListener.NONE;
    }

    /** Receives the progress of a game row's game. */
    default GameListener gameListener() {
        return GameListener.NONE;
    }

    /** Receives the progress of each cell's victim. */
    default VictimTrainingListener victimListener() {
        return VictimTrainingListener.NONE;
    }
}
