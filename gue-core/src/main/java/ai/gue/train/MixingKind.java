package ai.gue.train;

import ai.gue.util.CliNames;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether and how training images are mixed in pairs within a batch (a defense against shortcuts). */
public enum MixingKind {
    /** No mixing. */
    NONE("none"),
    /**
     * mixup (Zhang, Cisse, Dauphin, Lopez-Paz, ICLR 2018): {@code x = λ·x_i + (1 − λ)·x_j}, target
     * {@code λ·y_i + (1 − λ)·y_j}, one λ ~ Beta(α, α) per batch, j a random permutation of the batch.
     */
    MIXUP("mixup"),
    /**
     * CutMix (Yun et al., ICCV 2019): a box of x_j replaces the same box of x_i; the box covers a
     * share 1 − λ of the image (λ ~ Beta(α, α), side ratio √(1 − λ), centre uniform, clipped to the
     * image), and the target weight is 1 − (clipped box area)/(image area).
     */
    CUTMIX("cutmix");

    private final String cliName;

    MixingKind(String cliName) {
        this.cliName = cliName;
    }

    /** The name on the command line and in presets. */
    @JsonValue
    public String cliName() {
        return cliName;
    }

    /** Parses a command-line or preset name. */
    @JsonCreator
    public static MixingKind parse(String name) {
        return CliNames.parse(MixingKind.class, MixingKind::cliName, name, "mixing");
    }

    @Override
    public String toString() {
        return cliName;
    }
}
