package ai.gue.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The shape of the learning-rate curve over training; {@link LearningRateCurve} evaluates it. */
public enum LrSchedule {
    /** The base rate throughout. */
    CONSTANT,
    /** Multiply by gamma at every milestone epoch (the authors' recipe: ×0.1 at 75 and 90 of 100). */
    MULTISTEP,
    /** Multiply by gamma every {@code stepSize} epochs (first milestone = step size). */
    STEP,
    /** Half-cosine from the base rate to zero, per step. */
    COSINE,
    /**
     * Linear warm-up from 0 to the peak over the warm-up fraction of the steps, then linear decay
     * to zero (the triangular one-cycle schedule of fast CIFAR training).
     */
    ONE_CYCLE;

    /** Parses {@code one-cycle}, {@code ONE_CYCLE}, {@code multistep}, ... */
    @JsonCreator
    public static LrSchedule parse(String name) {
        String normalized = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (LrSchedule s : values()) {
            if (s.name().equals(normalized)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown learning-rate schedule '" + name
                + "'; expected constant, multistep, step, cosine or one-cycle");
    }

    /** The name on the command line. */
    @JsonValue
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
