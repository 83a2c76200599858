package ai.gue.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Checks libtorch's 2-d convolution (forward, and the gradients of its input, weight and bias)
 * against a plain double-precision reference on small cases shaped like the layers gue trains.
 *
 * <p>Why: on some machines libtorch 2.7.1's oneDNN 3.7.1 JIT convolutions compute wrong results.
 * Found on a 2-core AMD EPYC (family 0x1A, AVX-512) virtual machine whose CPUID reports no cache
 * sizes: with oneDNN's AVX-512 kernels the input gradient changed from one identical call to the
 * next and was sometimes NaN; with its AVX2 kernels it was wrong the same way every time; with its
 * AVX kernels one case (12→4 channels on 4×4 images) was wrong; with {@code ONEDNN_MAX_CPU_ISA=SSE41}
 * every case matched. Only convolutions with few channels (at most 8 in or out) failed there: a
 * sweep of 16 to 128 channels at 2×2 to 32×32 found none wrong (docs/benchmarks.md, 'oneDNN
 * kernels'). A wrong gradient does not crash anything: it silently makes every PGD, every game
 * step and every victim wrong. So every network gue builds is checked where it is initialised
 * ({@link Initialization#initialize} and checkpoint loading call {@link #verify}): its own
 * convolutions, at its own image sizes, once per shape per JVM. Checking the network's shapes rather
 * than fixed ones lets wide networks keep the fast kernels on a machine where only narrow
 * convolutions are wrong; a narrow network there is refused with the remedy. {@link #run()} checks
 * fixed cases, narrow ones included ({@code gue check-kernels}); {@link #casesOf(List)} gives the
 * cases of given networks ({@code gue check-kernels --networks}, with which the launcher chooses the
 * kernels).
 *
 * <p>Each case runs {@link #REPEATS} times because the AVX-512 failure was intermittent, on a batch of
 * 2: oneDNN may choose other kernels for other batch sizes, which the check does not see (on the
 * failing machine the batch-2 cases failed like the tests' batches of 4 to 64). The fixed cases took
 * 0.9 to 1.5 s on that machine, most of it libtorch's first calls.
 */
public final class ConvolutionKernelCheck {
    /** How many times each case is run: the AVX-512 failure showed in about half the calls. */
    public static final int REPEATS = 4;
    /** What to do when the check fails. */
    public static final String REMEDY = "libtorch's convolution kernels compute wrong results on this machine. Run"
            + " with the environment variable ONEDNN_MAX_CPU_ISA=SSE41 (narrower kernels; on the AMD family-0x1A"
            + " machines where this was seen, SSE41 passed where AVX, AVX2 and AVX-512 failed, for layers with few"
            + " channels). The gue launcher picks the widest set under which the shipped presets' networks pass,"
            + " so a narrower network needs it set by hand (README, 'oneDNN kernels').";
    /** Largest error allowed, relative to the largest magnitude of the reference (float32 sums). */
    static final double TOLERANCE = 1e-4;

    /** One convolution: N×C×H×W input, K×K kernel, stride, zero padding, optional bias. */
    public record ConvCase(String name, int batch, int inChannels, int outChannels, int height, int width,
            int kernel, int stride, int padding, boolean bias) {
        /** A case on square S×S images. */
        public ConvCase(String name, int batch, int inChannels, int outChannels, int size, int kernel, int stride,
                int padding, boolean bias) {
            this(name, batch, inChannels, outChannels, size, size, kernel, stride, padding, bias);
        }

        int outHeight() {
            return (height + 2 * padding - kernel) / stride + 1;
        }

        int outWidth() {
            return (width + 2 * padding - kernel) / stride + 1;
        }

        /** The same convolution without its name: what the kernels see, and what {@link #verify} remembers. */
        ConvCase unnamed() {
            return new ConvCase("", batch, inChannels, outChannels, height, width, kernel, stride, padding, bias);
        }
    }

    /** A quantity (output or a gradient) of a case that came out wrong. */
    public record Mismatch(String caseName, int repeat, String quantity, double relativeError) {
        @Override
        public String toString() {
            return String.format("%s (call %d): %s off by %.3g of its scale", caseName, repeat + 1, quantity,
                    relativeError);
        }
    }

    /** What the check found; {@link #passed()} when nothing was wrong. */
    public record Result(List<Mismatch> mismatches, int casesRun) {
        public boolean passed() {
            return mismatches.isEmpty();
        }
    }

    /**
     * Shapes like the layers gue trains. On the machine described above the first four failed with
     * AVX-512 (in 1 to 4 of 4 calls) and AVX2 (in all), the last with AVX; the others passed there and
     * stand for the rest of gue's networks (wide 3×3, 1×1 output, strided, tiny images).
     */
    public static final List<ConvCase> CASES = List.of(
            new ConvCase("3->8 3x3 (first layer of a width-1/8 ResNet)", 2, 3, 8, 32, 3, 1, 1, false),
            new ConvCase("32->3 3x3 bias (three-channel output)", 2, 32, 3, 32, 3, 1, 1, true),
            new ConvCase("64->8 3x3", 2, 64, 8, 32, 3, 1, 1, false),
            new ConvCase("3->4 3x3 bias (tiny test networks)", 2, 3, 4, 8, 3, 1, 1, true),
            new ConvCase("3->16 3x3 (first layer)", 2, 3, 16, 32, 3, 1, 1, false),
            new ConvCase("32->3 1x1 bias (UNet output)", 2, 32, 3, 32, 1, 1, 0, true),
            new ConvCase("16->32 3x3 stride 2", 2, 16, 32, 16, 3, 2, 1, false),
            new ConvCase("8->16 1x1 stride 2 (shortcut)", 2, 8, 16, 16, 1, 2, 0, false),
            new ConvCase("2->3 1x1 bias (test UNet output)", 4, 2, 3, 8, 1, 1, 0, true),
            new ConvCase("16->16 3x3 bias on 1x1 images (test UNet bottom)", 4, 16, 16, 1, 3, 1, 1, true),
            new ConvCase("12->4 3x3 bias on 4x4 images", 4, 12, 4, 4, 3, 1, 1, true));

    /** Convolution shapes that passed {@link #verify} in this JVM: facts about the machine, not state of a run. */
    private static final Set<ConvCase> VERIFIED = ConcurrentHashMap.newKeySet();

    private ConvolutionKernelCheck() {}

    /** Runs every case of {@link #CASES}, {@link #REPEATS} times each, with fixed data. */
    public static Result run() {
        return run(CASES);
    }

    /** Runs the given cases, {@link #REPEATS} times each, with fixed data. */
    public static Result run(List<ConvCase> cases) {
        List<Mismatch> mismatches = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (ConvCase convCase : cases) {
                checkCase(manager, convCase, mismatches);
            }
        }
        return new Result(List.copyOf(mismatches), cases.size());
    }

    /**
     * The distinct convolutions of an initialised network, as cases of batch 2 at the image sizes the
     * network gives each layer, in the order first met (depth first).
     */
    public static List<ConvCase> casesOf(Block initializedNetwork) {
        Map<ConvCase, ConvCase> distinct = new LinkedHashMap<>();
        collect(initializedNetwork, distinct);
        return List.copyOf(distinct.values());
    }

    /** The distinct convolutions of the networks {@code specs} describe (built and initialised here, then freed). */
    public static List<ConvCase> casesOf(List<ModelSpec> specs) {
        Map<ConvCase, ConvCase> distinct = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (ModelSpec spec : specs) {
                Block network = spec.build();
                network.initialize(manager, DataType.FLOAT32, spec.batchShape(1)); // shapes only: no check, no init scheme
                collect(network, distinct);
            }
        }
        return List.copyOf(distinct.values());
    }

    private static void collect(Block block, Map<ConvCase, ConvCase> distinct) {
        if (block instanceof Convolution conv) {
            Shape in = block.getInputShapes()[0];
            if (in.dimension() != 4) {
                throw new IllegalArgumentException("a 2-d convolution with input shape " + in);
            }
            int kernel = (int) conv.getKernelShape().get(0);
            Shape stride = conv.getStride();
            Shape padding = conv.getPadding();
            Shape dilation = conv.getDilation();
            if (conv.getKernelShape().get(1) != kernel || stride.get(0) != stride.get(1)
                    || padding.get(0) != padding.get(1) || dilation.get(0) != 1 || dilation.get(1) != 1
                    || conv.getGroups() != 1) {
                // gue builds only square, undilated, ungrouped convolutions (Layers.conv); say so if that changes
                throw new IllegalArgumentException("the kernel check covers square, undilated, ungrouped"
                        + " convolutions, not kernel " + conv.getKernelShape() + " stride " + stride + " padding "
                        + padding + " dilation " + dilation + " groups " + conv.getGroups());
            }
            ConvCase c = new ConvCase(String.format(Locale.ROOT, "%d->%d %dx%d stride %d%s on %dx%d", in.get(1),
                    conv.getFilters(), kernel, kernel, stride.get(0), conv.isIncludeBias() ? " bias" : "",
                    in.get(2), in.get(3)), 2, (int) in.get(1), conv.getFilters(), (int) in.get(2), (int) in.get(3),
                    kernel, (int) stride.get(0), (int) padding.get(0), conv.isIncludeBias());
            distinct.putIfAbsent(c.unnamed(), c);
            return;
        }
        for (Block child : block.getChildren().values()) {
            collect(child, distinct);
        }
    }

    /**
     * Checks every distinct convolution of an initialised network that this JVM has not checked yet, and
     * throws when libtorch computes one wrongly here. Each shape is checked once per JVM (a ResNet-18's
     * eleven shapes take a few seconds once, nothing after), so networks built again and again (a
     * grid's victims, DeepConfuse's probes) cost nothing more.
     *
     * @throws WrongKernelsException naming the first wrong quantity and the remedy
     */
    public static void verify(Block initializedNetwork) {
        verify(initializedNetwork, c -> run(List.of(c)).mismatches());
    }

    /** {@link #verify(Block)} with the check of one case given (tests give a failing one). */
    static void verify(Block initializedNetwork, Function<ConvCase, List<Mismatch>> checkOne) {
        for (ConvCase c : casesOf(initializedNetwork)) {
            if (isVerified(c)) {
                continue;
            }
            List<Mismatch> mismatches = checkOne.apply(c);
            if (!mismatches.isEmpty()) {
                throw new WrongKernelsException(mismatches.get(0) + " (ONEDNN_MAX_CPU_ISA="
                        + System.getenv("ONEDNN_MAX_CPU_ISA") + "). " + REMEDY);
            }
            VERIFIED.add(c.unnamed());
        }
    }

    /** Whether {@link #verify} has checked this convolution (any name) in this JVM and found it right. */
    static boolean isVerified(ConvCase c) {
        return VERIFIED.contains(c.unnamed());
    }

    /** libtorch computes a convolution of the network wrongly on this machine. */
    public static final class WrongKernelsException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public WrongKernelsException(String message) {
            super(message);
        }
    }

    static void checkCase(NDManager parent, ConvCase c, List<Mismatch> mismatches) {
        Random random = new Random(c.name().hashCode());
        float[] input = uniform(random, c.batch() * c.inChannels() * c.height() * c.width());
        float[] weight = uniform(random, c.outChannels() * c.inChannels() * c.kernel() * c.kernel());
        float[] bias = c.bias() ? uniform(random, c.outChannels()) : new float[c.outChannels()];
        float[] outputWeights = uniform(random, c.batch() * c.outChannels() * c.outHeight() * c.outWidth());
        Reference expected = Reference.of(c, input, weight, bias, outputWeights);
        for (int repeat = 0; repeat < REPEATS; repeat++) {
            try (NDManager manager = parent.newSubManager()) {
                NDArray x = manager.create(input, new Shape(c.batch(), c.inChannels(), c.height(), c.width()));
                NDArray w = manager.create(weight, new Shape(c.outChannels(), c.inChannels(), c.kernel(), c.kernel()));
                NDArray b = c.bias() ? manager.create(bias) : null;
                NDArray r = manager.create(outputWeights, new Shape(c.batch(), c.outChannels(), c.outHeight(),
                        c.outWidth()));
                x.setRequiresGradient(true);
                w.setRequiresGradient(true);
                if (b != null) {
                    b.setRequiresGradient(true);
                }
                float[] forward;
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray y = Conv2d.conv2d(x, w, b, new Shape(c.stride(), c.stride()),
                            new Shape(c.padding(), c.padding()), new Shape(1, 1), 1).singletonOrThrow();
                    forward = y.toFloatArray();
                    collector.backward(y.mul(r).sum());
                }
                compare(c, repeat, "output", expected.output(), forward, mismatches);
                compare(c, repeat, "input gradient", expected.inputGradient(), x.getGradient().toFloatArray(),
                        mismatches);
                compare(c, repeat, "weight gradient", expected.weightGradient(), w.getGradient().toFloatArray(),
                        mismatches);
                if (b != null) {
                    compare(c, repeat, "bias gradient", expected.biasGradient(), b.getGradient().toFloatArray(),
                            mismatches);
                }
            }
        }
    }

    private static void compare(ConvCase c, int repeat, String quantity, double[] expected, float[] actual,
            List<Mismatch> mismatches) {
        double relative = relativeError(expected, actual);
        if (!(relative <= TOLERANCE)) {
            mismatches.add(new Mismatch(c.name(), repeat, quantity, relative));
        }
    }

    /**
     * Largest absolute difference over the largest reference magnitude; infinite when a value is NaN
     * or the lengths differ.
     */
    static double relativeError(double[] expected, float[] actual) {
        if (expected.length != actual.length) {
            return Double.POSITIVE_INFINITY;
        }
        double scale = 0;
        double error = 0;
        for (int i = 0; i < expected.length; i++) {
            if (Float.isNaN(actual[i])) {
                return Double.POSITIVE_INFINITY;
            }
            scale = Math.max(scale, Math.abs(expected[i]));
            error = Math.max(error, Math.abs(expected[i] - actual[i]));
        }
        return error / Math.max(scale, 1e-30);
    }

    private static float[] uniform(Random random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextFloat() * 2 - 1;
        }
        return values;
    }

    /**
     * The convolution y = b + w ⋆ x and the gradients of L = Σ r·y by direct summation in double
     * precision: the textbook definition, with no blocking or vectorisation to get wrong.
     */
    record Reference(double[] output, double[] inputGradient, double[] weightGradient, double[] biasGradient) {
        static Reference of(ConvCase c, float[] x, float[] w, float[] b, float[] r) {
            int n = c.batch();
            int ci = c.inChannels();
            int co = c.outChannels();
            int h = c.height();
            int wd = c.width();
            int k = c.kernel();
            int oh = c.outHeight();
            int ow = c.outWidth();
            double[] y = new double[n * co * oh * ow];
            double[] dx = new double[x.length];
            double[] dw = new double[w.length];
            double[] db = new double[co];
            for (int img = 0; img < n; img++) {
                for (int oc = 0; oc < co; oc++) {
                    for (int oy = 0; oy < oh; oy++) {
                        for (int ox = 0; ox < ow; ox++) {
                            int yi = ((img * co + oc) * oh + oy) * ow + ox;
                            double sum = b[oc];
                            for (int ic = 0; ic < ci; ic++) {
                                for (int ky = 0; ky < k; ky++) {
                                    int iy = oy * c.stride() + ky - c.padding();
                                    for (int kx = 0; kx < k; kx++) {
                                        int ix = ox * c.stride() + kx - c.padding();
                                        if (iy < 0 || iy >= h || ix < 0 || ix >= wd) {
                                            continue;
                                        }
                                        int xi = ((img * ci + ic) * h + iy) * wd + ix;
                                        int wi = ((oc * ci + ic) * k + ky) * k + kx;
                                        sum += w[wi] * (double) x[xi];
                                        dx[xi] += r[yi] * (double) w[wi];
                                        dw[wi] += r[yi] * (double) x[xi];
                                    }
                                }
                            }
                            y[yi] = sum;
                            db[oc] += r[yi];
                        }
                    }
                }
            }
            return new Reference(y, dx, dw, db);
        }
    }
}
