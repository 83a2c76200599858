package ai.gue.attack;

import ai.gue.util.CliNames;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The baseline attacks: model-free ones (noise, LSP, OPS, AR) and ones crafted against a classifier
 * (EM, REM, TAP, DeepConfuse). GUE itself is applied by {@code gue poison} with a trained generator.
 */
public enum AttackKind {
    /** {@link RandomNoisePoison}, ±ε per value: the information-free baseline at full budget. */
    NOISE_SIGN("noise-sign"),
    /** {@link RandomNoisePoison}, uniform in [−ε, ε]. */
    NOISE_UNIFORM("noise-uniform"),
    /** {@link LinearSeparablePatches}, class-wise patches of L2 length 1.0. */
    LSP("lsp"),
    /** {@link OnePixelShortcut}, one class-wise pixel. */
    OPS("ops"),
    /** {@link AutoregressivePerturbation}, per-class autoregressive noise of L2 length 1.0. */
    AR("ar"),
    /** {@link ErrorMinimizingNoise}, sample-wise min-min noise within L∞ ε. */
    EM("em"),
    /** {@link ErrorMinimizingNoise} with an adversary inside (REM), robust to adversarial training. */
    REM("rem"),
    /** {@link TargetedAdversarialPoison}, targeted adversarial examples of a clean-trained model within L∞ ε. */
    TAP("tap"),
    /** {@link DeepConfuse}, the GUE UNet trained in Feng et al.'s pseudo-update game within L∞ ε. */
    DEEPCONFUSE("deepconfuse");

    private final String cliName;

    AttackKind(String cliName) {
        this.cliName = cliName;
    }

    /** The name on the command line and in files. */
    @JsonValue
    public String cliName() {
        return cliName;
    }

    /** Parses a command-line or file name. */
    @JsonCreator
    public static AttackKind parse(String name) {
        return CliNames.parse(AttackKind.class, AttackKind::cliName, name, "attack");
    }

    /** Whether the attack trains a classifier to craft against (and so needs crafting settings). */
    public boolean crafted() {
        return this == EM || this == REM || this == TAP || this == DEEPCONFUSE;
    }

    /** The attack with {@code settings} (each kind reads the settings it has). */
    public PoisonAttack create(AttackSettings settings) {
        return create(settings, CraftingListener.NONE);
    }

    /** The attack with {@code settings}; crafted attacks report their progress to {@code listener}. */
    public PoisonAttack create(AttackSettings settings, CraftingListener listener) {
        if (crafted() && settings.crafting() == null) {
            throw new IllegalArgumentException("attack " + cliName + " crafts against a classifier and needs crafting "
                    + "settings (a crafting preset)");
        }
        return switch (this) {
            case NOISE_SIGN -> new RandomNoisePoison(settings.linfBudget(), NoiseDistribution.SIGN, settings.seed());
            case NOISE_UNIFORM -> new RandomNoisePoison(settings.linfBudget(), NoiseDistribution.UNIFORM, settings.seed());
            case LSP -> new LinearSeparablePatches(
                    new LinearSeparablePatches.Config(settings.patchSize(), settings.l2Radius(), settings.seed()));
            case OPS -> new OnePixelShortcut();
            case AR -> new AutoregressivePerturbation(
                    new AutoregressivePerturbation.Config(settings.l2Radius(), settings.seed()));
            case EM -> new ErrorMinimizingNoise(settings.linfBudget(), settings.crafting().model(),
                    settings.crafting().em(), settings.seed(), listener);
            case REM -> new ErrorMinimizingNoise(settings.linfBudget(), settings.crafting().model(),
                    settings.crafting().rem(), settings.seed(), listener);
            case TAP -> new TargetedAdversarialPoison(settings.linfBudget(),
                    settings.crafting().model().withSeed(settings.seed()), settings.crafting().tap(), listener);
            case DEEPCONFUSE -> new DeepConfuse(settings.linfBudget(), settings.crafting().model(),
                    settings.crafting().deepconfuse(), settings.seed(), listener);
        };
    }

    @Override
    public String toString() {
        return cliName;
    }
}
