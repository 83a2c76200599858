package ai.gue.game;

import ai.gue.util.CliNames;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How the generator descends on the gradient the authors assign to it, {@code λ·∇_a q}.
 */
public enum GeneratorOptimizerKind {
    /** {@code torch.optim.SGD} with optional momentum and weight decay: the authors' choice. */
    SGD("sgd"),
    /**
     * {@code torch.optim.Adam} (β = 0.9, 0.999; L2 weight decay added to the gradient, as
     * {@code Adam(weight_decay=...)} does). A deviation from the authors, offered because the
     * generator's BatchNorm layers make it scale-invariant: its SGD gradient shrinks as its weights
     * grow, while Adam's per-weight step size does not depend on the gradient's scale.
     */
    ADAM("adam");

    private final String cliName;

    GeneratorOptimizerKind(String cliName) {
        this.cliName = cliName;
    }

    /** The name on the command line and in presets. */
    @JsonValue
    public String cliName() {
        return cliName;
    }

    /** Parses a command-line or preset name. */
    @JsonCreator
    public static GeneratorOptimizerKind parse(String name) {
        return CliNames.parse(GeneratorOptimizerKind.class, GeneratorOptimizerKind::cliName, name, "generator optimizer");
    }

    @Override
    public String toString() {
        return cliName;
    }
}
