package ai.gue.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;

/**
 * The machine's arithmetic rate through the engine: a large single-precision matrix product and
 * the 3×3 convolutions of CIFAR ResNet-18's four stages (batch {@code n}, forward and
 * forward + backward). It answers whether a network's training throughput is limited by the
 * machine or by the code around the kernels: a ResNet-18 training image costs about
 * 3 × 2 × 0.56 GFLOP, so {@code images/s × 3.3} GFLOP/s can be compared with these rates.
 * A benchmark, not a test.
 */
public final class KernelBenchmark {

    /** One kernel's rate. */
    public record Result(String kernel, double gigaflop, double seconds) {
        /** Billions of floating-point operations per second. */
        public double gigaflopsPerSecond() {
            return gigaflop / seconds;
        }
    }

    private KernelBenchmark() {}

    /** Measures every kernel with {@code repetitions} timed runs after one untimed run. */
    public static List<Result> measure(int batchSize, int repetitions) {
        if (batchSize <= 0 || repetitions <= 0) {
            throw new IllegalArgumentException("batch size and repetitions must be positive");
        }
        List<Result> results = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            int n = 1024;
            NDArray a = manager.randomNormal(new Shape(n, n));
            NDArray b = manager.randomNormal(new Shape(n, n));
            results.add(time("sgemm 1024x1024x1024", 2.0 * n * n * n / 1e9, repetitions, () -> {
                try (NDManager step = manager.newSubManager()) {
                    a.matMul(b).attach(step);
                }
            }));
            int[][] stages = {{64, 32}, {128, 16}, {256, 8}, {512, 4}};
            for (int[] stage : stages) {
                int channels = stage[0];
                int size = stage[1];
                double forward = 2.0 * batchSize * channels * channels * 9 * size * size / 1e9;
                NDArray x = manager.randomNormal(new Shape(batchSize, channels, size, size));
                NDArray w = manager.randomNormal(new Shape(channels, channels, 3, 3)).mul(0.05);
                String name = String.format("conv3x3 %d ch %dx%d, batch %d", channels, size, size, batchSize);
                results.add(time(name + " forward", forward, repetitions, () -> {
                    try (NDManager step = manager.newSubManager()) {
                        conv(x, w).attach(step);
                    }
                }));
                results.add(time(name + " forward+backward", 3 * forward, repetitions, () -> {
                    try (NDManager step = manager.newSubManager()) {
                        NDArray input = x.duplicate();
                        input.attach(step);
                        NDArray weight = w.duplicate();
                        weight.attach(step);
                        input.setRequiresGradient(true);
                        weight.setRequiresGradient(true);
                        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                            collector.backward(conv(input, weight).sum());
                        }
                        weight.getGradient().getFloat(0, 0, 0, 0);
                    }
                }));
            }
        }
        return results;
    }

    private static NDArray conv(NDArray x, NDArray w) {
        return Conv2d.conv2d(x, w, null, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1).singletonOrThrow();
    }

    private static Result time(String name, double gigaflop, int repetitions, Runnable kernel) {
        kernel.run();
        long start = System.nanoTime();
        for (int r = 0; r < repetitions; r++) {
            kernel.run();
        }
        return new Result(name, gigaflop * repetitions, (System.nanoTime() - start) / 1e9);
    }
}
