package ai.gue.game;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.gue.attack.Budget;
import ai.gue.attack.GeneratorPoison;
import ai.gue.data.ImageShape;
import ai.gue.model.ClassifierArch;
import ai.gue.model.ModelSpec;
import ai.gue.model.TensorShapes;
import ai.gue.train.RandomBatch;
import ai.gue.train.Augmentation;
import ai.gue.train.HostUpload;
import ai.gue.util.ProcessMemory;

/**
 * Seconds per game step for a follower/generator pair, measured for one or both ways of spending
 * compute ({@link GameImplementation}) in the same process, on random CIFAR-shaped batches. A
 * benchmark, not a test: the numbers depend on the machine and its load.
 */
public final class GameStepBenchmark {

    /**
     * One measurement.
     *
     * @param implementation      how the step spent compute
     * @param secondsPerStep      mean wall time of the timed steps
     * @param residentAfterWarmup resident bytes after the warm-up steps
     * @param residentAtEnd       resident bytes after the timed steps
     */
    public record Result(GameImplementation implementation, double secondsPerStep, long residentAfterWarmup,
            long residentAtEnd) {}

    private GameStepBenchmark() {}

    /** Times {@code timedSteps} game steps (after {@code warmupSteps}) of the given configuration. */
    public static Result measure(ClassifierArch followerArch, double followerWidth, int generatorWidth, int batchSize,
            int innerSteps, GameImplementation implementation, int warmupSteps, int timedSteps) {
        return measure(followerArch, followerWidth, generatorWidth, batchSize, innerSteps, implementation,
                Augmentation.NONE, warmupSteps, timedSteps);
    }

    /**
     * As {@link #measure(ClassifierArch, double, int, int, int, GameImplementation, int, int)}, with the
     * game's crop and flip of the poisoned batch ({@link GameConfig#poisonAugmentation()}).
     */
    public static Result measure(ClassifierArch followerArch, double followerWidth, int generatorWidth, int batchSize,
            int innerSteps, GameImplementation implementation, Augmentation poisonAugmentation, int warmupSteps,
            int timedSteps) {
        GameHyperParameters hyper = new GameHyperParameters(PayoffKind.MAX_WRONG_CE, 1.5, innerSteps, 1e-4, 0.1,
                0.01, implementation);
        return measure(followerArch, followerWidth, generatorWidth, Budget.linf(8), hyper, poisonAugmentation,
                batchSize, warmupSteps, timedSteps);
    }

    /**
     * Times the step of a whole game preset: its follower, generator, budget, batch size, per-step
     * numbers (including the adversarial setting's TRADES and PGD) and in-game augmentation, on
     * random batches. What a game of this preset spends per step, without data loading and selection
     * victims.
     */
    public static Result measure(GameConfig game, int warmupSteps, int timedSteps) {
        return measure(game.followerArch(), game.followerWidth(), game.generatorWidth(), game.budget(),
                game.hyperParameters(), game.poisonAugmentation(), game.batchSize(), warmupSteps, timedSteps);
    }

    /**
     * The game steps of one epoch of {@code game} on a training set of {@code trainingImages}: its
     * played share (data fraction, minus the validation fraction) in batches, the last one partial.
     * Approximate by at most one step: the real split rounds per class.
     */
    public static int stepsPerEpoch(GameConfig game, int trainingImages) {
        long played = Math.round(trainingImages * game.dataFraction() * (1 - game.validationFraction()));
        return (int) ((played + game.batchSize() - 1) / game.batchSize());
    }

    private static Result measure(ClassifierArch followerArch, double followerWidth, int generatorWidth,
            Budget budget, GameHyperParameters hyper, Augmentation poisonAugmentation, int batchSize,
            int warmupSteps, int timedSteps) {
        ImageShape shape = ImageShape.CIFAR;
        Shape sample = TensorShapes.sample(shape);
        int classes = 10;
        Engine.getInstance().setRandomSeed(1);
        RandomBatch batch = RandomBatch.of(shape, batchSize, classes, 1);
        float[] images = batch.images();
        int[] labels = batch.labels();
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelSpec followerSpec = ModelSpec.classifier(followerArch, classes, followerWidth, sample);
            Block generator = ModelSpec.generator(generatorWidth, sample).buildInitialized(manager);
            Block follower = followerSpec.buildInitialized(manager);
            Block inner = followerSpec.buildInitialized(manager);
            try (BomeStep step = new BomeStep(new GeneratorPoison(generator, budget), follower, inner, hyper,
                    poisonAugmentation, manager)) {
                HostUpload upload = new HostUpload();
                for (int s = 0; s < warmupSteps; s++) {
                    runStep(step, manager, upload, images, labels, shape, batchSize, s);
                }
                long residentAfterWarmup = ProcessMemory.residentBytes();
                long started = System.nanoTime();
                for (int s = 0; s < timedSteps; s++) {
                    runStep(step, manager, upload, images, labels, shape, batchSize, warmupSteps + s);
                }
                double seconds = (System.nanoTime() - started) / 1e9 / timedSteps;
                return new Result(hyper.implementation(), seconds, residentAfterWarmup, ProcessMemory.residentBytes());
            }
        }
    }

    private static void runStep(BomeStep step, NDManager manager, HostUpload upload, float[] images, int[] labels,
            ImageShape shape, int batchSize, long seed) {
        try (NDManager batch = manager.newSubManager()) {
            NDArray x = upload.floats(batch, images, TensorShapes.batch(batchSize, shape));
            NDArray y = upload.ints(batch, labels);
            step.run(batch, x, y, seed, 1.0); // the seed draws PGD's random start (adversarial)
        }
    }
}
