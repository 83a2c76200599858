package ai.gue.defense;

import ai.gue.util.CliNames;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The training-data filters gue applies before a victim trains (Image Shortcut Squeezing, Liu et
 * al. ICML 2023, compares them against every availability attack). Filters that change the input
 * space itself (grayscale, bit depth) are applied to the test images too, so that the victim is
 * tested on inputs like those it was trained on; JPEG and blur clean the training data only, and the
 * victim is tested on the clean test images, as a deployed model would be. Cutout, mixup, CutMix
 * and adversarial training act inside the victim's batches instead ({@link Defense#recipe},
 * {@link Defense#adversarialTraining}).
 */
public enum DefenseKind {
    /** No filter. */
    NONE("none", false),
    /** ITU-R 601 luma replicated into the three channels. */
    GRAYSCALE("grayscale", true),
    /** JPEG encode and decode at a quality (10 in the literature). */
    JPEG("jpeg", false),
    /** Each value rounded to one of 2^bits evenly spaced levels. */
    BIT_DEPTH("bit-depth", true),
    /** A separable Gaussian filter per channel, edges replicated. */
    GAUSSIAN_BLUR("blur", false),
    /** Cutout (DeVries and Taylor 2017): a random square zeroed in every training image, after crop and flip. */
    CUTOUT("cutout", false),
    /** mixup (Zhang et al. 2018) of each training batch with a permutation of itself. */
    MIXUP("mixup", false),
    /** CutMix (Yun et al. 2019) of each training batch with a permutation of itself. */
    CUTMIX("cutmix", false),
    /** PGD adversarial training (Madry et al. 2018): every training batch replaced by its adversarial examples. */
    ADVERSARIAL_TRAINING("adversarial-training", false);

    private final String cliName;
    private final boolean appliesToTest;

    DefenseKind(String cliName, boolean appliesToTest) {
        this.cliName = cliName;
        this.appliesToTest = appliesToTest;
    }

    /** The name on the command line and in files. */
    @JsonValue
    public String cliName() {
        return cliName;
    }

    /** Whether the defense acts inside the victim's training batches rather than on the stored images. */
    public boolean actsOnBatches() {
        return this == CUTOUT || this == MIXUP || this == CUTMIX || this == ADVERSARIAL_TRAINING;
    }

    /** Whether the filter is applied to the test images as well as the training images. */
    public boolean appliesToTest() {
        return appliesToTest;
    }

    /** Parses a command-line or file name. */
    @JsonCreator
    public static DefenseKind parse(String name) {
        return CliNames.parse(DefenseKind.class, DefenseKind::cliName, name, "defense");
    }

    /** The filter with {@code settings} (each kind reads the settings it has). */
    public ImageFilter create(DefenseSettings settings) {
        return switch (this) {
            case NONE, CUTOUT, MIXUP, CUTMIX, ADVERSARIAL_TRAINING -> ImageFilter.IDENTITY;
            case GRAYSCALE -> new GrayscaleFilter();
            case JPEG -> new JpegFilter(settings.jpegQuality());
            case BIT_DEPTH -> new BitDepthFilter(settings.bits());
            case GAUSSIAN_BLUR -> new GaussianBlurFilter(settings.blurSigma(), settings.blurRadius());
        };
    }

    @Override
    public String toString() {
        return cliName;
    }
}
