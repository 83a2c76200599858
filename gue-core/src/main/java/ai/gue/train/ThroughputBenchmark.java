package ai.gue.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.gue.data.ImageShape;
import ai.gue.model.ClassifierArch;
import ai.gue.model.Initialization;
import ai.gue.model.ParameterCounter;
import ai.gue.model.TensorShapes;
import ai.gue.util.ProcessMemory;
import java.util.Optional;

/**
 * Measures the cost of one architecture: training steps (forward, backward, SGD update, exactly
 * the victim trainer's step; optionally after the PGD attack of adversarial training, the costliest
 * defense) and inference passes per second on random 32x32 images, and resident memory after
 * warm-up and after the timed steps (a growing difference means a native leak). A benchmark, not a
 * test: the numbers depend on the machine and its load.
 */
public final class ThroughputBenchmark {

    /**
     * What one measurement found.
     *
     * @param arch                 architecture
     * @param widthMultiplier      width multiplier
     * @param batchSize            images per step
     * @param parameterCount       trainable parameters
     * @param trainImagesPerSecond training throughput (forward + backward + update)
     * @param inferImagesPerSecond inference throughput (forward in eval mode)
     * @param residentAfterWarmup  resident bytes after the warm-up steps
     * @param residentAtEnd        resident bytes after the timed steps
     * @param timedSteps           number of timed training steps
     */
    public record Result(ClassifierArch arch, double widthMultiplier, int batchSize, long parameterCount,
            double trainImagesPerSecond, double inferImagesPerSecond, long residentAfterWarmup, long residentAtEnd,
            int timedSteps) {

        /** Relative resident-memory growth over the timed steps. */
        public double memoryGrowth() {
            return (residentAtEnd - residentAfterWarmup) / (double) residentAfterWarmup;
        }
    }

    private ThroughputBenchmark() {}

    /** Runs {@code warmupSteps} untimed then {@code timedSteps} timed training steps, then inference. */
    public static Result measure(ClassifierArch arch, double widthMultiplier, int batchSize, int warmupSteps,
            int timedSteps, long seed) {
        return measure(arch, widthMultiplier, batchSize, warmupSteps, timedSteps, seed, Optional.empty());
    }

    /**
     * As {@link #measure(ClassifierArch, double, int, int, int, long)}, each training step on the PGD
     * adversarial examples of {@code adversarialTraining} (when present) instead of the batch itself.
     */
    public static Result measure(ClassifierArch arch, double widthMultiplier, int batchSize, int warmupSteps,
            int timedSteps, long seed, Optional<AdversarialTraining> adversarialTraining) {
        Engine.getInstance().setRandomSeed((int) seed);
        ImageShape shape = ImageShape.CIFAR;
        int classes = 10;
        RandomBatch batch = RandomBatch.of(shape, batchSize, classes, seed);
        float[] images = batch.images();
        int[] labels = batch.labels();
        Shape batchShape = TensorShapes.batch(batchSize, shape);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = arch.build(classes, widthMultiplier);
            Initialization.initialize(block, manager, TensorShapes.batch(1, shape));
            long parameters = ParameterCounter.count(block);
            try (SgdMomentum optimizer = new SgdMomentum(block.getParameters(), manager, 0.9, 5e-4, false)) {
                optimizer.zeroGradients();
                HostUpload upload = new HostUpload();
                for (int s = 0; s < warmupSteps; s++) {
                    trainStep(block, manager, upload, images, labels, batchShape, classes, optimizer,
                            adversarialTraining);
                }
                long residentAfterWarmup = ProcessMemory.residentBytes();
                long start = System.nanoTime();
                for (int s = 0; s < timedSteps; s++) {
                    trainStep(block, manager, upload, images, labels, batchShape, classes, optimizer,
                            adversarialTraining);
                }
                double trainSeconds = (System.nanoTime() - start) / 1e9;
                long residentAtEnd = ProcessMemory.residentBytes();
                int inferPasses = Math.max(1, timedSteps / 2);
                start = System.nanoTime();
                for (int s = 0; s < inferPasses; s++) {
                    try (NDManager step = manager.newSubManager()) {
                        NDArray x = upload.floats(step, images, batchShape);
                        block.forward(new ParameterStore(step, false), new NDList(x), false).singletonOrThrow()
                                .argMax(1).toLongArray();
                    }
                }
                double inferSeconds = (System.nanoTime() - start) / 1e9;
                return new Result(arch, widthMultiplier, batchSize, parameters,
                        timedSteps * batchSize / trainSeconds, inferPasses * batchSize / inferSeconds,
                        residentAfterWarmup, residentAtEnd, timedSteps);
            }
        }
    }

    private static void trainStep(Block block, NDManager manager, HostUpload upload, float[] images, int[] labels,
            Shape batchShape, int classes, SgdMomentum optimizer, Optional<AdversarialTraining> adversarialTraining) {
        try (NDManager step = manager.newSubManager()) {
            NDArray clean = upload.floats(step, images, batchShape);
            NDArray y = upload.ints(step, labels);
            NDArray x = adversarialTraining.isPresent()
                    ? adversarialTraining.get().attack(block, step, clean, y, classes, 0) : clean;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = block.forward(new ParameterStore(step, false), new NDList(x), true).singletonOrThrow();
                NDArray loss = CrossEntropy.smoothed(logits, y, classes, 0);
                collector.backward(loss);
                loss.getFloat();
            }
            optimizer.step(0.01);
        }
    }
}
