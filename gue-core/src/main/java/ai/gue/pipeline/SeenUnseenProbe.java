package ai.gue.pipeline;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.gue.data.ImageDataset;
import ai.gue.eval.ClassifierEvaluator;
import ai.gue.eval.UnlearnabilityResult.SeenUnseen;
import ai.gue.train.EpochMetrics;
import ai.gue.train.VictimTrainingConfig;
import ai.gue.train.VictimTrainingListener;
import java.util.Optional;

/**
 * Passes a victim's progress on and, once it is trained, measures it on the clean training images
 * the game saw and on those it never saw ({@link SeenUnseen}).
 */
final class SeenUnseenProbe implements VictimTrainingListener {

    private final VictimTrainingListener delegate;
    private final ImageDataset seen;
    private final ImageDataset unseen;
    private final int batchSize;
    private SeenUnseen measured;

    /** {@code seenIndices} and {@code unseenIndices} index {@code cleanTrain}. */
    SeenUnseenProbe(VictimTrainingListener delegate, ImageDataset cleanTrain, int[] seenIndices, int[] unseenIndices,
            int batchSize) {
        this.delegate = delegate;
        this.seen = cleanTrain.select(seenIndices, cleanTrain.name() + "-seen-by-game");
        this.unseen = cleanTrain.select(unseenIndices, cleanTrain.name() + "-unseen-by-game");
        this.batchSize = batchSize;
    }

    /** The measurement, once the victim finished. */
    Optional<SeenUnseen> result() {
        return Optional.ofNullable(measured);
    }

    @Override
    public void onStart(VictimTrainingConfig config, int trainImages, int stepsPerEpoch, long parameterCount) {
        delegate.onStart(config, trainImages, stepsPerEpoch, parameterCount);
    }

    @Override
    public void onStep(int epoch, int step, int stepsPerEpoch, double loss, double imagesPerSecond) {
        delegate.onStep(epoch, step, stepsPerEpoch, loss, imagesPerSecond);
    }

    @Override
    public void onEpoch(EpochMetrics metrics) {
        delegate.onEpoch(metrics);
    }

    @Override
    public void onTrained(Block classifier, NDManager manager) {
        delegate.onTrained(classifier, manager);
        ClassifierEvaluator evaluator = new ClassifierEvaluator(batchSize);
        double seenAccuracy = seen.size() == 0 ? Double.NaN : evaluator.evaluate(classifier, seen, manager).accuracy();
        double unseenAccuracy = unseen.size() == 0 ? Double.NaN
                : evaluator.evaluate(classifier, unseen, manager).accuracy();
        measured = new SeenUnseen(seen.size(), seenAccuracy, unseen.size(), unseenAccuracy);
    }
}
