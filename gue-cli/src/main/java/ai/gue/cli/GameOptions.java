package ai.gue.cli;

import ai.gue.attack.Budget;
import ai.gue.config.Presets;
import ai.gue.game.GameConfig;
import ai.gue.game.GameImplementation;
import ai.gue.game.GameSetting;
import ai.gue.game.GeneratorOptimizerKind;
import ai.gue.game.PayoffKind;
import ai.gue.model.ClassifierArch;
import ai.gue.train.Augmentation;
import java.util.List;
import picocli.CommandLine.Option;

/** The game on the command line: a preset, then any field overridden by its option. */
final class GameOptions {

    @Option(names = "--game-preset", paramLabel = "NAME|FILE", defaultValue = "cpu",
            description = "Game preset: cpu (quarter-width follower, width-32 UNet, the whole training set, "
                    + "in-game crop and flip, 12 epochs, about 74 min on 2 cores), cpu-long (the same game for 22 "
                    + "epochs, about 2.25 h), cpu-adversarial (cpu-long against a TRADES follower, PGD-4 at 4/255), paper (the authors': ResNet-18, width-64 UNet, 50 epochs over all "
                    + "data), adversarial (the authors' TRADES setting, 150 epochs) or a YAML file. "
                    + "Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--follower-arch", paramLabel = "ARCH", converter = VictimOptions.ArchConverter.class,
            completionCandidates = VictimOptions.ArchNames.class,
            description = "Follower (victim surrogate) architecture: ${COMPLETION-CANDIDATES}.")
    ClassifierArch followerArch;

    @Option(names = "--follower-width", paramLabel = "X", description = "Follower width multiplier.")
    Double followerWidth;

    @Option(names = "--generator-width", paramLabel = "N", description = "UNet base width (64 in the paper).")
    Integer generatorWidth;

    @Option(names = "--epsilon", paramLabel = "BUDGET", converter = BudgetConverter.class,
            description = "L-inf budget: 8/255 (grey levels), 8, or 0.0314 (on the [0, 1] scale).")
    Budget budget;

    @Option(names = "--payoff", paramLabel = "P", converter = PayoffConverter.class,
            description = "Leader payoff: max-wrong-ce (the authors'), neg-ce, cw-margin.")
    PayoffKind payoff;

    @Option(names = "--eta", paramLabel = "ETA", description = "BOME's eta in the barrier multiplier (1.5).")
    Double eta;

    @Option(names = "--inner-steps", paramLabel = "T", description = "Inner Adam steps of the throw-away follower (10).")
    Integer innerSteps;

    @Option(names = "--inner-lr", paramLabel = "RATE", description = "Inner Adam learning rate (1e-4).")
    Double innerLearningRate;

    @Option(names = "--generator-lr", paramLabel = "RATE",
            description = "Generator learning rate (the authors' SGD: 0.1; with --generator-optimizer adam try 1e-3).")
    Double generatorLearningRate;

    @Option(names = "--generator-optimizer", paramLabel = "O", converter = GeneratorOptimizerConverter.class,
            description = "sgd (the authors') or adam (a deviation: step size independent of the gradient's scale, "
                    + "which BatchNorm shrinks as the UNet's weights grow).")
    GeneratorOptimizerKind generatorOptimizer;

    @Option(names = "--follower-lr", paramLabel = "RATE", description = "Live follower SGD learning rate (0.01).")
    Double followerLearningRate;

    @Option(names = "--game-batch-size", paramLabel = "N", description = "Images per game step (256).")
    Integer batchSize;

    @Option(names = "--game-epochs", paramLabel = "N", description = "Passes over the game's images (50).")
    Integer epochs;

    @Option(names = "--game-milestones", paramLabel = "E", split = ",",
            description = "Epochs after which the generator's and the live follower's learning rates are multiplied "
                    + "by --game-gamma (e.g. 18). A --resume may add milestones at or after its checkpoint's epoch: "
                    + "the schedule depends on the epoch alone, so that continues the game exactly as if it had "
                    + "them from the start.")
    List<Integer> learningRateMilestones;

    @Option(names = "--game-gamma", paramLabel = "G",
            description = "Learning-rate factor at each --game-milestones epoch (0.1).")
    Double learningRateGamma;

    @Option(names = "--game-seed", paramLabel = "N", description = "Root seed of the game (3).")
    Long seed;

    @Option(names = "--implementation", paramLabel = "I",
            description = "shared (default: same math, less compute) or authors (re-runs the UNet as their code does).")
    GameImplementation implementation;

    @Option(names = "--data-fraction", paramLabel = "F", description = "Share of the training set the game sees, in (0, 1].")
    Double dataFraction;

    @Option(names = "--validation-fraction", paramLabel = "F",
            description = "Share of the game's images held out (clean) to select the generator, in [0, 1).")
    Double validationFraction;

    @Option(names = "--select-every", paramLabel = "EPOCHS",
            description = "Train a selection victim every this many game epochs (0 = never; the last generator is kept).")
    Integer selectEvery;

    @Option(names = "--setting", paramLabel = "S", converter = SettingConverter.class,
            description = "Follower setting: standard (cross-entropy) or adversarial (TRADES with PGD, as the "
                    + "authors' gue_adv.py). The adversarial game preset also sets generator momentum 0.9, weight "
                    + "decay 5e-4, 150 epochs and learning-rate milestones 120, 140.")
    GameSetting setting;

    @Option(names = "--trades-beta", paramLabel = "BETA", description = "TRADES beta, adversarial setting (1).")
    Double tradesBeta;

    @Option(names = "--pgd-radius", paramLabel = "BUDGET", converter = PgdRadiusConverter.class,
            description = "L-inf radius of the follower's PGD, adversarial setting: 4/255, 4 or 0.0157.")
    Budget pgdRadius;

    @Option(names = "--pgd-steps", paramLabel = "N", description = "PGD steps of the follower, adversarial setting (10).")
    Integer pgdSteps;

    @Option(names = "--poison-augmentation", paramLabel = "A", converter = PoisonAugmentationConverter.class,
            description = "Crop and flip the poisoned batch before the follower sees it (differentiably, a new draw "
                    + "per step): none (the authors' game) or crop-flip (pad 4, random crop, horizontal flip: the "
                    + "victims' augmentation). A deviation, to make perturbations survive the victim's augmentation.")
    Augmentation poisonAugmentation;

    GameConfig resolve() {
        GameConfig p = Presets.game(preset);
        return new GameConfig(or(followerArch, p.followerArch()), or(followerWidth, p.followerWidth()),
                or(generatorWidth, p.generatorWidth()), or(budget, p.budget()), or(payoff, p.payoff()), or(eta, p.eta()),
                or(innerSteps, p.innerSteps()), or(innerLearningRate, p.innerLearningRate()),
                or(generatorLearningRate, p.generatorLearningRate()), or(followerLearningRate, p.followerLearningRate()),
                or(batchSize, p.batchSize()), or(epochs, p.epochs()), or(seed, p.seed()),
                or(implementation, p.implementation()), or(dataFraction, p.dataFraction()),
                or(validationFraction, p.validationFraction()), or(selectEvery, p.selectEveryEpochs()),
                p.selectionVictim(), or(setting, p.setting()), or(tradesBeta, p.tradesBeta()),
                or(pgdRadius, p.pgdRadius()), or(pgdSteps, p.pgdSteps()), p.generatorMomentum(),
                p.generatorWeightDecay(), or(generatorOptimizer, p.generatorOptimizer()),
                or(learningRateMilestones, p.learningRateMilestones()), or(learningRateGamma, p.learningRateGamma()),
                or(poisonAugmentation, p.poisonAugmentation()));
    }

    private static <T> T or(T given, T preset) {
        return given != null ? given : preset;
    }

    static final class BudgetConverter implements picocli.CommandLine.ITypeConverter<Budget> {
        @Override
        public Budget convert(String value) {
            return Budget.parse(value);
        }
    }

    static final class PgdRadiusConverter implements picocli.CommandLine.ITypeConverter<Budget> {
        @Override
        public Budget convert(String value) {
            try {
                return Budget.parse(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("PGD radius (--pgd-radius): " + e.getMessage(), e);
            }
        }
    }

    static final class GeneratorOptimizerConverter implements picocli.CommandLine.ITypeConverter<GeneratorOptimizerKind> {
        @Override
        public GeneratorOptimizerKind convert(String value) {
            return GeneratorOptimizerKind.parse(value);
        }
    }

    static final class PoisonAugmentationConverter implements picocli.CommandLine.ITypeConverter<Augmentation> {
        @Override
        public Augmentation convert(String value) {
            return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "none" -> Augmentation.NONE;
                case "crop-flip" -> Augmentation.STANDARD;
                default -> throw new IllegalArgumentException("poison augmentation '" + value
                        + "': expected none or crop-flip");
            };
        }
    }

    static final class SettingConverter implements picocli.CommandLine.ITypeConverter<GameSetting> {
        @Override
        public GameSetting convert(String value) {
            return GameSetting.parse(value);
        }
    }

    static final class PayoffConverter implements picocli.CommandLine.ITypeConverter<PayoffKind> {
        @Override
        public PayoffKind convert(String value) {
            return PayoffKind.parse(value);
        }
    }
}
