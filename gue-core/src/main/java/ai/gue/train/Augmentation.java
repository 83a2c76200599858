package ai.gue.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;
import java.util.Map;

/**
 * Training-time augmentation of the victim, applied after poisoning, as in the authors' evaluation:
 * random crop after zero padding of {@code cropPadding} pixels per side (torchvision's
 * {@code RandomCrop(32, padding=4)}) and a random horizontal flip with probability 1/2; then, as
 * defenses, Cutout and pairwise mixing.
 *
 * @param cropPadding    zero padding before the random crop, in pixels (0 = no crop)
 * @param horizontalFlip mirror each image with probability 1/2
 * @param cutoutSize     side of the square Cutout zeroes in each image, in pixels (0 = none).
 *                       Cutout (DeVries and Taylor 2017): the square's centre is uniform over the
 *                       image and the square is clipped at the borders; 16 is their CIFAR-10 setting
 * @param mixing         pairwise mixing within a batch (none, mixup, cutmix); null reads as none
 * @param mixingAlpha    α of the Beta(α, α) that draws the mixing weight (1.0 in both papers)
 */
public record Augmentation(int cropPadding, boolean horizontalFlip, int cutoutSize, MixingKind mixing,
        double mixingAlpha) {

    /** The standard CIFAR augmentation: pad 4 + crop, flip. */
    public static final Augmentation STANDARD = new Augmentation(4, true);
    /** No augmentation. */
    public static final Augmentation NONE = new Augmentation(0, false);

    public Augmentation {
        if (cropPadding < 0) {
            throw new IllegalArgumentException("crop padding must be >= 0 pixels, got " + cropPadding);
        }
        if (cutoutSize < 0) {
            throw new IllegalArgumentException("cutout size must be >= 0 pixels, got " + cutoutSize);
        }
        if (mixing == null) {
            mixing = MixingKind.NONE; // presets written before mixing existed
        }
        if (mixing != MixingKind.NONE && !(mixingAlpha > 0 && Double.isFinite(mixingAlpha))) {
            throw new IllegalArgumentException("mixing alpha must be a positive number, got " + mixingAlpha);
        }
    }

    /**
     * Reads an augmentation from a preset or a recorded config. Only {@code cropPadding} and
     * {@code horizontalFlip} are required, so that presets and run folders written before Cutout
     * and mixing existed still load; an unknown field is an error.
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Augmentation fromFields(Map<String, Object> fields) {
        for (String name : fields.keySet()) {
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("unknown augmentation field '" + name + "'; expected " + FIELDS);
            }
        }
        return new Augmentation(number(fields, "cropPadding", null).intValue(), flag(fields, "horizontalFlip"),
                number(fields, "cutoutSize", 0).intValue(),
                fields.get("mixing") == null ? MixingKind.NONE : MixingKind.parse(fields.get("mixing").toString()),
                number(fields, "mixingAlpha", 1.0).doubleValue());
    }

    private static final List<String> FIELDS = List.of("cropPadding", "horizontalFlip", "cutoutSize", "mixing",
            "mixingAlpha");

    private static Number number(Map<String, Object> fields, String name, Number fallback) {
        Object value = fields.get(name);
        if (value == null) {
            if (fallback == null) {
                throw new IllegalArgumentException("augmentation needs '" + name + "'");
            }
            return fallback;
        }
        if (value instanceof Number n) {
            return n;
        }
        throw new IllegalArgumentException("augmentation field '" + name + "' must be a number, got '" + value + "'");
    }

    private static boolean flag(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        if (value instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("augmentation needs '" + name + "' as true or false, got '" + value + "'");
    }

    /** Crop and flip only. */
    public Augmentation(int cropPadding, boolean horizontalFlip) {
        this(cropPadding, horizontalFlip, 0, MixingKind.NONE, 1.0);
    }

    /** The same augmentation with Cutout of side {@code size} pixels. */
    public Augmentation withCutout(int size) {
        return new Augmentation(cropPadding, horizontalFlip, size, mixing, mixingAlpha);
    }

    /** The same augmentation with pairwise mixing {@code kind} at Beta(α, α). */
    public Augmentation withMixing(MixingKind kind, double alpha) {
        return new Augmentation(cropPadding, horizontalFlip, cutoutSize, kind, alpha);
    }
}
