package ai.gue.attack;

import ai.gue.util.CliNames;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The norm an attack's budget bounds. Every norm is measured per image on the stored 8-bit bytes,
 * with pixel values on the [0, 1] scale (a change of one grey level is 1/255).
 */
public enum PerturbationNorm {
    /** The largest change of any pixel value: the budget of GUE, EM, TAP, REM (8/255 in the literature). */
    LINF("linf", "L∞"),
    /** The Euclidean length of the whole image's change (C·H·W values): AR and LSP (1.0 in the literature). */
    L2("l2", "L2"),
    /** The number of pixel positions whose value changed in any channel: OPS (1 pixel). */
    L0("l0", "L0");

    private final String cliName;
    private final String symbol;

    PerturbationNorm(String cliName, String symbol) {
        this.cliName = cliName;
        this.symbol = symbol;
    }

    /** The name on the command line and in files. */
    @JsonValue
    public String cliName() {
        return cliName;
    }

    /** The name papers print ("L∞"). */
    public String symbol() {
        return symbol;
    }

    /** Parses a command-line or file name. */
    @JsonCreator
    public static PerturbationNorm parse(String name) {
        return CliNames.parse(PerturbationNorm.class, PerturbationNorm::cliName, name, "perturbation norm");
    }

    /**
     * The size of the change from {@code clean} to {@code poisoned} over the {@code length} values
     * that start at {@code offset} (one image, planar C, H, W with {@code positions} = H·W values per
     * channel).
     */
    public double measure(byte[] clean, byte[] poisoned, int offset, int length, int positions) {
        return switch (this) {
            case LINF -> {
                int largest = 0;
                for (int k = offset; k < offset + length; k++) {
                    largest = Math.max(largest, Math.abs((poisoned[k] & 0xFF) - (clean[k] & 0xFF)));
                }
                yield largest / 255.0;
            }
            case L2 -> {
                long squares = 0;
                for (int k = offset; k < offset + length; k++) {
                    int d = (poisoned[k] & 0xFF) - (clean[k] & 0xFF);
                    squares += (long) d * d;
                }
                yield Math.sqrt(squares) / 255.0;
            }
            case L0 -> {
                int changed = 0;
                for (int p = 0; p < positions; p++) {
                    for (int k = offset + p; k < offset + length; k += positions) {
                        if (clean[k] != poisoned[k]) {
                            changed++;
                            break;
                        }
                    }
                }
                yield changed;
            }
        };
    }

    @Override
    public String toString() {
        return cliName;
    }
}
