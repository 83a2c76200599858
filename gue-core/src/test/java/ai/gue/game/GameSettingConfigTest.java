package ai.gue.game;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.gue.attack.Budget;
import ai.gue.config.Presets;
import ai.gue.model.ClassifierArch;
import ai.gue.train.Augmentation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The adversarial setting's config: validation naming the field, milestones, presets. */
class GameSettingConfigTest {

    /** The tiny config of {@link GameTrainerTest} with the adversarial fields replaced. */
    static GameConfig adversarial(double beta, Budget radius, int steps, double momentum, double decay,
            List<Integer> milestones, double gamma) {
        GameConfig c = GameTrainerTest.config(1, 1, 0);
        return new GameConfig(c.followerArch(), c.followerWidth(), c.generatorWidth(), c.budget(), c.payoff(), c.eta(),
                c.innerSteps(), c.innerLearningRate(), c.generatorLearningRate(), c.followerLearningRate(),
                c.batchSize(), c.epochs(), c.seed(), c.implementation(), c.dataFraction(), c.validationFraction(),
                c.selectEveryEpochs(), c.selectionVictim(), GameSetting.ADVERSARIAL, beta, radius, steps, momentum,
                decay, GeneratorOptimizerKind.SGD, milestones, gamma, Augmentation.NONE);
    }

    static void rejected(String field, Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build, field);
        assertTrue(e.getMessage().contains(field), "message names " + field + ": " + e.getMessage());
    }

    @Test
    void badAdversarialSettingsAreRejectedNamingTheField() {
        Budget r = Budget.linf(4);
        adversarial(1, r, 10, 0.9, 5e-4, List.of(120, 140), 0.1); // the authors' values are fine
        adversarial(0, r, 1, 0, 0, List.of(), 0.1); // and so are the edges
        rejected("tradesBeta", () -> adversarial(-0.1, r, 10, 0.9, 5e-4, List.of(), 0.1));
        rejected("tradesBeta", () -> adversarial(Double.NaN, r, 10, 0.9, 5e-4, List.of(), 0.1));
        rejected("pgdSteps", () -> adversarial(1, r, 0, 0.9, 5e-4, List.of(), 0.1));
        rejected("pgdRadius", () -> adversarial(1, null, 10, 0.9, 5e-4, List.of(), 0.1));
        rejected("learningRateMilestones", () -> adversarial(1, r, 10, 0.9, 5e-4, List.of(140, 120), 0.1));
        rejected("learningRateMilestones", () -> adversarial(1, r, 10, 0.9, 5e-4, List.of(120, 120), 0.1));
        rejected("learningRateMilestones", () -> adversarial(1, r, 10, 0.9, 5e-4, List.of(0, 120), 0.1));
        rejected("learningRateGamma", () -> adversarial(1, r, 10, 0.9, 5e-4, List.of(120), 0));
        rejected("generatorMomentum", () -> adversarial(1, r, 10, 1.0, 5e-4, List.of(), 0.1));
        rejected("generatorWeightDecay", () -> adversarial(1, r, 10, 0.9, -1e-4, List.of(), 0.1));
        // A PGD radius ≤ 0 or > 1 cannot even be a Budget; the per-step numbers also check it by name.
        assertThrows(IllegalArgumentException.class, () -> Budget.linf(0));
        assertThrows(IllegalArgumentException.class, () -> Budget.ofEpsilon(1.5));
        rejected("pgdRadius", () -> new GameHyperParameters(PayoffKind.MAX_WRONG_CE, 1.5, 1, 1e-3, 0.1, 0.01,
                GameImplementation.SHARED, GameSetting.ADVERSARIAL, 1, 0, 10, 0, 0, GeneratorOptimizerKind.SGD));
        rejected("pgdRadius", () -> new GameHyperParameters(PayoffKind.MAX_WRONG_CE, 1.5, 1, 1e-3, 0.1, 0.01,
                GameImplementation.SHARED, GameSetting.ADVERSARIAL, 1, 1.5, 10, 0, 0, GeneratorOptimizerKind.SGD));
        rejected("setting", () -> GameSetting.parse("robust"));
    }

    @Test
    void milestonesLowerTheRateAfterTheirEpoch() {
        GameConfig c = adversarial(1, Budget.linf(4), 10, 0.9, 5e-4, List.of(120, 140), 0.1);
        assertEquals(1.0, c.learningRateScale(1));
        assertEquals(1.0, c.learningRateScale(120));
        assertEquals(0.1, c.learningRateScale(121), 1e-15);
        assertEquals(0.1, c.learningRateScale(140), 1e-15);
        assertEquals(0.01, c.learningRateScale(141), 1e-15);
        assertEquals(0.01, c.learningRateScale(150), 1e-15);
        assertEquals(1.0, GameTrainerTest.config(3, 1, 0).learningRateScale(3), "no milestones, no decay");
    }

    @Test
    void theObjectiveFollowsTheSetting() {
        assertSame(FollowerObjective.CROSS_ENTROPY, GameTrainerTest.config(1, 1, 0).hyperParameters().followerObjective());
        TradesObjective trades = assertInstanceOf(TradesObjective.class,
                adversarial(2, Budget.linf(4), 7, 0.9, 5e-4, List.of(), 0.1).hyperParameters().followerObjective());
        assertEquals(2, trades.beta());
        assertEquals(4 / 255.0, trades.radius(), 1e-12);
        assertEquals(1 / 255.0, trades.stepSize(), 1e-12);
        assertEquals(7, trades.steps());
    }

    @Test
    void shippedPresetsCarryTheSetting() throws Exception {
        for (String name : List.of("cpu", "paper")) {
            GameConfig standard = Presets.game(name);
            assertEquals(GameSetting.STANDARD, standard.setting(), name);
            assertEquals(0, standard.generatorMomentum(), name);
            assertEquals(0, standard.generatorWeightDecay(), name);
            assertEquals(List.of(), standard.learningRateMilestones(), name);
        }
        Path file = Path.of(GameSettingConfigTest.class.getResource("/ai/gue/presets/game/adversarial.yaml").toURI());
        GameConfig adversarial = Presets.game(file.toString());
        assertEquals(GameSetting.ADVERSARIAL, adversarial.setting());
        assertEquals(ClassifierArch.RESNET18, adversarial.followerArch());
        assertEquals(64, adversarial.generatorWidth());
        assertEquals(150, adversarial.epochs());
        assertEquals(1.0, adversarial.tradesBeta());
        assertEquals(Budget.linf(4), adversarial.pgdRadius());
        assertEquals(10, adversarial.pgdSteps());
        assertEquals(0.9, adversarial.generatorMomentum());
        assertEquals(5e-4, adversarial.generatorWeightDecay());
        assertEquals(List.of(120, 140), adversarial.learningRateMilestones());
        assertEquals(0.1, adversarial.learningRateGamma());
        assertEquals(0.1, adversarial.generatorLearningRate());
        assertEquals(0.01, adversarial.followerLearningRate());
        // Apart from the adversarial fields and the epochs, it is the paper's game.
        GameConfig paper = Presets.game("paper");
        assertEquals(paper.budget(), adversarial.budget());
        assertEquals(paper.innerSteps(), adversarial.innerSteps());
        assertEquals(paper.selectionVictim(), adversarial.selectionVictim());
        // And it round-trips through YAML as run folders record it.
        Path copy = java.nio.file.Files.createTempFile("adversarial", ".yaml");
        try {
            java.nio.file.Files.writeString(copy, Presets.toYaml(adversarial));
            assertEquals(adversarial, Presets.game(copy.toString()));
        } finally {
            java.nio.file.Files.delete(copy);
        }
    }
}
