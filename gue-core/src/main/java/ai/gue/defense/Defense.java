package ai.gue.defense;

import ai.gue.data.ImageDataset;
import ai.gue.train.AdversarialTraining;
import ai.gue.train.MixingKind;
import ai.gue.train.VictimTrainingConfig;

/**
 * A chosen defense with its settings. An image filter is applied to the victim's data before
 * training: the training images always, the test images when the filter changes the input space
 * ({@link DefenseKind#appliesToTest()}). A batch defense changes the victim's recipe instead
 * (Cutout, mixup, CutMix: {@link #recipe}) or its trainer (adversarial training:
 * {@link #adversarialTraining}).
 *
 * @param kind     which filter
 * @param settings its settings (the kinds that have none ignore them)
 */
public record Defense(DefenseKind kind, DefenseSettings settings) {

    /** No defense. */
    public static final Defense NONE = new Defense(DefenseKind.NONE, DefenseSettings.defaults());

    public Defense {
        java.util.Objects.requireNonNull(kind, "kind");
        java.util.Objects.requireNonNull(settings, "settings");
    }

    /** The filter this defense applies. */
    public ImageFilter filter() {
        return kind.create(settings);
    }

    /** The training images as the victim will see them. */
    public ImageDataset filterTraining(ImageDataset train) {
        return kind == DefenseKind.NONE ? train : filter().apply(train, train.name() + "+" + kind.cliName());
    }

    /** The test images as the victim will be tested on them. */
    public ImageDataset filterTest(ImageDataset test) {
        return kind.appliesToTest() ? filter().apply(test, test.name() + "+" + kind.cliName()) : test;
    }

    /** The victim's recipe with this defense in its batches (Cutout, mixup, CutMix); others leave it as is. */
    public VictimTrainingConfig recipe(VictimTrainingConfig recipe) {
        return switch (kind) {
            case CUTOUT -> recipe.withAugmentation(recipe.augmentation().withCutout(settings.cutoutSize()));
            case MIXUP -> recipe.withAugmentation(recipe.augmentation().withMixing(MixingKind.MIXUP,
                    settings.mixingAlpha()));
            case CUTMIX -> recipe.withAugmentation(recipe.augmentation().withMixing(MixingKind.CUTMIX,
                    settings.mixingAlpha()));
            default -> recipe;
        };
    }

    /** PGD adversarial training for the victim trainer, or null for every other defense. */
    public AdversarialTraining adversarialTraining() {
        return kind == DefenseKind.ADVERSARIAL_TRAINING ? settings.adversarialTraining() : null;
    }

    /** "JPEG compression at quality 10 (training images only)". */
    public String describe() {
        return switch (kind) {
            case NONE -> filter().describe();
            case ADVERSARIAL_TRAINING -> settings.adversarialTraining().describe();
            case CUTOUT -> "Cutout, " + settings.cutoutSize() + "-pixel square per training image";
            case MIXUP, CUTMIX -> kind.cliName() + " of each training batch, Beta(" + settings.mixingAlpha() + ", "
                    + settings.mixingAlpha() + ") weights";
            case GRAYSCALE, JPEG, BIT_DEPTH, GAUSSIAN_BLUR -> filter().describe()
                    + (kind.appliesToTest() ? " (training and test images)" : " (training images only)");
        };
    }
}
