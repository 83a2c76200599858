package ai.gue.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.gue.data.ImageDataset;
import ai.gue.data.ImageShape;
import ai.gue.defense.Defense;
import ai.gue.defense.DefenseKind;
import ai.gue.defense.DefenseSettings;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Cutout, mixup and CutMix in the victim's batches, and the loss on mixed targets. */
class BatchDefensesTest {

    private static final ImageShape SHAPE = ImageShape.CIFAR;

    /** Image i is the constant grey level 10 + 20·i, class i mod 3. */
    private static ImageDataset constants(int n) {
        byte[] pixels = new byte[n * SHAPE.pixelCount()];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            Arrays.fill(pixels, i * SHAPE.pixelCount(), (i + 1) * SHAPE.pixelCount(), (byte) (10 + 20 * i));
            labels[i] = i % 3;
        }
        return new ImageDataset("constants", SHAPE, pixels, labels, List.of("a", "b", "c"));
    }

    @Test
    void cutoutZeroesTheClippedSquareInEveryChannel() {
        float[] image = new float[SHAPE.pixelCount()];
        Arrays.fill(image, 1f);
        BatchSampler.cutout(image, 0, SHAPE, 16, 16, 16);
        assertEquals(3 * 256, zeros(image), "an unclipped 16×16 square in 3 channels");
        assertEquals(0f, image[16 * 32 + 8]);
        assertEquals(1f, image[16 * 32 + 7]);
        assertEquals(0f, image[2048 + 23 * 32 + 23]);
        assertEquals(1f, image[2048 + 24 * 32 + 23]);
        Arrays.fill(image, 1f);
        BatchSampler.cutout(image, 0, SHAPE, 16, 0, 31);
        assertEquals(3 * 8 * 9, zeros(image), "clipped at the top and right: 8 rows, 9 columns");

        BatchSampler sampler = new BatchSampler(constants(8), 8, new Augmentation(0, false, 16, MixingKind.NONE, 1),
                false);
        HostBatch batch = sampler.batch(sampler.order(0), 0, 5);
        assertFalse(batch.mixed());
        for (int k = 0; k < batch.size(); k++) {
            float[] one = Arrays.copyOfRange(batch.images(), k * 3072, (k + 1) * 3072);
            int zeroed = zeros(one);
            assertTrue(zeroed % 3 == 0 && zeroed / 3 >= 64 && zeroed / 3 <= 256, "image " + k + ": " + zeroed);
        }
    }

    private static int zeros(float[] values) {
        int count = 0;
        for (float v : values) {
            if (v == 0f) {
                count++;
            }
        }
        return count;
    }

    @Test
    void mixupIsAConvexCombinationWithTheTargetWeight() {
        ImageDataset data = constants(8);
        BatchSampler sampler = new BatchSampler(data, 8, new Augmentation(0, false, 0, MixingKind.MIXUP, 1), false);
        HostBatch batch = sampler.batch(sampler.order(0), 0, 7);
        assertTrue(batch.mixed());
        int partnered = 0;
        for (int k = 0; k < batch.size(); k++) {
            float own = (10 + 20 * k) / 255f;
            int partner = -1;
            for (int j = 0; j < 8; j++) {
                if (data.label(j) == batch.partnerLabels()[k]) {
                    float w = batch.ownWeights()[k];
                    float expected = w * own + (1 - w) * (10 + 20 * j) / 255f;
                    if (Math.abs(batch.images()[k * 3072] - expected) < 1e-5) {
                        partner = j;
                    }
                }
            }
            assertTrue(partner >= 0, "image " + k + " is w·own + (1 − w)·partner for a partner of the named class");
            if (partner != k) {
                partnered++;
            }
            float first = batch.images()[k * 3072];
            for (int p = 1; p < 3072; p++) {
                assertEquals(first, batch.images()[k * 3072 + p], 1e-7, "constant images mix to constants");
            }
        }
        assertTrue(partnered > 0);
        float w = batch.ownWeights()[0];
        assertTrue(w > 0 && w < 1);
        for (float each : batch.ownWeights()) {
            assertEquals(w, each, "one λ per batch");
        }
    }

    @Test
    void cutmixPastesABoxAndWeighsTheTargetByItsArea() {
        ImageDataset data = constants(8);
        BatchSampler sampler = new BatchSampler(data, 8, new Augmentation(0, false, 0, MixingKind.CUTMIX, 1), false);
        for (long seed = 0; seed < 5; seed++) {
            HostBatch batch = sampler.batch(sampler.order(0), 0, seed);
            for (int k = 0; k < batch.size(); k++) {
                float own = (10 + 20 * k) / 255f;
                int fromOthers = 0;
                float other = Float.NaN;
                for (int p = 0; p < 3072; p++) {
                    float v = batch.images()[k * 3072 + p];
                    if (v != own) {
                        fromOthers++;
                        assertTrue(Float.isNaN(other) || other == v, "one partner per image");
                        other = v;
                    }
                }
                if (fromOthers > 0) {
                    assertEquals(1 - fromOthers / 3072f, batch.ownWeights()[k], 1e-6,
                            "seed " + seed + " image " + k + ": the weight is the share of the image kept");
                    int partner = Math.round((other * 255 - 10) / 20);
                    assertEquals(data.label(partner), batch.partnerLabels()[k]);
                }
            }
        }
    }

    @Test
    void betaDrawsHaveTheBetaMeanAndVariance() {
        SplittableRandom random = new SplittableRandom(3);
        for (double alpha : new double[] {0.5, 1.0, 4.0}) {
            double sum = 0;
            double squares = 0;
            int n = 40_000;
            for (int i = 0; i < n; i++) {
                double x = BetaDistribution.symmetric(random, alpha);
                assertTrue(x >= 0 && x <= 1);
                sum += x;
                squares += x * x;
            }
            double mean = sum / n;
            double variance = squares / n - mean * mean;
            assertEquals(0.5, mean, 0.01, "alpha " + alpha);
            assertEquals(1 / (4 * (2 * alpha + 1)), variance, 0.006, "alpha " + alpha);
        }
    }

    @Test
    void mixedCrossEntropyIsTheWeightedSumOfBothLosses() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logits = manager.create(new float[] {1f, 2f, 0.5f, -1f, 0f, 3f}, new ai.djl.ndarray.types.Shape(2, 3));
            NDArray labels = manager.create(new int[] {0, 2});
            NDArray partners = manager.create(new int[] {1, 2});
            NDArray weights = manager.create(new float[] {0.3f, 0.8f});
            double smoothing = 0.1;
            double expected = 0;
            float[][] z = {{1f, 2f, 0.5f}, {-1f, 0f, 3f}};
            int[][] classes = {{0, 1}, {2, 2}};
            double[] w = {0.3, 0.8};
            for (int i = 0; i < 2; i++) {
                double logSum = Math.log(Math.exp(z[i][0]) + Math.exp(z[i][1]) + Math.exp(z[i][2]));
                double own = 0;
                double partner = 0;
                for (int c = 0; c < 3; c++) {
                    double logP = z[i][c] - logSum;
                    own -= ((c == classes[i][0] ? 1 - smoothing : 0) + smoothing / 3) * logP;
                    partner -= ((c == classes[i][1] ? 1 - smoothing : 0) + smoothing / 3) * logP;
                }
                expected += (w[i] * own + (1 - w[i]) * partner) / 2;
            }
            assertEquals(expected, CrossEntropy.mixed(logits, labels, partners, weights, 3, smoothing).getFloat(), 1e-5);
        }
    }

    @Test
    void batchDefensesChangeOnlyTheRecipesAugmentation() {
        VictimTrainingConfig base = new VictimTrainingConfig(ai.gue.model.ClassifierArch.FASTNET, 0.25, 1, 8, 0.1, 0.9,
                5e-4, true, LrSchedule.ONE_CYCLE, List.of(), 0.1, 0.25, 0.0, Augmentation.STANDARD, 0, 100);
        DefenseSettings settings = DefenseSettings.defaults();
        assertEquals(16, new Defense(DefenseKind.CUTOUT, settings).recipe(base).augmentation().cutoutSize());
        assertEquals(MixingKind.CUTMIX, new Defense(DefenseKind.CUTMIX, settings).recipe(base).augmentation().mixing());
        assertEquals(base, new Defense(DefenseKind.JPEG, settings).recipe(base));
        Augmentation mixup = new Defense(DefenseKind.MIXUP, settings).recipe(base).augmentation();
        assertEquals(new Augmentation(4, true, 0, MixingKind.MIXUP, 1.0), mixup);
        BatchSampler plain = new BatchSampler(constants(8), 4, Augmentation.STANDARD, true);
        HostBatch batch = plain.batch(plain.order(1), 1, 2);
        assertNull(batch.partnerLabels());
        assertNull(batch.ownWeights());
    }

    @Test
    void augmentationsWrittenBeforeBatchDefensesStillLoadAndNewOnesRoundTrip() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
        assertEquals(Augmentation.STANDARD, json.readValue("{\"cropPadding\": 4, \"horizontalFlip\": true}",
                Augmentation.class));
        Augmentation cutmix = new Augmentation(2, false, 8, MixingKind.CUTMIX, 0.5);
        assertEquals(cutmix, json.readValue(json.writeValueAsString(cutmix), Augmentation.class));
        Exception unknown = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> json.readValue(
                "{\"cropPadding\": 4, \"horizontalFlip\": true, \"cutOut\": 16}", Augmentation.class));
        assertTrue(String.valueOf(unknown.getMessage()).contains("unknown augmentation field 'cutOut'"),
                unknown.getMessage());
    }
}
