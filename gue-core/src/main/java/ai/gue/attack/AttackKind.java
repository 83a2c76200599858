package ai.gue.attack;

import ai.gue.util.CliNames;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The baseline attacks gue can apply without a game (issue 4 adds the trained ones: EM, TAP, REM,
 * DeepConfuse). GUE itself is applied by {@code gue poison} with a trained generator.
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
    AR("ar");

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

    /** The attack with {@code settings} (each kind reads the settings it has). */
    public PoisonAttack create(AttackSettings settings) {
        return switch (this) {
            case NOISE_SIGN -> new RandomNoisePoison(settings.linfBudget(), NoiseDistribution.SIGN, settings.seed());
            case NOISE_UNIFORM -> new RandomNoisePoison(settings.linfBudget(), NoiseDistribution.UNIFORM, settings.seed());
            case LSP -> new LinearSeparablePatches(
                    new LinearSeparablePatches.Config(settings.patchSize(), settings.l2Radius(), settings.seed()));
            case OPS -> new OnePixelShortcut();
            case AR -> new AutoregressivePerturbation(
                    new AutoregressivePerturbation.Config(settings.l2Radius(), settings.seed()));
        };
    }

    @Override
    public String toString() {
        return cliName;
    }
}
