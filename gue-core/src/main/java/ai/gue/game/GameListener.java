package ai.gue.game;

/** Progress of a game run; the CLI renders it, the library never prints. */
public interface GameListener {

    /** Ignores everything. */
    GameListener NONE = new GameListener() {};

    /** Before the first step; {@code startEpoch} > 1 when resuming. */
    default void onStart(GameConfig config, int gameImages, int stepsPerEpoch, int startEpoch) {}

    /** After each game step. */
    default void onStep(int epoch, int step, int stepsPerEpoch, GameStepMetrics metrics) {}

    /** After a selection victim was trained on the poisoned game images and measured on clean validation images. */
    default void onSelection(SelectionResult selection) {}

    /** After the checkpoint of {@code epoch} was written. */
    default void onCheckpoint(int epoch) {}
}
