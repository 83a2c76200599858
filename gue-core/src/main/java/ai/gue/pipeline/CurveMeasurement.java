package ai.gue.pipeline;

/**
 * One victim on an efficacy curve: trained from scratch on the training set poisoned by one
 * generator (or on the clean training set, the reference), measured on the clean test set.
 *
 * @param label         the point's label, or {@value EfficacyCurve#CLEAN} for the clean reference
 * @param series        the plot line of its point ("" for the clean reference)
 * @param generator     the generator folder ("" for the clean reference)
 * @param gameEpochs    game epochs the generator had played (0 for the clean reference)
 * @param gameSteps     game steps the generator had played (0 for the clean reference)
 * @param gameImages    images the generator's game drew from (0 for the clean reference)
 * @param victimSeed    the victim's seed
 * @param testAccuracy  clean test accuracy after the last epoch, in [0, 1]
 * @param trainAccuracy accuracy on its (poisoned) training set in the last epoch, in [0, 1]
 * @param maxAbsDelta   largest stored pixel change in grey levels (0 for the clean reference)
 * @param seconds       the victim's training time
 */
public record CurveMeasurement(String label, String series, String generator, int gameEpochs, long gameSteps,
        int gameImages, long victimSeed, double testAccuracy, double trainAccuracy, int maxAbsDelta, double seconds) {

    /** Whether this is the clean-data reference victim. */
    public boolean cleanReference() {
        return label.equals(EfficacyCurve.CLEAN);
    }
}
