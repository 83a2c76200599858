package ai.gue.game;

import ai.gue.attack.Budget;
import ai.gue.model.ClassifierArch;
import ai.gue.train.Augmentation;
import ai.gue.train.MixingKind;
import ai.gue.train.VictimTrainingConfig;
import java.util.List;

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
 * @param setting               standard (CE follower) or adversarial (TRADES follower) [standard]
 * @param tradesBeta            TRADES β, adversarial setting only [1]
 * @param pgdRadius             L∞ radius of the follower's PGD, adversarial setting only [4/255]
 * @param pgdSteps              PGD steps, adversarial setting only [10]
 * @param generatorMomentum     SGD momentum of the generator [0 standard; 0.9 adversarial]
 * @param generatorWeightDecay  weight decay of the generator [0 standard; 5e-4 adversarial]
 * @param generatorOptimizer    the generator's optimiser [sgd; adam is a deviation]
 * @param learningRateMilestones epochs after which the generator's and the live follower's
 *                              learning rates are multiplied by {@code learningRateGamma}, strictly
 *                              increasing [none standard; 120, 140 adversarial]; as PyTorch's
 *                              {@code MultiStepLR} stepped once per epoch, milestone m lowers the rate
 *                              from (1-based) epoch m + 1 on
 * @param learningRateGamma     the factor at each milestone [0.1]
 * @param poisonAugmentation    random crop and flip applied to the poisoned batch before the follower
 *                              sees it, drawn per step, differentiably, so that the generator learns
 *                              perturbations that survive the victim's own crop and flip [none; a
 *                              deviation: the authors' game trains without augmentation]. Only crop and
 *                              flip, only with the shared implementation. Absent in run folders written
 *                              before it existed, which read as none
 */
public record GameConfig(ClassifierArch followerArch, double followerWidth, int generatorWidth, Budget budget,
        PayoffKind payoff, double eta, int innerSteps, double innerLearningRate, double generatorLearningRate,
        double followerLearningRate, int batchSize, int epochs, long seed, GameImplementation implementation,
        double dataFraction, double validationFraction, int selectEveryEpochs, VictimTrainingConfig selectionVictim,
        GameSetting setting, double tradesBeta, Budget pgdRadius, int pgdSteps, double generatorMomentum,
        double generatorWeightDecay, GeneratorOptimizerKind generatorOptimizer, List<Integer> learningRateMilestones,
        double learningRateGamma, Augmentation poisonAugmentation) {

    public GameConfig {
        if (poisonAugmentation == null) {
            poisonAugmentation = Augmentation.NONE; // state.json of games checkpointed before the field existed
        }
        if (poisonAugmentation.cutoutSize() > 0 || poisonAugmentation.mixing() != MixingKind.NONE) {
            throw new IllegalArgumentException("poisonAugmentation: only crop and flip can be applied in the game, got "
                    + poisonAugmentation);
        }
        boolean augmented = poisonAugmentation.cropPadding() > 0 || poisonAugmentation.horizontalFlip();
        if (augmented && implementation == GameImplementation.AUTHORS) {
            throw new IllegalArgumentException("poisonAugmentation needs the shared implementation (the authors' "
                    + "way re-runs the generator in every pass and has no one poisoned batch to augment)");
        }
        if (setting == null) {
            throw new IllegalArgumentException("setting must be given (standard or adversarial)");
        }
        if (pgdRadius == null) {
            throw new IllegalArgumentException("pgdRadius must be given (e.g. 4/255), even in the standard setting");
        }
        if (learningRateMilestones == null) {
            throw new IllegalArgumentException("learningRateMilestones must be given (an empty list for none)");
        }
        learningRateMilestones = List.copyOf(learningRateMilestones);
        int previous = 0;
        for (int m : learningRateMilestones) {
            if (m <= previous) {
                throw new IllegalArgumentException("learningRateMilestones must be positive epochs in strictly "
                        + "increasing order, got " + learningRateMilestones);
            }
            previous = m;
        }
        if (!(learningRateGamma > 0) || Double.isInfinite(learningRateGamma)) {
            throw new IllegalArgumentException("learningRateGamma must be a positive number, got " + learningRateGamma);
        }
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
        new GameHyperParameters(payoff, eta, innerSteps, innerLearningRate, generatorLearningRate,
                followerLearningRate, implementation, setting, tradesBeta, pgdRadius.epsilon(), pgdSteps,
                generatorMomentum, generatorWeightDecay, generatorOptimizer); // validates them
    }

    /** The per-step numbers. */
    public GameHyperParameters hyperParameters() {
        return new GameHyperParameters(payoff, eta, innerSteps, innerLearningRate, generatorLearningRate,
                followerLearningRate, implementation, setting, tradesBeta, pgdRadius.epsilon(), pgdSteps,
                generatorMomentum, generatorWeightDecay, generatorOptimizer);
    }

    /**
     * The factor on the generator's and the live follower's learning rates during (1-based) epoch
     * {@code epoch}: {@code learningRateGamma} to the number of milestones {@code m < epoch}.
     */
    public double learningRateScale(int epoch) {
        double scale = 1.0;
        for (int m : learningRateMilestones) {
            if (m < epoch) {
                scale *= learningRateGamma;
            }
        }
        return scale;
    }

    /**
     * What the held-out clean images are for, in words for logs and reports: they always stay unseen by the
     * generator, and they select the kept generator only when {@code selectEveryEpochs > 0}.
     */
    public String heldOutRole() {
        return selectEveryEpochs > 0 ? "for selection, never seen by the generator" : "never seen by the generator";
    }

    /** This config with {@code epochs} replaced. */
    public GameConfig withEpochs(int newEpochs) {
        return new GameConfig(followerArch, followerWidth, generatorWidth, budget, payoff, eta, innerSteps,
                innerLearningRate, generatorLearningRate, followerLearningRate, batchSize, newEpochs, seed,
                implementation, dataFraction, validationFraction, selectEveryEpochs, selectionVictim, setting,
                tradesBeta, pgdRadius, pgdSteps, generatorMomentum, generatorWeightDecay, generatorOptimizer,
                learningRateMilestones, learningRateGamma, poisonAugmentation);
    }

    /** This config with {@code augmentation} as the poisoned batch's crop and flip in the game. */
    public GameConfig withPoisonAugmentation(Augmentation augmentation) {
        return new GameConfig(followerArch, followerWidth, generatorWidth, budget, payoff, eta, innerSteps,
                innerLearningRate, generatorLearningRate, followerLearningRate, batchSize, epochs, seed,
                implementation, dataFraction, validationFraction, selectEveryEpochs, selectionVictim, setting,
                tradesBeta, pgdRadius, pgdSteps, generatorMomentum, generatorWeightDecay, generatorOptimizer,
                learningRateMilestones, learningRateGamma, augmentation);
    }
}
