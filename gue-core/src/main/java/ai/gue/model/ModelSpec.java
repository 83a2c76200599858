package ai.gue.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Everything needed to rebuild a network: what it is, its width, its output classes or image
 * channels, and the per-sample input shape (C, H, W) it was initialised for.
 *
 * @param kind classifier or generator
 * @param architecture a {@link ClassifierArch#cliName()} for classifiers, {@code "unet"} for the generator
 * @param widthMultiplier channel scale; for the generator {@code baseWidth / 64}
 * @param classCount output classes of a classifier; 0 for a generator
 * @param channels image channels (C of the input shape)
 * @param inputShape one sample's shape, (C, H, W)
 */
public record ModelSpec(
        ModelKind kind, String architecture, double widthMultiplier, int classCount, int channels, List<Long> inputShape) {
    /** The generator's architecture name. */
    public static final String UNET = "unet";

    /** Validates the fields. */
    public ModelSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(architecture, "architecture");
        inputShape = List.copyOf(Objects.requireNonNull(inputShape, "inputShape"));
        if (!(widthMultiplier > 0) || Double.isInfinite(widthMultiplier)) {
            throw new IllegalArgumentException("width multiplier must be a positive number, got " + widthMultiplier);
        }
        if (inputShape.size() != 3 || inputShape.stream().anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("input shape must be (C, H, W) with positive sizes, got " + inputShape);
        }
        if (channels != inputShape.get(0)) {
            throw new IllegalArgumentException("channels " + channels + " differ from the input shape " + inputShape);
        }
        if (kind == ModelKind.CLASSIFIER) {
            ClassifierArch.parse(architecture);
            if (classCount < 2) {
                throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classCount);
            }
        } else {
            if (!UNET.equals(architecture)) {
                throw new IllegalArgumentException("unknown generator architecture '" + architecture + "'; expected unet");
            }
            if (classCount != 0) {
                throw new IllegalArgumentException("a generator has no classes, got " + classCount);
            }
            double baseWidth = widthMultiplier * UNetGenerator.DEFAULT_BASE_WIDTH;
            if (baseWidth != Math.rint(baseWidth)) {
                throw new IllegalArgumentException("generator width multiplier × 64 must be a whole base width, got "
                        + widthMultiplier);
            }
        }
    }

    /** A classifier for samples of {@code sampleShape} = (C, H, W). */
    public static ModelSpec classifier(ClassifierArch arch, int classCount, double widthMultiplier, Shape sampleShape) {
        return new ModelSpec(ModelKind.CLASSIFIER, arch.cliName(), widthMultiplier, classCount,
                Math.toIntExact(sampleShape.get(0)), dims(sampleShape));
    }

    /** A UNet generator of the given base width (64 in the paper) for samples of {@code sampleShape} = (C, H, W). */
    public static ModelSpec generator(int baseWidth, Shape sampleShape) {
        if (baseWidth < 1) {
            throw new IllegalArgumentException("base width must be positive, got " + baseWidth);
        }
        return new ModelSpec(ModelKind.GENERATOR, UNET, baseWidth / (double) UNetGenerator.DEFAULT_BASE_WIDTH, 0,
                Math.toIntExact(sampleShape.get(0)), dims(sampleShape));
    }

    private static List<Long> dims(Shape shape) {
        if (shape.dimension() != 3) {
            throw new IllegalArgumentException("a sample shape is (C, H, W), got " + shape);
        }
        return List.of(shape.get(0), shape.get(1), shape.get(2));
    }

    /** The generator's base width ({@code widthMultiplier × 64}). */
    public int baseWidth() {
        return (int) Math.rint(widthMultiplier * UNetGenerator.DEFAULT_BASE_WIDTH);
    }

    /** A batch of {@code n} samples: (n, C, H, W). */
    public Shape batchShape(long n) {
        return new Shape(n, inputShape.get(0), inputShape.get(1), inputShape.get(2));
    }

    /** Builds the (uninitialised) network. */
    public Block build() {
        return kind == ModelKind.CLASSIFIER
                ? ClassifierArch.parse(architecture).build(classCount, widthMultiplier)
                : UNetGenerator.build(channels, baseWidth());
    }

    /** Builds the network and initialises it with PyTorch's default initialisation ({@link Initialization}). */
    public Block buildInitialized(NDManager manager) {
        return Initialization.initialize(build(), manager, batchShape(1));
    }

    /** SHA-256 (hex) of a canonical rendering of this spec. */
    public String configHash() {
        String canonical = "kind=" + kind.label() + ";architecture=" + architecture + ";width=" + widthMultiplier
                + ";classes=" + classCount + ";channels=" + channels + ";input=" + inputShape;
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
