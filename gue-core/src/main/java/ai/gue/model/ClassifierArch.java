package ai.gue.model;

import ai.gue.util.CliNames;
import ai.djl.nn.Block;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The victim / follower classifier architectures. Each builds an uninitialised DJL {@link Block}
 * mapping a batch of (N, 3, H, W) images in [0, 1] (already normalised by the caller) to (N, classes)
 * logits. The width multiplier scales every channel count (1.0 = the published network).
 */
public enum ClassifierArch {
    /** CIFAR ResNet-18 (3x3 stem, no max-pool), the authors' variant: 11,173,962 parameters at 10 classes. */
    RESNET18("resnet18"),
    /** CIFAR ResNet-50 (bottleneck blocks, 3x3 stem). */
    RESNET50("resnet50"),
    /** VGG-16 with batch normalisation, CIFAR head (one linear layer). */
    VGG16_BN("vgg16-bn"),
    /** DenseNet-121, CIFAR variant: growth 12, blocks 6-12-24-16. */
    DENSENET121("densenet121"),
    /** Wide ResNet 28-10. */
    WRN28_10("wrn28-10"),
    /** A small residual network for CPU presets (see {@link FastCifarNet}). */
    FASTNET("fastnet"),
    /** A linear classifier on the pixels (see {@link LinearClassifier}); the width multiplier does not apply. */
    LINEAR("linear");

    private final String cliName;

    ClassifierArch(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line and in config files. */
    @JsonValue
    public String cliName() {
        return cliName;
    }

    /** Builds the network for {@code classCount} classes with channel widths scaled by {@code widthMultiplier}. */
    public Block build(int classCount, double widthMultiplier) {
        if (classCount < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classCount);
        }
        if (!(widthMultiplier > 0) || Double.isInfinite(widthMultiplier)) {
            throw new IllegalArgumentException("width multiplier must be a positive number, got " + widthMultiplier);
        }
        return switch (this) {
            case RESNET18 -> ResNetCifar.resnet18(classCount, widthMultiplier);
            case RESNET50 -> ResNetCifar.resnet50(classCount, widthMultiplier);
            case VGG16_BN -> VggBn.vgg16(classCount, widthMultiplier);
            case DENSENET121 -> DenseNetCifar.densenet121(classCount, widthMultiplier);
            case WRN28_10 -> WideResNet.wrn28x10(classCount, widthMultiplier);
            case FASTNET -> FastCifarNet.build(classCount, widthMultiplier);
            case LINEAR -> LinearClassifier.build(classCount);
        };
    }

    /** Parses a command-line name ({@code resnet18}) or enum name ({@code RESNET18}). */
    @JsonCreator
    public static ClassifierArch parse(String name) {
        return CliNames.parse(ClassifierArch.class, ClassifierArch::cliName, name, "architecture");
    }

    @Override
    public String toString() {
        return cliName;
    }
}
