package ai.gue.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.gue.attack.NoiseDistribution;
import ai.gue.config.Presets;
import ai.gue.eval.UnlearnabilityConfig;
import ai.gue.eval.UnlearnabilityResult;
import ai.gue.eval.UnlearnabilityResult.GameSummary;
import ai.gue.eval.UnlearnabilityResult.PoisonSummary;
import ai.gue.eval.UnlearnabilityResult.VictimOutcome;
import ai.gue.game.GameConfig;
import ai.gue.game.SelectionResult;
import ai.gue.train.EpochMetrics;
import ai.gue.train.VictimResult;
import ai.gue.train.VictimTrainingConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunReportTest {

    static VictimResult victim(VictimTrainingConfig config, double seconds, double... accuracies) {
        List<EpochMetrics> epochs = new java.util.ArrayList<>();
        for (int e = 0; e < accuracies.length; e++) {
            epochs.add(new EpochMetrics(e + 1, 1.0, 0.5, accuracies[e], 1.2, 0.1, 60, 1000, 1 << 30));
        }
        return new VictimResult(config, 50_000, 10_000, 123_456, epochs, seconds);
    }

    static UnlearnabilityResult fixture() {
        return fixture(Presets.game("cpu"));
    }

    static UnlearnabilityResult fixture(GameConfig gameConfig) {
        VictimTrainingConfig recipe = Presets.victim("cpu");
        UnlearnabilityConfig config = new UnlearnabilityConfig(gameConfig, recipe, NoiseDistribution.SIGN, 500);
        GameSummary game = new GameSummary(10, 360, 9_000, 1_000, 3_000, 3_600,
                List.of(new SelectionResult(5, 0.42, true, 0.6, 0.4, 120),
                        new SelectionResult(10, 0.5, false, 0.3, 0.4, 118)),
                "runs/x/game/best");
        List<PoisonSummary> poisons = List.of(new PoisonSummary("gue", "GUE generator", "8/255", 8, 1.23456, 0.9512),
                new PoisonSummary("random-noise", NoiseDistribution.SIGN.describe(), "8/255", 8, 1.7, 0.99));
        List<VictimOutcome> victims = List.of(
                new VictimOutcome("clean", "clean training set", victim(recipe, 978, 0.5, 0.8719)),
                new VictimOutcome("gue", "GUE-poisoned training set (as stored)", victim(recipe, 960, 0.3, 0.1276)),
                new VictimOutcome("random-noise", "random ±ε sign noise", victim(recipe, 990, 0.45, 0.8601)));
        return new UnlearnabilityResult(config, "cifar10-train", 50_000, 10_000, game, poisons, victims,
                new UnlearnabilityResult.SeenUnseen(9_000, 0.1312, 40_000, 0.1498), 7_200);
    }

    @Test
    void comparisonTableGolden() {
        String expected = """
                | victim | training data | clean test accuracy (%) | epochs | minutes |
                | --- | --- | ---: | ---: | ---: |
                | clean | clean training set | 87.19 | 2 | 16.3 |
                | gue | GUE-poisoned training set (as stored) | 12.76 | 2 | 16.0 |
                | random-noise | random ±ε sign noise | 86.01 | 2 | 16.5 |""";
        assertEquals(expected, RunReport.comparisonTable(fixture()));
    }

    @Test
    void reportHoldsTablesGameSummaryAndFigures() {
        String report = RunReport.render(fixture(), new ReportFigures("figures/accuracy.png", "figures/game.png",
                "figures/perturbations.png"));
        assertTrue(report.startsWith("# GUE unlearnability run\n"), report);
        assertTrue(report.contains(RunReport.comparisonTable(fixture())), report);
        assertTrue(report.contains("| gue (GUE generator) | 8/255 | 8/255 (0.03137) | 1.2346 | 95.12 |"), report);
        // The cpu game preset does not select, so its held-out images are only unseen; the paper preset selects.
        assertTrue(report.contains("- 10 epochs, 360 steps on 9,000 images (1,000 held out clean, never seen by the "
                + "generator)"), report);
        String selecting = RunReport.render(fixture(Presets.game("paper")), ReportFigures.NONE);
        assertTrue(selecting.contains("(1,000 held out clean, for selection, never seen by the generator)"), selecting);
        assertTrue(report.contains("- 50.0 min of game steps in total; 60.0 min in this invocation\n"), report);
        assertTrue(selecting.contains("60.0 min in this invocation (selection included)"), selecting);
        assertTrue(report.contains("| 5 | 42.00 | 60.00 | 40.00 | best so far |"), report);
        assertTrue(report.contains("13.12% of the 9,000 the game trained on, 14.98% of the 40,000 it never saw."), report);
        assertTrue(report.contains("![clean test accuracy per epoch](figures/accuracy.png)"), report);
        assertTrue(report.contains("(figures/game.png)") && report.contains("(figures/perturbations.png)"), report);
        assertTrue(report.contains("fastnet ×0.25, 8 epochs, batch 256, SGD lr 0.2 (one-cycle)"), report);

        String bare = RunReport.render(fixture(), ReportFigures.NONE);
        assertFalse(bare.contains("!["), bare);
    }
}
