package ai.gue.attack;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * An L∞ perturbation budget, held in units of 1/255 so that it prints and round-trips the way
 * papers state it ("8/255"). {@code Budget.linf(8)} means |x' − x| ≤ 8/255 per pixel and channel on
 * images in [0, 1]; on stored 8-bit images that is at most {@link #maxPixelDelta()} grey levels.
 *
 * @param levels the radius in 1/255 units (8 for the literature's 8/255); in (0, 255]
 */
public record Budget(double levels) {

    public Budget {
        if (!(levels > 0 && levels <= 255)) {
            throw new IllegalArgumentException("perturbation budget must be in (0, 255]/255 (that is, ε in (0, 1]), got "
                    + levels + "/255");
        }
    }

    /** The L∞ budget {@code levels}/255. */
    public static Budget linf(double levels) {
        return new Budget(levels);
    }

    /** The L∞ budget with radius {@code epsilon} on the [0, 1] scale (8/255 ≈ 0.0314). */
    public static Budget ofEpsilon(double epsilon) {
        if (!(epsilon > 0 && epsilon <= 1)) {
            throw new IllegalArgumentException("ε must be in (0, 1], got " + epsilon);
        }
        return new Budget(epsilon * 255);
    }

    /** The radius on the [0, 1] image scale. */
    public double epsilon() {
        return levels / 255.0;
    }

    /** The largest integer change of an 8-bit pixel that stays within the budget. */
    public int maxPixelDelta() {
        return (int) Math.floor(levels + 1e-9);
    }

    /** Parses "8/255", "8" (levels) or "0.03137" (ε, when below 1). */
    @JsonCreator
    public static Budget parse(String text) {
        String t = text.trim();
        try {
            if (t.endsWith("/255")) {
                return linf(Double.parseDouble(t.substring(0, t.length() - 4)));
            }
            double value = Double.parseDouble(t);
            return value < 1 ? ofEpsilon(value) : linf(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cannot read budget '" + text + "'; expected e.g. 8/255, 8 or 0.0314");
        }
    }

    /** "8/255". */
    @JsonValue
    @Override
    public String toString() {
        return levels == Math.rint(levels) ? (long) levels + "/255" : String.format(Locale.ROOT, "%.4g/255", levels);
    }

    /** "8/255 (ε = 0.03137)": both units, for logs and reports. */
    public String describe() {
        return String.format(Locale.ROOT, "%s (ε = %.5f)", this, epsilon());
    }
}
