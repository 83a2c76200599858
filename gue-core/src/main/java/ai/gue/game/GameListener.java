package ai.gue.game;

/** Progress of a game run; the CLI renders it, the library never prints. */
public interface GameListener {

    /** Ignores everything. */
    GameListener NONE = new GameListener() {};

    /**
     * Before the first step; {@code startEpoch} > 1 or {@code startStep} > 1 when resuming ({@code startStep}
     * is the first step of {@code startEpoch} still to play, 1-based like {@link #onStep}'s).
     */
    default void onStart(GameConfig config, int gameImages, int stepsPerEpoch, int startEpoch, int startStep) {}

    /** After each game step. */
    default void onStep(int epoch, int step, int stepsPerEpoch, GameStepMetrics metrics) {}

    /** After a selection victim was trained on the poisoned game images and measured on clean validation images. */
    default void onSelection(SelectionResult selection) {}

    /** After the checkpoint of {@code epoch} was written. */
    default void onCheckpoint(int epoch) {}

    /** After a checkpoint inside {@code epoch} was written, when its first {@code steps} steps had been played. */
    default void onMidEpochCheckpoint(int epoch, int steps) {}
}
