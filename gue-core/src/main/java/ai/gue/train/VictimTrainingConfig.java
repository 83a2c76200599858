package ai.gue.train;

import ai.gue.model.ClassifierArch;
import java.util.List;

/**
 * How to train one victim classifier from scratch: the network, the SGD recipe, augmentation and
 * the seed. All rates are plain numbers (a learning rate of 0.01 means 0.01); epochs count passes
 * over the training set.
 *
 * @param arch            the classifier architecture
 * @param widthMultiplier channel-width multiplier of the architecture (1.0 = published network)
 * @param epochs          passes over the training set
 * @param batchSize       images per optimiser step
 * @param learningRate    base (peak for one-cycle) learning rate
 * @param momentum        SGD heavy-ball momentum in [0, 1)
 * @param weightDecay     L2 weight decay (added to the gradient)
 * @param nesterov        Nesterov momentum
 * @param schedule        learning-rate schedule
 * @param milestones      epochs at which MULTISTEP multiplies by gamma (STEP: first entry = step size)
 * @param gamma           multiplier at milestones
 * @param warmupFraction  share of steps spent warming up (ONE_CYCLE)
 * @param labelSmoothing  label smoothing in [0, 1)
 * @param augmentation    crop/flip applied to training batches
 * @param seed            root seed of this victim (initialisation, order, augmentation)
 * @param evalBatchSize   images per forward pass when measuring test accuracy
 */
public record VictimTrainingConfig(ClassifierArch arch, double widthMultiplier, int epochs, int batchSize,
        double learningRate, double momentum, double weightDecay, boolean nesterov, LrSchedule schedule,
        List<Integer> milestones, double gamma, double warmupFraction, double labelSmoothing,
        Augmentation augmentation, long seed, int evalBatchSize) {

    public VictimTrainingConfig {
        milestones = List.copyOf(milestones);
        requirePositive("width multiplier", widthMultiplier);
        requirePositive("epochs", epochs);
        requirePositive("batch size", batchSize);
        requirePositive("learning rate", learningRate);
        requireInRange("momentum", momentum, 0, 1);
        requireInRange("weight decay", weightDecay, 0, Double.MAX_VALUE);
        requireInRange("gamma", gamma, 0, Double.MAX_VALUE);
        requireInRange("warm-up fraction", warmupFraction, 0, 1);
        requireInRange("label smoothing", labelSmoothing, 0, 1);
        requirePositive("evaluation batch size", evalBatchSize);
        for (int m : milestones) {
            if (m <= 0) {
                throw new IllegalArgumentException("milestones must be positive epochs, got " + m);
            }
        }
    }

    /** The same recipe with another seed (e.g. for repeated runs). */
    public VictimTrainingConfig withSeed(long newSeed) {
        return new VictimTrainingConfig(arch, widthMultiplier, epochs, batchSize, learningRate, momentum,
                weightDecay, nesterov, schedule, milestones, gamma, warmupFraction, labelSmoothing,
                augmentation, newSeed, evalBatchSize);
    }

    /** The same recipe for a different number of epochs (milestones are kept as given). */
    public VictimTrainingConfig withEpochs(int newEpochs) {
        return new VictimTrainingConfig(arch, widthMultiplier, newEpochs, batchSize, learningRate, momentum,
                weightDecay, nesterov, schedule, milestones, gamma, warmupFraction, labelSmoothing,
                augmentation, seed, evalBatchSize);
    }

    /** The same recipe with another augmentation (e.g. a training-time defense added). */
    public VictimTrainingConfig withAugmentation(Augmentation newAugmentation) {
        return new VictimTrainingConfig(arch, widthMultiplier, epochs, batchSize, learningRate, momentum,
                weightDecay, nesterov, schedule, milestones, gamma, warmupFraction, labelSmoothing,
                newAugmentation, seed, evalBatchSize);
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive number, got " + value);
        }
    }

    /** value in [low, high) and not NaN. */
    private static void requireInRange(String name, double value, double low, double high) {
        if (!(value >= low && value < high)) {
            throw new IllegalArgumentException(name + " must be in [" + low + ", " + high + "), got " + value);
        }
    }
}
