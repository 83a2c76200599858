package ai.gue.eval;

import ai.gue.attack.PoisonedDataset;
import ai.gue.game.GameResult;
import ai.gue.game.SelectionResult;
import ai.gue.train.VictimResult;
import java.util.List;

/**
 * The outcome of an end-to-end unlearnability run.
 *
 * @param config        the run's config
 * @param trainingSet   name of the clean training set
 * @param trainImages   images in it (all of them are poisoned)
 * @param testImages    images in the clean test set every victim is measured on
 * @param game          what the game did
 * @param poisons       the poisoned training sets as stored (GUE, then the random-noise baseline)
 * @param victims       the victims, in training order (clean, GUE, random noise)
 * @param gueSeenUnseen the GUE victim on training images the game saw and never saw (null if not measured)
 * @param seconds       wall time of this invocation
 */
public record UnlearnabilityResult(UnlearnabilityConfig config, String trainingSet, int trainImages, int testImages,
        GameSummary game, List<PoisonSummary> poisons, List<VictimOutcome> victims, SeenUnseen gueSeenUnseen,
        double seconds) {

    public UnlearnabilityResult {
        poisons = List.copyOf(poisons);
        victims = List.copyOf(victims);
    }

    /**
     * What the game did, without its per-step metrics (those are in the game's {@code steps.csv}).
     *
     * @param epochs           epochs played in total (a resumed run counts earlier invocations too)
     * @param steps            BOME steps in total
     * @param gameImages       images the players trained on
     * @param validationImages clean images held out for selection
     * @param stepSeconds      summed wall time of all steps (earlier invocations included)
     * @param seconds          wall time of the game in this invocation, selection included
     * @param selections       the selection checks
     * @param generator        the generator folder used to poison
     */
    public record GameSummary(int epochs, int steps, int gameImages, int validationImages, double stepSeconds,
            double seconds, List<SelectionResult> selections, String generator) {

        public GameSummary {
            selections = List.copyOf(selections);
        }

        /** The summary of {@code result}, played on {@code validationImages} held-out images; {@code generator} as shown. */
        public static GameSummary of(GameResult result, int validationImages, String generator) {
            return new GameSummary(result.config().epochs(), result.steps().size(), result.gameImages(),
                    validationImages, result.stepSeconds(),
                    result.seconds(), result.selections(), generator);
        }
    }

    /**
     * A poisoned training set as stored.
     *
     * @param name         short name ("gue", "random-noise")
     * @param description  what it is, for reports
     * @param budget       the budget it was made for, as "8/255"
     * @param maxAbsDelta  stored L∞ in grey levels
     * @param meanL2       mean ‖x' − x‖₂ on the [0, 1] scale
     * @param changedShare share of pixel values changed
     */
    public record PoisonSummary(String name, String description, String budget, int maxAbsDelta, double meanL2,
            double changedShare) {

        /** The summary of a measured poisoned dataset. */
        public static PoisonSummary of(String name, String description, String budget, PoisonedDataset poisoned) {
            return new PoisonSummary(name, description, budget, poisoned.maxAbsDelta(), poisoned.meanL2(),
                    poisoned.changedShare());
        }
    }

    /**
     * Does the poison work on images the generator never saw? The GUE victim's accuracy on the clean
     * versions of its own training images, split by whether the game trained on them. A generator
     * that only memorised its game images would leave the unseen ones learnable: higher accuracy there.
     *
     * @param seenImages     training images the players trained on
     * @param seenAccuracy   the victim's accuracy on their clean versions, in [0, 1]
     * @param unseenImages   training images outside the game's share (neither played on nor held out)
     * @param unseenAccuracy the victim's accuracy on their clean versions (NaN when there are none)
     */
    public record SeenUnseen(int seenImages, double seenAccuracy, int unseenImages, double unseenAccuracy) {}

    /**
     * One victim.
     *
     * @param name         short name, also its folder under {@code victims/}
     * @param trainingData what it was trained on, for reports
     * @param result       its training result (per-epoch clean test accuracy)
     */
    public record VictimOutcome(String name, String trainingData, VictimResult result) {}
}
