package ai.gue.eval;

import ai.gue.data.ImageDataset;
import ai.gue.defense.Defense;
import ai.gue.defense.DefenseKind;
import ai.gue.defense.PartialPoison;
import ai.gue.train.AdversarialTraining;
import ai.gue.train.VictimResult;
import ai.gue.train.VictimTrainingConfig;
import ai.gue.train.VictimTrainingListener;
import ai.gue.util.RunDirectory;
import ai.gue.util.SeedTree;
import java.io.IOException;
import java.util.Map;

/**
 * One victim evaluation with a defense, as both {@code gue evaluate} and {@code gue compare} run it:
 * the defense's recipe change (Cutout, mixup, CutMix), its image filters on the training and test
 * images, and its adversarial training, all applied in one place so that the two commands cannot
 * drift apart.
 *
 * @param config              the victim's recipe with the defense in it
 * @param defense             the defense
 * @param adversarialTraining PGD adversarial training, or null
 * @param train               the training images as the victim sees them (filtered)
 * @param test                the test images as the victim is tested on them (filtered if the filter changes
 *                            the input space)
 */
public record DefendedVictim(VictimTrainingConfig config, Defense defense, AdversarialTraining adversarialTraining,
        ImageDataset train, ImageDataset test) {

    /** The victim trained with {@code recipe} on {@code train}, tested on {@code test}, behind {@code defense}. */
    public static DefendedVictim of(VictimTrainingConfig recipe, Defense defense, ImageDataset train,
            ImageDataset test) {
        return new DefendedVictim(defense.recipe(recipe), defense, defense.adversarialTraining(),
                defense.filterTraining(train), defense.filterTest(test));
    }

    /**
     * The poison-ratio setting: a share {@code ratio} of {@code poisoned}, the rest from {@code clean}.
     * Which images are poisoned is drawn from the victim seed's {@code poison-ratio} child, so a
     * repeated victim (another seed) also sees another mix.
     */
    public static ImageDataset mixPoison(ImageDataset clean, ImageDataset poisoned, double ratio, long victimSeed) {
        return PartialPoison.mix(clean, poisoned, ratio, new SeedTree(victimSeed).child("poison-ratio").seed());
    }

    /**
     * Trains and tests the victim into {@code run} ({@link VictimEvaluation}'s files, and
     * {@code defense.json} when a defense is on).
     */
    public VictimResult run(RunDirectory run, VictimTrainingListener listener) throws IOException {
        if (defense.kind() != DefenseKind.NONE) {
            run.writeJson("defense.json", Map.of("defense", defense.kind().cliName(), "description",
                    defense.describe(), "settings", defense.settings()));
        }
        return VictimEvaluation.run(config, adversarialTraining, train, test, run, listener);
    }
}
