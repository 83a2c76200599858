package ai.gue.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.gue.data.ImageDataset;
import ai.gue.data.ImageShape;
import ai.gue.model.ClassifierArch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VictimTrainerTest {

    static VictimTrainingConfig tinyConfig(int epochs, long seed) {
        return new VictimTrainingConfig(ClassifierArch.FASTNET, 0.125, epochs, 32, 0.1, 0.9, 5e-4, true,
                LrSchedule.ONE_CYCLE, List.of(), 0.1, 0.25, 0.0, new Augmentation(2, true), seed, 100);
    }

    @Test
    void learnsASeparableTaskAndReportsEveryEpoch() {
        ImageDataset train = SyntheticData.halves("train", 256, 1);
        ImageDataset test = SyntheticData.halves("test", 100, 2);
        List<EpochMetrics> seen = new ArrayList<>();
        VictimResult result = new VictimTrainer(tinyConfig(4, 7)).train(train, test, new VictimTrainingListener() {
            @Override
            public void onEpoch(EpochMetrics metrics) {
                seen.add(metrics);
            }
        });
        assertEquals(4, result.epochs().size());
        assertEquals(result.epochs(), seen);
        assertTrue(result.finalTestAccuracy() >= 0.9, "test accuracy " + result.finalTestAccuracy());
        assertTrue(result.epochs().get(3).trainLoss() < result.epochs().get(0).trainLoss(), "training loss falls");
        assertTrue(result.parameterCount() > 0);
        assertEquals(256, result.trainImages());
    }

    @Test
    void sameSeedGivesIdenticalTrainingAndAnotherSeedDoesNot() {
        ImageDataset train = SyntheticData.halves("train", 128, 3);
        ImageDataset test = SyntheticData.halves("test", 64, 4);
        VictimResult a = new VictimTrainer(tinyConfig(2, 11)).train(train, test, VictimTrainingListener.NONE);
        VictimResult b = new VictimTrainer(tinyConfig(2, 11)).train(train, test, VictimTrainingListener.NONE);
        VictimResult c = new VictimTrainer(tinyConfig(2, 12)).train(train, test, VictimTrainingListener.NONE);
        for (int e = 0; e < 2; e++) {
            assertEquals(a.epochs().get(e).trainLoss(), b.epochs().get(e).trainLoss(), 0.0, "epoch " + e);
            assertEquals(a.epochs().get(e).testLoss(), b.epochs().get(e).testLoss(), 0.0, "epoch " + e);
        }
        assertTrue(a.epochs().get(1).trainLoss() != c.epochs().get(1).trainLoss());
    }

    @Test
    void mismatchedTrainAndTestShapesAreRefused() {
        ImageDataset train = SyntheticData.halves("train", 8, 1);
        ImageDataset other = new ImageDataset("other", new ImageShape(3, 8, 8), new byte[8 * 192], new int[8],
                List.of("top", "bottom"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new VictimTrainer(tinyConfig(1, 1)).train(train, other, VictimTrainingListener.NONE));
        assertTrue(e.getMessage().contains("3x16x16") && e.getMessage().contains("3x8x8"), e.getMessage());
    }

    @Test
    void invalidHyperParametersAreRejectedWithTheirName() {
        assertMessage("learning rate", () -> withLearningRate(-0.1));
        assertMessage("learning rate", () -> withLearningRate(Double.NaN));
        assertMessage("momentum", () -> new VictimTrainingConfig(ClassifierArch.FASTNET, 1, 1, 1, 0.1, 1.5, 0, false,
                LrSchedule.CONSTANT, List.of(), 0.1, 0, 0, Augmentation.NONE, 0, 1));
        assertMessage("epochs", () -> new VictimTrainingConfig(ClassifierArch.FASTNET, 1, 0, 1, 0.1, 0.9, 0, false,
                LrSchedule.CONSTANT, List.of(), 0.1, 0, 0, Augmentation.NONE, 0, 1));
        assertMessage("weight decay", () -> new VictimTrainingConfig(ClassifierArch.FASTNET, 1, 1, 1, 0.1, 0.9,
                Double.NaN, false, LrSchedule.CONSTANT, List.of(), 0.1, 0, 0, Augmentation.NONE, 0, 1));
        assertMessage("crop padding", () -> new Augmentation(-1, false));
    }

    private static VictimTrainingConfig withLearningRate(double lr) {
        return new VictimTrainingConfig(ClassifierArch.FASTNET, 1, 1, 1, lr, 0.9, 0, false, LrSchedule.CONSTANT,
                List.of(), 0.1, 0, 0, Augmentation.NONE, 0, 1);
    }

    private static void assertMessage(String fragment, org.junit.jupiter.api.function.Executable executable) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
