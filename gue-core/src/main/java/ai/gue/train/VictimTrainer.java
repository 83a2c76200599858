package ai.gue.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.gue.data.ImageDataset;
import ai.gue.data.ImageShape;
import ai.gue.eval.ClassifierEvaluator;
import ai.gue.eval.Evaluation;
import ai.gue.model.Initialization;
import ai.gue.model.ParameterCounter;
import ai.gue.model.TensorShapes;
import ai.gue.util.ProcessMemory;
import ai.gue.util.SeedTree;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains a fresh classifier on a training set and measures its clean test accuracy after every
 * epoch: the victim of an unlearnable-examples evaluation.
 */
public final class VictimTrainer {

    private final VictimTrainingConfig config;
    private final AdversarialTraining adversarialTraining;

    public VictimTrainer(VictimTrainingConfig config) {
        this(config, null);
    }

    /**
     * @param adversarialTraining replaces every training batch by its PGD adversarial examples
     *     (a defense), or null for ordinary training
     */
    public VictimTrainer(VictimTrainingConfig config, AdversarialTraining adversarialTraining) {
        this.config = config;
        this.adversarialTraining = adversarialTraining;
    }

    /** Trains on {@code train}, evaluating on {@code test} after each epoch. */
    public VictimResult train(ImageDataset train, ImageDataset test, VictimTrainingListener listener) {
        if (!train.shape().equals(test.shape())) {
            throw new IllegalArgumentException("training images are " + train.shape() + " but test images are "
                    + test.shape());
        }
        if (train.classCount() != test.classCount()) {
            throw new IllegalArgumentException("training set has " + train.classCount()
                    + " classes but test set has " + test.classCount());
        }
        long started = System.nanoTime();
        SeedTree seeds = new SeedTree(config.seed());
        Engine.getInstance().setRandomSeed((int) seeds.child("classifier-init").seed());
        ImageShape shape = train.shape();
        BatchSampler sampler = new BatchSampler(train, config.batchSize(), config.augmentation(), true);
        int stepsPerEpoch = sampler.batchesPerEpoch();
        LearningRateCurve curve = new LearningRateCurve(config.schedule(), config.learningRate(),
                config.milestones(), config.gamma(), config.warmupFraction(), config.epochs(), stepsPerEpoch);
        ClassifierEvaluator evaluator = new ClassifierEvaluator(config.evalBatchSize());
        List<EpochMetrics> history = new ArrayList<>();

        try (NDManager runManager = NDManager.newBaseManager()) {
            Block classifier = config.arch().build(train.classCount(), config.widthMultiplier());
            Initialization.initialize(classifier, runManager, TensorShapes.batch(1, shape));
            long parameterCount = ParameterCounter.count(classifier);
            listener.onStart(config, train.size(), stepsPerEpoch, parameterCount);
            try (SgdMomentum optimizer = new SgdMomentum(classifier.getParameters(), runManager,
                    config.momentum(), config.weightDecay(), config.nesterov())) {
                optimizer.zeroGradients();
                HostUpload upload = new HostUpload();
                long globalStep = 0;
                for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                    SeedTree epochSeeds = seeds.child("epoch/" + epoch);
                    int[] order = sampler.order(epochSeeds.child("order").seed());
                    long augmentationSeed = epochSeeds.child("augmentation").seed();
                    long adversarySeed = epochSeeds.child("adversary").seed();
                    long epochStart = System.nanoTime();
                    double lossSum = 0;
                    long correct = 0;
                    int seen = 0;
                    double learningRate = 0;
                    for (int b = 0; b < stepsPerEpoch; b++) {
                        HostBatch batch = sampler.batch(order, b, augmentationSeed);
                        if (batch.size() < 2) {
                            continue; // BatchNorm cannot normalise a single image
                        }
                        learningRate = curve.at(globalStep++);
                        StepOutcome outcome = step(classifier, runManager, upload, batch, shape, train.classCount(),
                                optimizer, learningRate, adversarySeed ^ (0x9E3779B97F4A7C15L * (b + 1)));
                        lossSum += outcome.loss() * batch.size();
                        correct += outcome.correct();
                        seen += batch.size();
                        double elapsed = (System.nanoTime() - epochStart) / 1e9;
                        listener.onStep(epoch, b + 1, stepsPerEpoch, outcome.loss(), seen / elapsed);
                    }
                    double trainSeconds = (System.nanoTime() - epochStart) / 1e9;
                    Evaluation evaluation = evaluator.evaluate(classifier, test, runManager);
                    EpochMetrics metrics = new EpochMetrics(epoch, lossSum / seen, correct / (double) seen,
                            evaluation.accuracy(), evaluation.meanLoss(), learningRate, trainSeconds,
                            seen / trainSeconds, ProcessMemory.residentBytes());
                    history.add(metrics);
                    listener.onEpoch(metrics);
                }
            }
            listener.onTrained(classifier, runManager);
            return new VictimResult(config, train.size(), test.size(), parameterCount, history,
                    (System.nanoTime() - started) / 1e9);
        }
    }

    private record StepOutcome(double loss, long correct) {}

    /** One SGD step in its own child manager, so every temporary of the step is freed with it. */
    private StepOutcome step(Block classifier, NDManager runManager, HostUpload upload, HostBatch batch,
            ImageShape shape, int classes,
            SgdMomentum optimizer, double learningRate, long adversarySeed) {
        try (NDManager stepManager = runManager.newSubManager()) {
            NDArray images = upload.floats(stepManager, batch.images(),
                    TensorShapes.batch(batch.size(), shape));
            NDArray labels = upload.ints(stepManager, batch.labels());
            if (adversarialTraining != null) {
                images = adversarialTraining.attack(classifier, stepManager, images, labels, classes, adversarySeed);
            }
            double loss;
            long correct;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = classifier.forward(new ParameterStore(stepManager, false), new NDList(images), true)
                        .singletonOrThrow();
                NDArray lossArray = batch.mixed()
                        ? CrossEntropy.mixed(logits, labels, upload.ints(stepManager, batch.partnerLabels()),
                                upload.floats(stepManager, batch.ownWeights()), classes, config.labelSmoothing())
                        : CrossEntropy.smoothed(logits, labels, classes, config.labelSmoothing());
                collector.backward(lossArray);
                loss = lossArray.getFloat();
                correct = logits.argMax(1).eq(labels.toType(DataType.INT64, false)).sum().getLong();
            }
            optimizer.step(learningRate);
            return new StepOutcome(loss, correct);
        }
    }
}
