package ai.gue.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.gue.attack.AttackKind;
import ai.gue.attack.Budget;
import ai.gue.config.Presets;
import ai.gue.defense.DefenseKind;
import ai.gue.game.GameConfig;
import ai.gue.game.GameSetting;
import ai.gue.model.ClassifierArch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Experiment files: defaults, overrides laid over presets, and an error naming the field for every mistake. */
class ExperimentParserTest {

    private static final Path FOLDER = Path.of("/experiments");

    static Experiment parse(String yaml) {
        return ExperimentParser.parse(yaml.getBytes(StandardCharsets.UTF_8), "grid.yaml", FOLDER);
    }

    @Test
    void namesTakeTheirDefaultsAndOverridesLandOnTheirField() {
        Experiment e = parse("""
                name: tiny
                attacks:
                  - clean
                  - noise-sign
                  - {kind: lsp, name: lsp-half, l2Radius: 0.5, seed: 7}
                  - {generator: runs/game/best}
                victims:
                  - cpu-short
                  - {preset: cpu, name: wide, arch: resnet18, epochs: 2, augmentation: {cutoutSize: 4}}
                defenses:
                  - none
                  - {kind: jpeg, jpegQuality: 30}
                  - {kind: adversarial-training, name: at-3, adversarialTraining: {steps: 3}}
                seeds: [0, 5]
                """);
        assertEquals("cifar10", e.dataset());
        assertNull(e.test());
        assertNull(e.poisonRatio());
        assertEquals(List.of("clean", "noise-sign", "lsp-half", "gue"), e.attacks().stream().map(AttackSpec::name).toList());
        AttackSpec lsp = e.attack("lsp-half");
        assertEquals(AttackKind.LSP, lsp.kind());
        assertEquals(0.5, lsp.settings().l2Radius());
        assertEquals(7, lsp.settings().seed());
        assertEquals(Budget.linf(8), lsp.settings().linfBudget(), "untouched settings keep their defaults");
        assertEquals(AttackSource.CLEAN, e.attack("clean").source());
        assertEquals(FOLDER.resolve("runs/game/best").toAbsolutePath().normalize().toString(),
                e.attack("gue").generator(), "relative to the experiment file's folder");

        assertEquals(Presets.victim("cpu-short"), e.victim("cpu-short").recipe());
        VictimSpec wide = e.victim("wide");
        assertEquals(ClassifierArch.RESNET18, wide.recipe().arch());
        assertEquals(2, wide.recipe().epochs());
        assertEquals(4, wide.recipe().augmentation().cutoutSize());
        assertEquals(Presets.victim("cpu").augmentation().cropPadding(), wide.recipe().augmentation().cropPadding(),
                "nested fields are merged, not replaced");
        assertEquals(Presets.victim("cpu").learningRate(), wide.recipe().learningRate());

        assertEquals(DefenseKind.JPEG, e.defense("jpeg").defense().kind());
        assertEquals(30, e.defense("jpeg").defense().settings().jpegQuality());
        assertEquals(3, e.defense("at-3").defense().settings().adversarialTraining().steps());
        assertEquals(8 / 255.0, e.defense("at-3").defense().settings().adversarialTraining().radius(), 1e-12);
        assertEquals(List.of(0L, 5L), e.seeds());
        assertEquals(4 * 2 * 3 * 2, e.cells().size());
        assertEquals(new CellKey("clean", "cpu-short", "none", 0), e.cells().get(0));
        assertEquals(5, e.cells().get(4 * 2 * 3).seed(), "seeds are the outermost loop");
    }

    @Test
    void craftedAttacksStartFromACraftingPresetWhoseFieldsCanBeOverridden() {
        Experiment e = parse("""
                name: crafted
                attacks:
                  - em
                  - {kind: tap, name: tap-paper, craftingPreset: paper}
                  - {kind: rem, crafting: {rem: {maxRounds: 2}, model: {epochs: 1}}}
                victims: [cpu-short]
                """);
        assertEquals(Presets.crafting("cpu"), e.attack("em").settings().crafting(), "cpu by default");
        assertEquals(Presets.crafting("paper"), e.attack("tap-paper").settings().crafting());
        AttackSpec rem = e.attack("rem");
        assertEquals(2, rem.settings().crafting().rem().maxRounds());
        assertEquals(1, rem.settings().crafting().model().epochs());
        assertEquals(Presets.crafting("cpu").rem().adversarialLevels(), rem.settings().crafting().rem().adversarialLevels(),
                "nested fields are merged, not replaced");
        assertError("attacks[0].craftingPreset: unknown field",
                "name: x\nattacks: [{kind: lsp, craftingPreset: cpu}]\nvictims: [cpu-short]\n");
        assertError("attacks[0].craftingPreset: unknown crafting preset",
                "name: x\nattacks: [{kind: em, craftingPreset: gpu}]\nvictims: [cpu-short]\n");
    }

    @Test
    void gameRowsStartFromAGamePresetWhoseFieldsCanBeOverridden() throws Exception {
        Experiment e = parse("""
                name: games
                attacks:
                  - gue
                  - {kind: gue, name: gue-long, gamePreset: cpu-long, epochs: 30, poisonAugmentation: {horizontalFlip: false}}
                  - {kind: gue, name: gue-adv, gamePreset: cpu, setting: adversarial, pgdSteps: 2}
                victims: [cpu-short]
                """);
        AttackSpec plain = e.attack("gue");
        assertEquals(AttackSource.GAME, plain.source());
        assertEquals(Presets.game("cpu"), plain.game(), "the cpu game (gue run's default) by default");
        assertNull(plain.kind());
        assertNull(plain.generator());
        GameConfig longer = e.attack("gue-long").game();
        assertEquals(Presets.game("cpu-long").withEpochs(30), longer.withPoisonAugmentation(
                Presets.game("cpu-long").poisonAugmentation()), "only the overridden fields change");
        assertEquals(4, longer.poisonAugmentation().cropPadding(), "nested fields are merged, not replaced");
        assertTrue(!longer.poisonAugmentation().horizontalFlip());
        GameConfig adversarial = e.attack("gue-adv").game();
        assertEquals(GameSetting.ADVERSARIAL, adversarial.setting());
        assertEquals(2, adversarial.pgdSteps());
        assertTrue(plain.describe().contains("GUE game played by the grid (standard setting"), plain.describe());
        assertTrue(e.attack("gue-long").describe().contains("30 epochs on 90% of the training images"),
                e.attack("gue-long").describe());
        String cell = CompareRunner.configTree(CellConfig.of(e, e.cells().get(0))).toString();
        assertTrue(cell.contains("\"innerSteps\":5") && cell.contains("\"generatorSha256\":null"),
                "a game row's cells are keyed on its whole game config: " + cell);
        String baseline = CompareRunner.configTree(CellConfig.of(parse("name: b\nattacks: [lsp]\nvictims: [cpu-short]\n"),
                new CellKey("lsp", "cpu-short", "none", 0))).toString();
        assertTrue(!baseline.contains("\"game\""), "other rows' results do not change: " + baseline);

        assertError("attacks[0].epoch: unknown field; expected one of [followerArch",
                "name: x\nattacks: [{kind: gue, epoch: 3}]\nvictims: [cpu-short]\n");
        assertError("attacks[0].gamePreset: unknown game preset",
                "name: x\nattacks: [{kind: gue, gamePreset: gpu}]\nvictims: [cpu-short]\n");
        assertError("attacks[0]: game batch size must be at least 2", "name: x\nattacks: [{kind: gue, batchSize: 0}]\nvictims: [cpu-short]\n");
    }

    @Test
    void defensesAndSeedsHaveDefaults() {
        Experiment e = parse("""
                name: minimal
                dataset: data/tiny
                poisonRatio: 0.5
                attacks: [ops]
                victims: [cpu-short]
                """);
        assertEquals(List.of("none"), e.defenses().stream().map(DefenseSpec::name).toList());
        assertEquals(List.of(0L), e.seeds());
        assertEquals(FOLDER.resolve("data/tiny").toAbsolutePath().toString(), e.dataset());
        assertEquals(0.5, e.poisonRatio());
        assertEquals(0.5, CellConfig.of(e, e.cells().get(0)).poisonRatio(), "a poisoned row mixes");
        Experiment withClean = parse("name: m\npoisonRatio: 0.5\nattacks: [clean, ops]\nvictims: [cpu-short]\n");
        assertNull(CellConfig.of(withClean, withClean.cells().get(0)).poisonRatio(),
                "the clean row has nothing to mix, so its cells do not depend on the ratio");
        assertEquals(0, CellConfig.of(withClean, withClean.cells().get(0)).victim().seed());
    }

    @Test
    void everyMistakeIsNamedWithItsField() {
        String ok = "name: x\nattacks: [clean]\nvictims: [cpu-short]\n";
        assertError("grid.yaml: attack: unknown field", "name: x\nattack: [clean]\nattacks: [clean]\nvictims: [cpu-short]\n");
        assertError("grid.yaml: name: is required", "attacks: [clean]\nvictims: [cpu-short]\n");
        assertError("attacks[1]: unknown attack 'sharpen'", "name: x\nattacks: [clean, sharpen]\nvictims: [cpu-short]\n");
        assertError("attacks[0].l2radius: unknown field; expected one of [linfBudget, l2Radius, patchSize, seed, crafting]",
                "name: x\nattacks: [{kind: lsp, l2radius: 2}]\nvictims: [cpu-short]\n");
        assertError("attacks[0]: L2 radius must be a positive number, got -1.0",
                "name: x\nattacks: [{kind: ar, l2Radius: -1}]\nvictims: [cpu-short]\n");
        assertError("attacks[0]: give exactly one of 'kind'", "name: x\nattacks: [{name: a}]\nvictims: [cpu-short]\n");
        assertError("attacks[0].seed: unknown field",
                "name: x\nattacks: [{kind: clean, seed: 1}]\nvictims: [cpu-short]\n");
        assertError("victims[0].preset: unknown victim preset '" + FOLDER.resolve("gpu") + "'; expected one of cpu",
                "name: x\nattacks: [clean]\nvictims: [{preset: gpu}]\n");
        assertError("victims[0].epochs", "name: x\nattacks: [clean]\nvictims: [{preset: cpu, epochs: many}]\n");
        assertError("victims[0].seed: a victim's seed comes from the experiment's 'seeds' list",
                "name: x\nattacks: [clean]\nvictims: [{preset: cpu, seed: 3}]\n");
        assertError("victims[0].augmentation.cutout: unknown field; expected one of [cropPadding, horizontalFlip, cutoutSize",
                "name: x\nattacks: [clean]\nvictims: [{preset: cpu, augmentation: {cutout: 3}}]\n");
        assertError("defenses[1]: unknown defense 'sharpen'", ok + "defenses: [none, sharpen]\n");
        assertError("defenses[0]: JPEG quality must be in [1, 100], got 0", ok + "defenses: [{kind: jpeg, jpegQuality: 0}]\n");
        assertError("defenses[0].adversarialTraining.step: unknown field",
                ok + "defenses: [{kind: adversarial-training, adversarialTraining: {step: 2}}]\n");
        assertError("defense 'none' is listed twice; give each entry its own 'name'", ok + "defenses: [none, none]\n");
        assertError("seeds[1]: must be an integer", ok + "seeds: [0, one]\n");
        assertError("seed '1' is listed twice", ok + "seeds: [1, 1]\n");
        assertError("attacks: must be a non-empty list", "name: x\nattacks: []\nvictims: [cpu-short]\n");
        assertError("attack name '../up' must be", "name: x\nattacks: [{kind: clean, name: ../up}]\nvictims: [cpu-short]\n");
        assertError("poisonRatio must be in [0, 1], got 1.5", ok + "poisonRatio: 1.5\n");
        assertError("not valid YAML", "name: x\nname: y\nattacks: [clean]\nvictims: [cpu-short]\n");
    }

    private static void assertError(String expected, String yaml) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(yaml), yaml);
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("grid.yaml: "), "the file is named: " + e.getMessage());
    }

    @Test
    void theShippedPresetsParse() {
        Experiment cpu = ExperimentParser.load("cpu");
        assertEquals(List.of("cpu-short"), cpu.victims().stream().map(VictimSpec::name).toList());
        assertEquals(48, cpu.cells().size(), "the cost estimate in cpu.yaml counts 48 cells");
        assertEquals(Presets.game("cpu-long"), cpu.attack("gue").game(), "GUE beside the baselines, the cpu-long game");
        assertTrue(cpu.defenses().stream().noneMatch(d -> d.defense().kind() == DefenseKind.ADVERSARIAL_TRAINING),
                "adversarial training would double the CPU grid");
        Experiment crafted = ExperimentParser.load("cpu-crafted");
        assertEquals(18, crafted.cells().size(), "the cost estimate in cpu-crafted.yaml counts 18 cells");
        assertEquals(Presets.game("cpu-long"), crafted.attack("gue").game(), "GUE with the cpu-long game");
        assertEquals(Presets.crafting("cpu"), crafted.attack("tap").settings().crafting());
        Experiment paper = ExperimentParser.load("paper");
        assertEquals(Presets.crafting("paper"), paper.attack("em").settings().crafting());
        assertEquals(100, paper.victims().get(0).recipe().epochs());
        assertTrue(paper.defenses().stream().anyMatch(d -> d.defense().kind() == DefenseKind.ADVERSARIAL_TRAINING));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExperimentParser.load("gpu"));
        assertTrue(e.getMessage().contains("expected a preset (cpu, cpu-crafted, paper) or a YAML file"), e.getMessage());
    }

    @Test
    void theReadmeExampleParses() throws Exception {
        // Maven runs the tests in the module folder; the README's example must stay a valid experiment.
        String readme = java.nio.file.Files.readString(Path.of("../README.md"));
        int section = readme.indexOf("### Experiment files");
        int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
        String yaml = readme.substring(start, readme.indexOf("```", start));
        Experiment e = parse(yaml);
        assertEquals(List.of("clean", "noise-sign", "lsp-half", "gue", "gue-game"),
                e.attacks().stream().map(AttackSpec::name).toList());
        assertEquals(14, e.attack("gue-game").game().epochs());
        assertEquals(List.of("cpu-short", "cpu-8"), e.victims().stream().map(VictimSpec::name).toList());
        assertEquals(List.of("none", "jpeg", "jpeg-30", "adversarial-training"),
                e.defenses().stream().map(DefenseSpec::name).toList());
        assertEquals(5 * 2 * 4 * 2, e.cells().size());
    }
}
