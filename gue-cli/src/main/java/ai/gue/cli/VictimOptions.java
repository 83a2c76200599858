package ai.gue.cli;

import ai.gue.config.Presets;
import ai.gue.model.ClassifierArch;
import ai.gue.train.Augmentation;
import ai.gue.train.LrSchedule;
import ai.gue.train.VictimTrainingConfig;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The victim recipe on the command line: a preset, then any field overridden by its option. An
 * option left out keeps the preset's value (shown by {@code gue evaluate --help} per preset in the
 * README).
 */
final class VictimOptions {

    @Option(names = "--preset", paramLabel = "NAME|FILE", defaultValue = "cpu",
            description = "Victim recipe preset: cpu (quarter-width ResNet-9, 8 epochs one-cycle; >=80%% on "
                    + "CIFAR-10 in <=20 min on 2 cores), cpu-short (the same in 3 epochs: 82%% in 7 min; the cpu run's victim), paper (ResNet-18, 100 epochs, the GUE authors'), apbench "
                    + "(ResNet-18, 200 epochs) or a YAML file with the same fields. Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--arch", paramLabel = "ARCH", converter = ArchConverter.class, completionCandidates = ArchNames.class,
            description = "Classifier: ${COMPLETION-CANDIDATES}.")
    ClassifierArch arch;

    @Option(names = "--width", paramLabel = "X", description = "Channel-width multiplier of the classifier (1 = published).")
    Double width;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training set.")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", description = "Images per SGD step.")
    Integer batchSize;

    @Option(names = "--lr", paramLabel = "RATE", description = "Base learning rate (the peak for one-cycle).")
    Double learningRate;

    @Option(names = "--momentum", paramLabel = "M", description = "SGD momentum, in [0, 1).")
    Double momentum;

    @Option(names = "--weight-decay", paramLabel = "WD", description = "L2 weight decay (e.g. 5e-4).")
    Double weightDecay;

    @Option(names = "--nesterov", paramLabel = "BOOL", arity = "1", description = "Nesterov momentum: true or false.")
    Boolean nesterov;

    @Option(names = "--schedule", paramLabel = "S", converter = ScheduleConverter.class,
            description = "Learning-rate schedule: constant, step, multistep, cosine, one-cycle.")
    LrSchedule schedule;

    @Option(names = "--milestones", paramLabel = "E", split = ",",
            description = "Epochs at which multistep multiplies the rate by gamma (e.g. 75,90); step: the step size.")
    List<Integer> milestones;

    @Option(names = "--gamma", paramLabel = "G", description = "Rate multiplier at milestones (e.g. 0.1).")
    Double gamma;

    @Option(names = "--warmup", paramLabel = "F", description = "Share of steps spent warming up (one-cycle), in [0, 1).")
    Double warmup;

    @Option(names = "--label-smoothing", paramLabel = "S", description = "Label smoothing, in [0, 1).")
    Double labelSmoothing;

    @Option(names = "--crop-padding", paramLabel = "PIXELS", description = "Random-crop zero padding per side (0 = no crop).")
    Integer cropPadding;

    @Option(names = "--flip", paramLabel = "BOOL", arity = "1", description = "Random horizontal flip: true or false.")
    Boolean flip;

    @Option(names = "--seed", paramLabel = "N", description = "Root seed of the victim (initialisation, order, augmentation).")
    Long seed;

    /** The preset with every given option applied; the record validates the result. */
    VictimTrainingConfig resolve() {
        VictimTrainingConfig p = Presets.victim(preset);
        Augmentation augmentation = new Augmentation(
                cropPadding != null ? cropPadding : p.augmentation().cropPadding(),
                flip != null ? flip : p.augmentation().horizontalFlip());
        return new VictimTrainingConfig(or(arch, p.arch()), or(width, p.widthMultiplier()), or(epochs, p.epochs()),
                or(batchSize, p.batchSize()), or(learningRate, p.learningRate()), or(momentum, p.momentum()),
                or(weightDecay, p.weightDecay()), or(nesterov, p.nesterov()), or(schedule, p.schedule()),
                or(milestones, p.milestones()), or(gamma, p.gamma()), or(warmup, p.warmupFraction()),
                or(labelSmoothing, p.labelSmoothing()), augmentation, or(seed, p.seed()), p.evalBatchSize());
    }

    private static <T> T or(T given, T preset) {
        return given != null ? given : preset;
    }

    static final class ArchConverter implements picocli.CommandLine.ITypeConverter<ClassifierArch> {
        @Override
        public ClassifierArch convert(String value) {
            return ClassifierArch.parse(value);
        }
    }

    /** The architectures' command-line names, for help texts ({@code ${COMPLETION-CANDIDATES}}). */
    static final class ArchNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(ClassifierArch.values()).map(ClassifierArch::cliName).iterator();
        }
    }

    static final class ScheduleConverter implements picocli.CommandLine.ITypeConverter<LrSchedule> {
        @Override
        public LrSchedule convert(String value) {
            return LrSchedule.parse(value);
        }
    }
}
