package ai.gue.game;

import ai.gue.util.CliNames;
import ai.djl.ndarray.NDArray;
import ai.gue.util.GraphScalars;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The leader's payoff f(θ), evaluated on the clean batch; the attacker (leader) minimises it.
 * Each maps logits (N, C) and integer labels (N) to a scalar.
 */
public enum PayoffKind {
    /**
     * The GUE authors' "novel payoff": {@code mean_i max_{k≠y_i} CE(h(x_i), k)}
     * = {@code mean_i [logsumexp(z_i) − min_{k≠y_i} z_ik]}. Minimising it lifts the least likely
     * wrong class, which drives the true class's probability to zero; bounded below by log(C−1).
     */
    MAX_WRONG_CE("max-wrong-ce"),
    /** Plain negative cross-entropy {@code −CE(h(x), y)}: unbounded below. */
    NEG_CE("neg-ce"),
    /**
     * Carlini–Wagner margin with zero confidence: {@code mean_i max(z_iy − max_{k≠y} z_ik, 0)};
     * zero once every image is misclassified.
     */
    CW_MARGIN("cw-margin");

    private final String cliName;

    PayoffKind(String cliName) {
        this.cliName = cliName;
    }

    /** The payoff of {@code logits} (N, C) for {@code labels} (N, integer). */
    public NDArray evaluate(NDArray logits, NDArray labels) {
        int classes = (int) logits.getShape().get(1);
        NDArray trueMask = labels.oneHot(classes);
        // A large offset on the true class's logit excludes it from a min (or, negated, a max).
        float exclude = 1e4f;
        return switch (this) {
            case MAX_WRONG_CE -> {
                NDArray logSumExp = logits.logSoftmax(1).neg().add(logits).get(":, 0");
                NDArray minWrong = logits.add(trueMask.mul(exclude)).min(new int[] {1});
                yield logSumExp.sub(minWrong).mean();
            }
            case NEG_CE -> logits.logSoftmax(1).mul(trueMask).sum(new int[] {1}).mean();
            case CW_MARGIN -> {
                NDArray trueLogit = logits.mul(trueMask).sum(new int[] {1});
                NDArray maxWrong = logits.sub(trueMask.mul(exclude)).max(new int[] {1});
                yield GraphScalars.atLeast(trueLogit.sub(maxWrong), 0).mean();
            }
        };
    }

    /** The name on the command line. */
    @JsonValue
    public String cliName() {
        return cliName;
    }

    /** Parses a command-line name. */
    @JsonCreator
    public static PayoffKind parse(String name) {
        return CliNames.parse(PayoffKind.class, PayoffKind::cliName, name, "payoff");
    }

    @Override
    public String toString() {
        return cliName.toLowerCase(Locale.ROOT);
    }
}
