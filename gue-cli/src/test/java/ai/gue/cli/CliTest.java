package ai.gue.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.gue.data.CifarBinaryFormat;
import ai.gue.data.DatasetLoader;
import ai.gue.data.DatasetPair;
import ai.gue.data.ImageDataset;
import ai.gue.data.ImageShape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a user sees it: help texts, a tiny evaluation end to end, and every bad-input message. */
class CliTest {

    @TempDir
    static Path shared;
    static Path cifarFolder;

    /** A tiny learnable CIFAR-shaped dataset, 3 classes (class = brightest channel; names sorted, as an image folder orders them), in the official binary layout. */
    @BeforeAll
    static void writeTinyCifar() throws Exception {
        cifarFolder = shared.resolve("tiny-cifar");
        CifarBinaryFormat.writeCifar10Folder(new DatasetPair(colours("train", 300, 1), colours("test", 100, 2)),
                cifarFolder, false);
    }

    static ImageDataset colours(String name, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[n * 3072];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < 1024; p++) {
                    pixels[i * 3072 + c * 1024 + p] = (byte) ((c == labels[i] ? 160 : 60) + random.nextInt(-50, 51));
                }
            }
        }
        return new ImageDataset(name, ImageShape.CIFAR, pixels, labels, List.of("blue", "green", "red"));
    }

    @Test
    void helpDescribesEveryCommandWithDefaults() {
        CliRunner top = CliRunner.run("--help");
        assertEquals(0, top.exitCode(), top.toString());
        for (String command : List.of("data", "evaluate", "bench")) {
            assertTrue(top.out().contains(command), top.toString());
        }
        CliRunner evaluate = CliRunner.run("evaluate", "--help");
        assertEquals(0, evaluate.exitCode());
        assertTrue(evaluate.out().contains("Default: cpu"), evaluate.out());
        assertTrue(evaluate.out().contains("--weight-decay"), evaluate.out());
        assertTrue(evaluate.err().isEmpty(), "no picocli format warnings: " + evaluate.err());
        CliRunner fetch = CliRunner.run("data", "fetch", "--help");
        assertTrue(fetch.out().replaceAll("\\s+", " ").contains("Default: auto"), fetch.out());
    }

    @Test
    void evaluateTrainsAVictimAndWritesTheRunFolder() throws Exception {
        Path out = shared.resolve("run-ok");
        CliRunner run = CliRunner.run("evaluate", "--train", cifarFolder.toString(), "--epochs", "6", "--width",
                "0.25", "--batch-size", "30", "--lr", "0.05", "--train-per-class", "60", "--no-progress", "--out",
                out.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("clean test accuracy"), run.out());
        for (String file : List.of("config.yaml", "manifest.json", "result.json", "epochs.csv")) {
            assertTrue(Files.isRegularFile(out.resolve(file)), file);
        }
        JsonNode result = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        assertEquals(180, result.get("trainImages").asInt(), "60 per class, 3 classes");
        JsonNode epochs = result.get("epochs");
        assertEquals(6, epochs.size());
        double accuracy = epochs.get(5).get("testAccuracy").asDouble();
        assertTrue(accuracy > 0.8, "a trivially learnable task must be learnt, got " + accuracy);
        List<String> csv = Files.readAllLines(out.resolve("epochs.csv"));
        assertEquals(7, csv.size());
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertTrue(manifest.get("engine").asText().startsWith("PyTorch 2.7.1"), manifest.toString());
        assertFalse(manifest.get("finished").isNull());
        assertEquals(2, manifest.get("inputs").size());
        assertTrue(Files.readString(out.resolve("config.yaml")).contains("widthMultiplier: 0.25"));
    }

    @Test
    void aGrayscaleDefenseReachesTheVictimsTrainingAndTestImages() throws Exception {
        // The victim trains and is tested on the filtered images (their names and digests are the
        // manifest's inputs); the tiny task stays learnable, since its classes differ in luma too.
        Path out = shared.resolve("run-gray");
        CliRunner run = CliRunner.run("evaluate", "--train", cifarFolder.toString(), "--epochs", "6", "--width",
                "0.25", "--batch-size", "30", "--lr", "0.05", "--train-per-class", "60", "--no-progress", "--out",
                out.toString(), "--defense", "grayscale");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("defense: grayscale (ITU-R 601 luma in all channels) (training and test images)"),
                run.out());
        JsonNode defense = new ObjectMapper().readTree(out.resolve("defense.json").toFile());
        assertEquals("grayscale", defense.get("defense").asText());
        JsonNode inputs = new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).get("inputs");
        List<String> names = new java.util.ArrayList<>();
        inputs.fieldNames().forEachRemaining(names::add);
        assertEquals(2, names.size(), names.toString());
        assertTrue(names.stream().allMatch(name -> name.endsWith("+grayscale")), names.toString());
        JsonNode result = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        double accuracy = result.get("epochs").get(5).get("testAccuracy").asDouble();
        assertTrue(accuracy > 0.5, "the classes differ in luma, so the task is learnt above chance (1/3), got "
                + accuracy);
        assertBadInput("JPEG quality must be in [1, 100], got 0", "evaluate", "--train", cifarFolder.toString(),
                "--defense", "jpeg", "--jpeg-quality", "0");
        assertBadInput("unknown defense 'sharpen'", "evaluate", "--train", cifarFolder.toString(), "--defense",
                "sharpen");
        assertBadInput("adversarial-training PGD steps must be at least 1, got 0", "evaluate", "--train",
                cifarFolder.toString(), "--defense", "adversarial-training", "--at-steps", "0");
    }

    @Test
    void anExistingRunFolderIsRefusedUnlessForced() throws Exception {
        Path out = shared.resolve("run-exists");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "previous run");
        CliRunner refused = CliRunner.run("evaluate", "--train", cifarFolder.toString(), "--epochs", "1",
                "--train-limit", "40", "--test-limit", "20", "--out", out.toString(), "--no-progress");
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains(out.toString()) && refused.err().contains("--force"), refused.err());
        assertEquals("previous run", Files.readString(out.resolve("keep.txt")));
        CliRunner forced = CliRunner.run("evaluate", "--train", cifarFolder.toString(), "--epochs", "1", "--width",
                "0.125", "--batch-size", "20", "--train-limit", "40", "--test-limit", "20", "--out", out.toString(),
                "--force", "--no-progress");
        assertEquals(0, forced.exitCode(), forced.toString());
    }

    @Test
    void badInputGetsAClearMessageAndExitCodeTwo() throws Exception {
        Path truncated = shared.resolve("truncated.bin");
        Files.write(truncated, new byte[3073 * 2 + 100]);
        String train = cifarFolder.toString();
        assertBadInput("unknown architecture 'resnet9000'", "evaluate", "--train", train, "--arch", "resnet9000");
        assertBadInput("unknown victim preset 'gpu-fast'", "evaluate", "--train", train, "--preset", "gpu-fast");
        assertBadInput("learning rate must be a positive number, got -0.1", "evaluate", "--train", train, "--lr", "-0.1");
        assertBadInput("learning rate must be a positive number, got NaN", "evaluate", "--train", train, "--lr", "NaN");
        assertBadInput("weight decay", "evaluate", "--train", train, "--weight-decay", "-1");
        assertBadInput("epochs must be a positive number", "evaluate", "--train", train, "--epochs", "0");
        assertBadInput("neither a known name", "evaluate", "--train", shared.resolve("nowhere").toString());
        assertBadInput("truncated.bin", "evaluate", "--train", truncated.toString(), "--test", train);
        assertBadInput("at most one of", "evaluate", "--train", train, "--train-limit", "5", "--train-fraction", "0.5");
        assertBadInput("unknown dataset 'imagenet'", "data", "fetch", "imagenet");
        assertBadInput("schedule", "evaluate", "--train", train, "--schedule", "sawtooth");
    }

    private static void assertBadInput(String expectedMessage, String... args) {
        CliRunner run = CliRunner.run(args);
        assertEquals(2, run.exitCode(), String.join(" ", args) + "\n" + run);
        assertTrue(run.err().contains(expectedMessage), "expected '" + expectedMessage + "' in\n" + run);
        assertFalse(run.err().contains("internal error"), run.toString());
    }

    @Test
    void dataInfoAndConvertRoundTripByteExact() throws Exception {
        Path folder = shared.resolve("as-png");
        CliRunner convert = CliRunner.run("data", "convert", cifarFolder.toString(), "--to", folder.toString(),
                "--format", "image_folder");
        assertEquals(0, convert.exitCode(), convert.toString());
        Path back = shared.resolve("back-to-bin");
        CliRunner again = CliRunner.run("data", "convert", folder.toString(), "--to", back.toString(), "--format",
                "cifar10_binary");
        assertEquals(0, again.exitCode(), again.toString());
        for (String file : List.of("data_batch_1.bin", "test_batch.bin")) {
            assertEquals(-1L, Files.mismatch(cifarFolder.resolve(file), back.resolve(file)), file);
        }
        CliRunner info = CliRunner.run("data", "info", back.toString());
        assertEquals(0, info.exitCode(), info.toString());
        assertTrue(info.out().contains("300 images") && info.out().contains("green"), info.out());
        CliRunner refused = CliRunner.run("data", "convert", folder.toString(), "--to", back.toString(), "--format",
                "cifar10_binary");
        assertEquals(2, refused.exitCode(), refused.toString());
    }

    @Test
    void dataConvertWritesAStratifiedSeededSubsetOfOriginalImages() throws Exception {
        Path subset = shared.resolve("subset-a");
        CliRunner convert = CliRunner.run("data", "convert", cifarFolder.toString(), "--to", subset.toString(),
                "--format", "cifar10_binary", "--train-per-class", "20", "--test-per-class", "5", "--subset-seed", "4");
        assertEquals(0, convert.exitCode(), convert.toString());
        assertTrue(convert.out().contains("60 training and 15 test images"), convert.out());
        ImageDataset full = DatasetLoader.load(cifarFolder).train();
        ImageDataset chosen = DatasetLoader.load(subset).train();
        assertArrayEquals(new int[] {20, 20, 20}, chosen.classCounts());
        // Every chosen image is one of the originals with its own label, in the original order.
        int from = 0;
        for (int i = 0; i < chosen.size(); i++) {
            int match = -1;
            for (int j = from; j < full.size() && match < 0; j++) {
                if (Arrays.equals(chosen.pixels(), i * 3072, (i + 1) * 3072, full.pixels(), j * 3072, (j + 1) * 3072)
                        && chosen.label(i) == full.label(j)) {
                    match = j;
                }
            }
            assertTrue(match >= 0, "subset image " + i + " is not an original image after index " + from);
            from = match + 1;
        }
        Path again = shared.resolve("subset-b");
        CliRunner.run("data", "convert", cifarFolder.toString(), "--to", again.toString(), "--format",
                "cifar10_binary", "--train-per-class", "20", "--test-per-class", "5", "--subset-seed", "4");
        assertEquals(-1L, Files.mismatch(subset.resolve("data_batch_1.bin"), again.resolve("data_batch_1.bin")));
        assertBadInput("--train-per-class must be at least 1", "data", "convert", cifarFolder.toString(), "--to",
                shared.resolve("subset-c").toString(), "--format", "cifar10_binary", "--train-per-class", "0");
        assertBadInput("per class", "data", "convert", cifarFolder.toString(), "--to",
                shared.resolve("subset-d").toString(), "--format", "cifar10_binary", "--train-per-class", "500");
        assertFalse(Files.exists(shared.resolve("subset-d")), "a refused subset must write nothing");
    }

    @Test
    void probeTellsAClassWiseShortcutFromRandomNoise() throws Exception {
        ImageDataset train = colours("train", 300, 1);
        ImageDataset test = colours("test", 100, 2);
        SplittableRandom random = new SplittableRandom(3);
        int[][] patterns = new int[3][3072];
        for (int[] pattern : patterns) {
            for (int k = 0; k < pattern.length; k++) {
                pattern[k] = random.nextBoolean() ? 8 : -8;
            }
        }
        byte[] shortcut = train.pixels().clone();
        byte[] noise = train.pixels().clone();
        for (int i = 0; i < train.size(); i++) {
            for (int k = 0; k < 3072; k++) {
                int clean = train.pixels()[i * 3072 + k] & 0xFF;
                shortcut[i * 3072 + k] = (byte) (clean + patterns[train.label(i)][k]);
                noise[i * 3072 + k] = (byte) (clean + (random.nextBoolean() ? 8 : -8));
            }
        }
        Path shortcutFolder = shared.resolve("probe-shortcut");
        Path noiseFolder = shared.resolve("probe-noise");
        CifarBinaryFormat.writeCifar10Folder(new DatasetPair(new ImageDataset("s", ImageShape.CIFAR, shortcut,
                train.labels(), train.classNames()), test), shortcutFolder, false);
        CifarBinaryFormat.writeCifar10Folder(new DatasetPair(new ImageDataset("n", ImageShape.CIFAR, noise,
                train.labels(), train.classNames()), test), noiseFolder, false);

        CliRunner onShortcut = CliRunner.run("probe", "--clean", cifarFolder.toString(), "--poisoned",
                shortcutFolder.toString());
        assertEquals(0, onShortcut.exitCode(), onShortcut.toString());
        assertTrue(onShortcut.out().contains("300 images: L-inf 8/255"), onShortcut.out());
        assertTrue(onShortcut.out().contains("on 60 held-out images: linear 100.0%, class mean 100.0% (chance 33.3%"),
                onShortcut.out());
        CliRunner onNoise = CliRunner.run("probe", "--clean", cifarFolder.toString(), "--poisoned",
                noiseFolder.toString());
        assertEquals(0, onNoise.exitCode(), onNoise.toString());
        java.util.regex.Matcher linear = java.util.regex.Pattern.compile("linear (\\d+\\.\\d)%").matcher(onNoise.out());
        assertTrue(linear.find(), onNoise.out());
        assertTrue(Double.parseDouble(linear.group(1)) < 60, "random noise is not a shortcut: " + onNoise.out());
        assertBadInput("cannot compare", "probe", "--clean", cifarFolder.toString(), "--poisoned",
                tinyOther().toString());

        // --game: the cpu game's split of these 300 images (half of them, a tenth of that held out).
        Path gameRun = Files.createDirectories(shared.resolve("probe-game-run"));
        String cpuGame = new String(getClass().getResourceAsStream("/ai/gue/presets/game/cpu.yaml").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(cpuGame.contains("dataFraction: 1.0"), cpuGame);
        Files.writeString(gameRun.resolve("game-config.yaml"), cpuGame.replace("dataFraction: 1.0",
                "dataFraction: 0.5"));
        CliRunner seenUnseen = CliRunner.run("probe", "--clean", cifarFolder.toString(), "--poisoned",
                shortcutFolder.toString(), "--game", gameRun.toString());
        assertEquals(0, seenUnseen.exitCode(), seenUnseen.toString());
        assertTrue(seenUnseen.out().contains("the game trained on 134 of the 300 images; classifiers fitted on 107"),
                seenUnseen.out());
        assertTrue(seenUnseen.out().contains("seen by the generator:   perturbation separability on 27 held-out images: "
                + "linear 100.0%"), seenUnseen.out());
        assertTrue(seenUnseen.out().contains("unseen by the generator: perturbation separability on 166 held-out "
                + "images: linear 100.0%"), seenUnseen.out());
        assertBadInput("has neither game-config.yaml nor run-config.yaml", "probe", "--clean", cifarFolder.toString(),
                "--poisoned", shortcutFolder.toString(), "--game", shared.toString());
    }

    @Test
    void attackWritesEachBaselineWithinItsBudgetAndRecordsIt() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (String attack : List.of("lsp", "ops", "noise-sign")) {
            Path out = shared.resolve("attack-" + attack);
            CliRunner run = CliRunner.run("attack", attack, "--input", cifarFolder.toString(), "--out", out.toString(),
                    "--seed", "4", "--visualize");
            assertEquals(0, run.exitCode(), run.toString());
            JsonNode manifest = json.readTree(out.resolve("poison-manifest.json").toFile());
            assertEquals(attack, manifest.get("attack").asText());
            double radius = manifest.get("budgetRadius").asDouble();
            assertTrue(manifest.get("largestStoredNorm").asDouble() <= radius + 1e-12, manifest.toString());
            assertTrue(Files.size(out.resolve("perturbations.png")) > 0);
            java.util.regex.Matcher linear = java.util.regex.Pattern.compile("linear (\\d+\\.\\d)%").matcher(run.out());
            assertTrue(linear.find(), run.out());
            double separability = Double.parseDouble(linear.group(1));
            switch (attack) {
                case "lsp" -> {
                    assertEquals("l2", manifest.get("budgetNorm").asText());
                    assertEquals(100.0, separability, "class-wise patterns are a linear shortcut: " + run.out());
                }
                case "ops" -> {
                    assertEquals("l0", manifest.get("budgetNorm").asText());
                    assertEquals(1.0, manifest.get("largestStoredNorm").asDouble());
                    assertTrue(run.out().contains("blue: ("), run.out());
                }
                default -> {
                    assertEquals("linf", manifest.get("budgetNorm").asText());
                    assertTrue(run.out().contains("stored L-inf 8/255"), run.out());
                    assertTrue(separability < 60, "noise is no shortcut: " + run.out());
                }
            }
        }
        // The poison-ratio defense trains on a share of the poisoned images and the clean rest.
        CliRunner partial = CliRunner.run("evaluate", "--train", shared.resolve("attack-lsp").toString(), "--clean",
                cifarFolder.toString(), "--poison-ratio", "0.5", "--epochs", "1", "--width", "0.125", "--batch-size",
                "50", "--no-progress", "--out", shared.resolve("run-partial").toString());
        assertEquals(0, partial.exitCode(), partial.toString());
        assertTrue(partial.out().contains("poison ratio: 50% of the training images poisoned"), partial.out());
        assertBadInput("must hold the same images in the same order", "evaluate", "--train",
                shared.resolve("attack-lsp").toString(), "--clean", tinyOther().toString(), "--poison-ratio", "0.5");
        assertBadInput("unknown attack 'sep'; expected one of noise-sign, noise-uniform, lsp, ops, ar, em, rem, tap, "
                + "deepconfuse", "attack", "sep", "--input", cifarFolder.toString(), "--out",
                shared.resolve("attack-sep").toString());
        assertBadInput("--l2 must be a positive number", "attack", "lsp", "--input", cifarFolder.toString(),
                "--l2", "-1", "--out", shared.resolve("attack-bad").toString());
        assertBadInput("--force", "attack", "lsp", "--input", cifarFolder.toString(),
                "--out", shared.resolve("attack-lsp").toString());
    }

    @Test
    void craftedAttacksRunFromACraftingFileAndRecordIt() throws Exception {
        Path model = shared.resolve("crafting-model.yaml");
        Files.writeString(model, """
                arch: fastnet
                widthMultiplier: 0.125
                epochs: 1
                batchSize: 50
                learningRate: 0.1
                momentum: 0.9
                weightDecay: 5.0e-4
                nesterov: true
                schedule: one-cycle
                milestones: []
                gamma: 0.1
                warmupFraction: 0.25
                labelSmoothing: 0.0
                augmentation: {cropPadding: 0, horizontalFlip: false}
                seed: 0
                evalBatchSize: 100
                """);
        Path crafting = shared.resolve("crafting.yaml");
        Files.writeString(crafting, """
                model: crafting-model.yaml
                em: {trainSteps: 2, pgdSteps: 2, stepLevels: 2.0, learningRate: 0.1, stopAccuracy: 0.99, maxRounds: 2,
                     adversarialLevels: 0, adversarialSteps: 0}
                rem: {trainSteps: 2, pgdSteps: 2, stepLevels: 2.0, learningRate: 0.1, stopAccuracy: 0.99, maxRounds: 1,
                      adversarialLevels: 4, adversarialSteps: 1}
                tap: {pgdSteps: 2, stepLevels: 2.0, targetShift: 1}
                deepconfuse: {generatorWidth: 2, trainingShare: 0.5, rounds: 2, classifierEpochs: 1,
                              classifierLearningRate: 0.01, generatorLearningRate: 1.0e-4, finiteDifferenceRadius: 0.01}
                """);
        ObjectMapper json = new ObjectMapper();
        for (String attack : List.of("em", "rem", "tap", "deepconfuse")) {
            Path out = shared.resolve("attack-" + attack);
            CliRunner run = CliRunner.run("attack", attack, "--input", cifarFolder.toString(), "--out", out.toString(),
                    "--crafting", crafting.toString(), "--probe-images", "0");
            assertEquals(0, run.exitCode(), run.toString());
            JsonNode manifest = json.readTree(out.resolve("poison-manifest.json").toFile());
            assertEquals(attack, manifest.get("attack").asText());
            assertEquals("linf", manifest.get("budgetNorm").asText());
            assertTrue(manifest.get("largestStoredNorm").asDouble() <= manifest.get("budgetRadius").asDouble() + 1e-12);
            assertEquals(2, manifest.get("crafting").get(attack).get(attack.equals("deepconfuse") ? "rounds" : "pgdSteps")
                    .asInt(), manifest.toString());
            assertEquals(0.125, manifest.get("crafting").get("model").get("widthMultiplier").asDouble());
            String progress = switch (attack) {
                case "tap" -> "TAP PGD (images): 300/300";
                case "deepconfuse" -> "DeepConfuse poisoning (images): 300/300";
                default -> "  round 1: crafting model"; // em and rem share the rounds
            };
            assertTrue(run.out().contains(progress), run.out());
        }
        assertBadInput("unknown crafting preset 'gpu'", "attack", "em", "--input", cifarFolder.toString(),
                "--crafting", "gpu", "--out", shared.resolve("attack-em-bad").toString());
    }

    /** A CIFAR folder with fewer training images than the tiny dataset. */
    private static Path tinyOther() throws Exception {
        Path folder = shared.resolve("probe-other");
        if (!Files.isDirectory(folder)) {
            CifarBinaryFormat.writeCifar10Folder(new DatasetPair(colours("train", 30, 5), colours("test", 10, 6)),
                    folder, false);
        }
        return folder;
    }
}
