package ai.gue.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import ai.gue.game.GameConfig;
import ai.gue.model.ClassifierArch;
import ai.gue.model.ModelSpec;
import ai.gue.train.LrSchedule;
import ai.gue.train.VictimTrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PresetsTest {

    private static final Pattern EXPERIMENT_GAME = Pattern.compile("exp(\\d+)-game\\.yaml");

    @Test
    void shippedPresetsLoad() {
        VictimTrainingConfig paper = Presets.victim("paper");
        assertEquals(ClassifierArch.RESNET18, paper.arch());
        assertEquals(100, paper.epochs());
        assertEquals(List.of(75, 90), paper.milestones());
        assertEquals(LrSchedule.MULTISTEP, paper.schedule());
        assertEquals(0.01, paper.learningRate());
        VictimTrainingConfig cpu = Presets.victim("cpu");
        assertEquals(ClassifierArch.FASTNET, cpu.arch());
        for (String name : Presets.VICTIM_PRESETS) {
            assertTrue(Presets.victim(name).epochs() > 0, name);
        }
    }

    /** The game files docs/benchmarks.md cites to reproduce its experiments must keep loading. */
    @Test
    void everyDocumentedExperimentGameLoads() throws Exception {
        Path experiments = Path.of(System.getProperty("gue.repo.root", ".")).toAbsolutePath();
        while (!Files.isDirectory(experiments.resolve("docs/experiments")) && experiments.getParent() != null) {
            experiments = experiments.getParent(); // Maven run from the module folder: the repository is above
        }
        experiments = experiments.resolve("docs/experiments");
        List<Path> games;
        try (var files = Files.list(experiments)) {
            games = files.filter(f -> f.getFileName().toString().endsWith("-game.yaml")).sorted().toList();
        }
        assertTrue(games.size() >= 12, "experiment game files in " + experiments + ": " + games);
        for (Path game : games) {
            ai.gue.game.GameConfig config = Presets.game(game.toString());
            // The in-game crop and flip arrived with exp15; every earlier game is the authors' (none).
            Matcher name = EXPERIMENT_GAME.matcher(game.getFileName().toString());
            assertTrue(name.matches(), "experiment game files are named expN-game.yaml: " + game);
            boolean cropFlip = Integer.parseInt(name.group(1)) >= 15;
            assertEquals(cropFlip ? ai.gue.train.Augmentation.STANDARD : ai.gue.train.Augmentation.NONE,
                    config.poisonAugmentation(), game.toString());
        }
        // The shipped CPU games are the measured experiment exp16, so docs/benchmarks.md's exp16 curve is theirs.
        ai.gue.game.GameConfig exp16 = Presets.game(experiments.resolve("exp16-game.yaml").toString());
        assertEquals(exp16.withEpochs(22), Presets.game("cpu-long"));
        assertEquals(exp16.withEpochs(12), Presets.game("cpu"));
        assertEquals(ai.gue.train.Augmentation.NONE, Presets.game("paper").poisonAugmentation(), "the authors' game");
        assertEquals(ai.gue.train.Augmentation.NONE, Presets.game("adversarial").poisonAugmentation());
    }

    /** The two CPU games differ in the follower's loss only, so comparing their poisons isolates it. */
    @Test
    void cpuAdversarialIsCpuLongWithATradesFollower() throws Exception {
        ai.gue.game.GameConfig standard = Presets.game("cpu-long");
        ai.gue.game.GameConfig adversarial = Presets.game("cpu-adversarial");
        assertEquals(ai.gue.game.GameSetting.STANDARD, standard.setting());
        assertEquals(ai.gue.game.GameSetting.ADVERSARIAL, adversarial.setting());
        assertEquals(4, adversarial.pgdSteps(), "4 steps of radius/4 reach the radius");
        assertEquals(4 / 255.0, adversarial.pgdRadius().epsilon(), 1e-12, "the authors' TRADES radius");
        assertEquals(1.0, adversarial.tradesBeta(), "the authors' TRADES beta");
        List<String> differing = new java.util.ArrayList<>();
        for (java.lang.reflect.RecordComponent field : ai.gue.game.GameConfig.class.getRecordComponents()) {
            Object a = field.getAccessor().invoke(standard);
            Object b = field.getAccessor().invoke(adversarial);
            if (!a.equals(b)) {
                differing.add(field.getName());
            }
        }
        assertEquals(List.of("setting", "pgdSteps"), differing);
    }

    @Test
    void craftingPresetsLoadWithTheirModelsAndAFileResolvesItsModelBesideIt(@TempDir Path dir) throws Exception {
        ai.gue.attack.CraftingSettings paper = Presets.crafting("paper");
        assertEquals(ClassifierArch.RESNET18, paper.model().arch());
        assertEquals(20, paper.em().pgdSteps(), "Huang et al.: 20 PGD steps per round");
        assertEquals(0.8, paper.em().stepLevels(), "Huang et al.: step eps/10 = 0.8/255");
        assertEquals(10, paper.em().trainSteps());
        assertEquals(0.99, paper.em().stopAccuracy());
        assertEquals(4, paper.rem().adversarialLevels(), "Fu et al.: adversarial radius eps/2");
        assertEquals(Presets.victim("cpu-short"), Presets.crafting("cpu").model());
        assertEquals(64, paper.deepconfuse().generatorWidth(), "Feng et al.'s UNet, full width");
        assertEquals(20, paper.deepconfuse().classifierEpochs(), "their clsepochs");
        assertEquals(0.01, paper.deepconfuse().classifierLearningRate(), "their classifier's SGD rate");
        assertEquals(1e-4, paper.deepconfuse().generatorLearningRate(), "their generator's Adam rate");
        assertEquals(16, Presets.crafting("cpu").deepconfuse().generatorWidth());
        Files.writeString(dir.resolve("no-deepconfuse.yaml"), """
                model: cpu
                em: {trainSteps: 3, pgdSteps: 2, stepLevels: 1.5, learningRate: 0.05, stopAccuracy: 0.9, maxRounds: 4,
                     adversarialLevels: 0, adversarialSteps: 0}
                rem: {trainSteps: 3, pgdSteps: 2, stepLevels: 1.5, learningRate: 0.05, stopAccuracy: 0.9, maxRounds: 4,
                      adversarialLevels: 2, adversarialSteps: 1}
                tap: {pgdSteps: 3, stepLevels: 2.0, targetShift: 2}
                """);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Presets.crafting(dir.resolve("no-deepconfuse.yaml").toString()));
        assertTrue(missing.getMessage().contains("deepconfuse"), missing.getMessage());
        Files.writeString(dir.resolve("model.yaml"), Presets.toYaml(Presets.victim("cpu").withEpochs(2)));
        Files.writeString(dir.resolve("crafting.yaml"), """
                model: model.yaml
                em: {trainSteps: 3, pgdSteps: 2, stepLevels: 1.5, learningRate: 0.05, stopAccuracy: 0.9, maxRounds: 4,
                     adversarialLevels: 0, adversarialSteps: 0}
                rem: {trainSteps: 3, pgdSteps: 2, stepLevels: 1.5, learningRate: 0.05, stopAccuracy: 0.9, maxRounds: 4,
                      adversarialLevels: 2, adversarialSteps: 1}
                tap: {pgdSteps: 3, stepLevels: 2.0, targetShift: 2}
                deepconfuse: {generatorWidth: 4, trainingShare: 0.5, rounds: 2, classifierEpochs: 1,
                              classifierLearningRate: 0.01, generatorLearningRate: 1.0e-4, finiteDifferenceRadius: 0.01}
                """);
        ai.gue.attack.CraftingSettings file = Presets.crafting(dir.resolve("crafting.yaml").toString());
        assertEquals(2, file.model().epochs());
        assertEquals(2, file.tap().targetShift());
        assertEquals(4, file.deepconfuse().generatorWidth());
        assertEquals(0.5, file.deepconfuse().trainingShare());
        Files.writeString(dir.resolve("bad.yaml"), """
                model: cpu
                em: {trainSteps: 3, pgdSteps: 2, stepLevels: 1.5, learningRate: 0.05, stopAccuracy: 0.9, maxRounds: 4,
                     adversarialLevels: 0, adversarialSteps: 0}
                rem: {trainSteps: 3, pgdSteps: 2, stepLevels: 1.5, learningRate: 0.05, stopAccuracy: 0.9, maxRounds: 4,
                      adversarialLevels: 2, adversarialSteps: 1}
                tap: {pgdSteps: 3, stepLevels: 2.0, targetShift: 2, extra: 1}
                deepconfuse: {generatorWidth: 4, trainingShare: 0.5, rounds: 2, classifierEpochs: 1,
                              classifierLearningRate: 0.01, generatorLearningRate: 1.0e-4, finiteDifferenceRadius: 0.01}
                """);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Presets.crafting(dir.resolve("bad.yaml").toString()));
        assertTrue(e.getMessage().contains("extra"), e.getMessage());
    }

    @Test
    void aPresetRoundTripsThroughYaml(@TempDir Path dir) throws Exception {
        VictimTrainingConfig cpu = Presets.victim("cpu");
        Path file = dir.resolve("mine.yaml");
        Files.writeString(file, Presets.toYaml(cpu));
        assertEquals(cpu, Presets.victim(file.toString()));
    }

    @Test
    void unknownNamesFieldsAndBadValuesAreClearErrors(@TempDir Path dir) throws Exception {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Presets.victim("fast"));
        assertTrue(unknown.getMessage().contains("cpu, cpu-short, paper, apbench"), unknown.getMessage());

        String yaml = Presets.toYaml(Presets.victim("cpu"));
        Path typo = dir.resolve("typo.yaml");
        Files.writeString(typo, yaml.replace("learningRate", "learningrate"));
        IllegalArgumentException field = assertThrows(IllegalArgumentException.class, () -> Presets.victim(typo.toString()));
        assertTrue(field.getMessage().contains("typo.yaml")
                && field.getMessage().toLowerCase(java.util.Locale.ROOT).contains("learningrate"),
                field.getMessage());

        Path negative = dir.resolve("negative.yaml");
        Files.writeString(negative, yaml.replaceAll("learningRate: .*", "learningRate: -0.5"));
        IllegalArgumentException value = assertThrows(IllegalArgumentException.class,
                () -> Presets.victim(negative.toString()));
        assertTrue(value.getMessage().contains("learning rate"), value.getMessage());

        Path arch = dir.resolve("arch.yaml");
        Files.writeString(arch, yaml.replaceAll("arch: .*", "arch: \"resnet9000\""));
        IllegalArgumentException archError = assertThrows(IllegalArgumentException.class,
                () -> Presets.victim(arch.toString()));
        assertTrue(archError.getMessage().contains("resnet9000"), archError.getMessage());
    }

    @Test
    void thePlayedGameIsReadFromATrainGeneratorOrARunFolder(@TempDir Path dir) throws Exception {
        ai.gue.game.GameConfig cpuLong = Presets.game("cpu-long");
        Path generatorRun = Files.createDirectories(dir.resolve("generator-run"));
        Files.writeString(generatorRun.resolve("game-config.yaml"), Presets.toYaml(cpuLong));
        assertEquals(cpuLong, Presets.playedGame(generatorRun));

        // A gue run folder records the game inside run-config.yaml, beside the victim and the noise.
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("run-config.yaml"), Presets.toYaml(new ai.gue.eval.UnlearnabilityConfig(
                cpuLong, Presets.victim("cpu-short"), ai.gue.attack.NoiseDistribution.SIGN, 500)));
        assertEquals(cpuLong, Presets.playedGame(run));

        IllegalArgumentException neither = assertThrows(IllegalArgumentException.class,
                () -> Presets.playedGame(dir));
        assertTrue(neither.getMessage().contains("neither game-config.yaml nor run-config.yaml"), neither.getMessage());
        Path noGame = Files.createDirectories(dir.resolve("no-game"));
        Files.writeString(noGame.resolve("run-config.yaml"), "victim: cpu\n");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Presets.playedGame(noGame));
        assertTrue(missing.getMessage().contains("has no game section"), missing.getMessage());
    }

    /**
     * The networks the launcher's kernel check covers: each shipped preset's victim, follower and
     * generator, each once (the cpu and cpu-short victims share a network, as do several games).
     */
    @Test
    void presetNetworksAreEachPresetsNetworksOnce() {
        Shape sample = new Shape(3, 32, 32);
        List<ModelSpec> networks = Presets.networks(sample, 10);
        assertEquals(networks.size(), new HashSet<>(networks).size(), networks::toString);
        for (String name : Presets.VICTIM_PRESETS) {
            VictimTrainingConfig victim = Presets.victim(name);
            assertTrue(networks.contains(ModelSpec.classifier(victim.arch(), 10, victim.widthMultiplier(), sample)), name);
        }
        for (String name : Presets.GAME_PRESETS) {
            GameConfig game = Presets.game(name);
            assertTrue(networks.contains(ModelSpec.classifier(game.followerArch(), 10, game.followerWidth(), sample)));
            assertTrue(networks.contains(ModelSpec.generator(game.generatorWidth(), sample)), name);
        }
        assertTrue(networks.contains(ModelSpec.generator(16, sample)), "DeepConfuse's cpu generator");
        assertTrue(networks.contains(ModelSpec.classifier(ClassifierArch.RESNET18, 10, 1, sample)), "the paper's victim");
    }
}
