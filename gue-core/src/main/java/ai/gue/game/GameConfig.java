package ai.gue.game;

import ai.gue.attack.Budget;
import ai.gue.model.ClassifierArch;
import ai.gue.train.VictimTrainingConfig;

/**
 * Everything that defines a GUE game run (the authors' defaults in brackets): the two players,
 * the budget, BOME's numbers, the schedule, and the periodic check that keeps the best generator.
 *
 * @param followerArch          the follower (victim surrogate) architecture [resnet18]
 * @param followerWidth         its width multiplier [1.0]
 * @param generatorWidth        UNet base width [64]
 * @param budget                L∞ budget of the poison [8/255]
 * @param payoff                the leader's payoff [max-wrong-ce]
 * @param eta                   η of the barrier multiplier [1.5]
 * @param innerSteps            T, inner Adam steps of the throw-away follower [10]
 * @param innerLearningRate     inner Adam learning rate [1e-4]
 * @param generatorLearningRate generator SGD learning rate on λ∇_a q [0.1]
 * @param followerLearningRate  live follower SGD learning rate [0.01]
 * @param batchSize             images per game step [256]
 * @param epochs                passes over the game's training images [50]
 * @param seed                  root seed [3]
 * @param implementation        how a step spends compute [shared; same math as the authors']
 * @param dataFraction          share of the training set the game sees, in (0, 1] [1]
 * @param validationFraction    share of the game's images held out (clean) for selection, in [0, 1)
 * @param selectEveryEpochs     train a selection victim every this many epochs (0 = never) [5]
 * @param selectionVictim       the selection victim's recipe [5 epochs]
 */
public record GameConfig(ClassifierArch followerArch, double followerWidth, int generatorWidth, Budget budget,
        PayoffKind payoff, double eta, int innerSteps, double innerLearningRate, double generatorLearningRate,
        double followerLearningRate, int batchSize, int epochs, long seed, GameImplementation implementation,
        double dataFraction, double validationFraction, int selectEveryEpochs, VictimTrainingConfig selectionVictim) {

    public GameConfig {
        if (!(followerWidth > 0) || Double.isInfinite(followerWidth)) {
            throw new IllegalArgumentException("follower width must be a positive number, got " + followerWidth);
        }
        if (generatorWidth < 1) {
            throw new IllegalArgumentException("generator width must be at least 1, got " + generatorWidth);
        }
        if (batchSize < 2) {
            throw new IllegalArgumentException("game batch size must be at least 2 (BatchNorm), got " + batchSize);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("game epochs must be at least 1, got " + epochs);
        }
        if (!(dataFraction > 0 && dataFraction <= 1)) {
            throw new IllegalArgumentException("data fraction must be in (0, 1], got " + dataFraction);
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + validationFraction);
        }
        if (selectEveryEpochs < 0) {
            throw new IllegalArgumentException("selection interval must be >= 0 epochs, got " + selectEveryEpochs);
        }
        if (selectEveryEpochs > 0 && validationFraction == 0) {
            throw new IllegalArgumentException("selection needs a validation split (validation fraction > 0); "
                    + "selecting on the test set is not offered");
        }
        hyperParameters(payoff, eta, innerSteps, innerLearningRate, generatorLearningRate, followerLearningRate,
                implementation); // validates them
    }

    /** The per-step numbers. */
    public GameHyperParameters hyperParameters() {
        return hyperParameters(payoff, eta, innerSteps, innerLearningRate, generatorLearningRate, followerLearningRate,
                implementation);
    }

    private static GameHyperParameters hyperParameters(PayoffKind payoff, double eta, int innerSteps,
            double innerLearningRate, double generatorLearningRate, double followerLearningRate,
            GameImplementation implementation) {
        return new GameHyperParameters(payoff, eta, innerSteps, innerLearningRate, generatorLearningRate,
                followerLearningRate, implementation);
    }

    /** This config with {@code epochs} replaced. */
    public GameConfig withEpochs(int newEpochs) {
        return new GameConfig(followerArch, followerWidth, generatorWidth, budget, payoff, eta, innerSteps,
                innerLearningRate, generatorLearningRate, followerLearningRate, batchSize, newEpochs, seed,
                implementation, dataFraction, validationFraction, selectEveryEpochs, selectionVictim);
    }
}
