package ai.gue.cli;

import ai.gue.eval.PerturbationSeparability;
import java.util.Locale;

/** One line describing a {@link PerturbationSeparability.Result}. */
final class SeparabilityText {

    private SeparabilityText() {}

    static String describe(PerturbationSeparability.Result result, int classes) {
        return String.format(Locale.ROOT, "perturbation separability on %,d held-out images: linear %.1f%%, "
                        + "class mean %.1f%% (chance %.1f%%; linear on the clean images themselves %.1f%%)",
                result.heldOutImages(), 100 * result.linearAccuracy(), 100 * result.classMeanAccuracy(),
                100.0 / classes, 100 * result.cleanImageLinearAccuracy());
    }
}
