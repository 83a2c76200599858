package ai.gue.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.gue.attack.Budget;
import ai.gue.config.Presets;
import ai.gue.data.CifarBinaryFormat;
import ai.gue.data.DatasetLoader;
import ai.gue.data.DatasetPair;
import ai.gue.data.ImageDataset;
import ai.gue.data.LoadedDataset;
import ai.gue.game.GameConfig;
import ai.gue.game.GameImplementation;
import ai.gue.game.GameSetting;
import ai.gue.game.GeneratorOptimizerKind;
import ai.gue.game.PayoffKind;
import ai.gue.model.ClassifierArch;
import ai.gue.train.Augmentation;
import ai.gue.train.LrSchedule;
import ai.gue.train.VictimTrainingConfig;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gue run} end to end on a tiny CIFAR-shaped dataset with tiny networks: seconds, not hours. */
class RunCommandTest {

    static VictimTrainingConfig tinyVictim(int epochs) {
        return new VictimTrainingConfig(ClassifierArch.FASTNET, 0.125, epochs, 16, 0.05, 0.9, 5e-4, false,
                LrSchedule.CONSTANT, List.of(), 0.1, 0, 0, Augmentation.NONE, 0, 64);
    }

    /** A one-epoch game of the smallest networks. */
    static GameConfig tinyGame() {
        return new GameConfig(ClassifierArch.FASTNET, 0.125, 2, Budget.linf(8), PayoffKind.MAX_WRONG_CE, 1.5,
                2, 1e-3, 0.1, 0.01, 16, 1, 3, GameImplementation.SHARED, 1.0, 0.2, 1, tinyVictim(1), GameSetting.STANDARD,
                1.0, Budget.linf(4), 10, 0, 0, GeneratorOptimizerKind.SGD, List.of(), 0.1,
                Augmentation.NONE);
    }

    /** Writes a run preset naming a tiny game and a tiny victim, both as files beside it. */
    static Path tinyPreset(Path dir) throws Exception {
        Files.writeString(dir.resolve("tiny-game.yaml"), Presets.toYaml(tinyGame()));
        Files.writeString(dir.resolve("tiny-victim.yaml"), Presets.toYaml(tinyVictim(2)));
        Path preset = dir.resolve("tiny-run.yaml");
        Files.writeString(preset, "game: tiny-game.yaml\nvictim: tiny-victim.yaml\n");
        return preset;
    }

    @Test
    void runTrainsTheGamePoisonsTrainsThreeVictimsAndWritesTheReport(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("tiny-cifar");
        ImageDataset clean = CliTest.colours("train", 96, 1);
        ImageDataset test = CliTest.colours("test", 30, 2);
        CifarBinaryFormat.writeCifar10Folder(new DatasetPair(clean, test), data, false);
        Path preset = tinyPreset(dir);
        Path out = dir.resolve("run");

        CliRunner run = CliRunner.run("run", "--preset", preset.toString(), "--train", data.toString(), "--out",
                out.toString(), "--no-progress");
        assertEquals(0, run.exitCode(), run.toString());

        for (String file : List.of("run-config.yaml", "manifest.json", "result.json", "report.md", "game/steps.csv",
                "game/checkpoint/state.json", "poisoned/data_batch_1.bin", "poisoned/test_batch.bin",
                "poisoned/poison-manifest.json", "victims/clean/result.json", "victims/gue/epochs.csv",
                "victims/random-noise/result.json")) {
            assertTrue(Files.isRegularFile(out.resolve(file)), file + "\n" + run);
        }
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("| victim | training data | clean test accuracy (%) | epochs | minutes |"), report);
        for (String victim : List.of("clean", "gue", "random-noise")) {
            assertTrue(report.contains("\n| " + victim + " | "), victim + " row missing in\n" + report);
            assertTrue(run.out().contains("\n| " + victim + " | "), "table printed: " + run.out());
        }
        assertTrue(run.out().contains("] game: ") && run.out().contains("victim 3 of 3: random-noise"), run.out());
        // 96 images: 78 played on, 18 held out, none unseen (data fraction 1).
        assertTrue(report.contains("of the 78 the game trained on (the game used every training image"), report);
        assertTrue(Files.isRegularFile(out.resolve("victims/gue/seen-unseen.json")));

        // The stored poisoned set: same labels, clean test split, every byte within 8/255 of the clean one.
        LoadedDataset poisoned = DatasetLoader.load(out.resolve("poisoned"));
        byte[] a = clean.pixels();
        byte[] b = poisoned.train().pixels();
        assertEquals(a.length, b.length);
        int maxDelta = 0;
        for (int k = 0; k < a.length; k++) {
            maxDelta = Math.max(maxDelta, Math.abs((a[k] & 0xFF) - (b[k] & 0xFF)));
        }
        assertTrue(maxDelta <= 8 && maxDelta > 0, "stored L-inf " + maxDelta);
        assertTrue(java.util.Arrays.equals(clean.labels(), poisoned.train().labels()));
        assertTrue(java.util.Arrays.equals(test.pixels(), poisoned.test().orElseThrow().pixels()), "clean test split");

        for (String png : List.of("accuracy.png", "game.png", "perturbations.png")) {
            BufferedImage image = ImageIO.read(out.resolve("figures").resolve(png).toFile());
            assertTrue(image != null && image.getWidth() > 100 && image.getHeight() > 100, png);
            assertTrue(report.contains("(figures/" + png + ")"), png + " linked");
        }

        // gue poison with the selected generator reproduces the run's poisoned bytes, and --visualize draws them.
        Path again = dir.resolve("poisoned-again");
        CliRunner poison = CliRunner.run("poison", "--generator", out.resolve("game/best").toString(), "--input",
                data.toString(), "--out", again.toString(), "--visualize");
        assertEquals(0, poison.exitCode(), poison.toString());
        assertEquals(-1L, Files.mismatch(out.resolve("poisoned/data_batch_1.bin"), again.resolve("data_batch_1.bin")));
        BufferedImage grid = ImageIO.read(again.resolve("perturbations.png").toFile());
        assertTrue(grid != null && grid.getWidth() > 3 * 96, "three classes, 96 pixels wide each");

        CliRunner refused = CliRunner.run("run", "--preset", preset.toString(), "--train", data.toString(), "--out",
                out.toString(), "--no-progress");
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("--force"), refused.err());

        // --resume continues the game from its checkpoint (one more epoch) and redoes the later stages.
        CliRunner resumed = CliRunner.run("run", "--preset", preset.toString(), "--train", data.toString(), "--out",
                out.toString(), "--no-progress", "--resume", "--game-epochs", "2", "--victim-epochs", "1");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        assertTrue(resumed.out().contains("epochs 2..2"), "only epoch 2 is played: " + resumed.out());
        assertEquals(1 + 2 * 5, Files.readAllLines(out.resolve("game/steps.csv")).size(), "header + 2 epochs of 5 steps");
        assertTrue(Files.readString(out.resolve("report.md")).contains("| clean | clean training set |"));
        assertTrue(Files.readString(out.resolve("victims/gue/epochs.csv")).lines().count() == 2, "1 epoch now");
        assertTrue(Files.readString(out.resolve("report.md")).contains("generator used: `game/best`"));

        // Resuming a finished run reuses its victims: same recipe, same bytes.
        CliRunner again2 = CliRunner.run("run", "--preset", preset.toString(), "--train", data.toString(), "--out",
                out.toString(), "--no-progress", "--resume", "--game-epochs", "2", "--victim-epochs", "1");
        assertEquals(0, again2.exitCode(), again2.toString());
        assertEquals(3, again2.out().split("reusing the finished result", -1).length - 1, again2.out());
        assertTrue(Files.readString(out.resolve("report.md")).contains("the game trained on"), "seen/unseen kept");
    }

    @Test
    void badPresetsAreClearErrors(@TempDir Path dir) throws Exception {
        CliRunner unknown = CliRunner.run("run", "--preset", "gpu", "--out", dir.resolve("x").toString());
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("unknown run preset 'gpu'"), unknown.toString());
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "game: cpu\nvictim: nowhere.yaml\n");
        CliRunner missing = CliRunner.run("run", "--preset", broken.toString(), "--out", dir.resolve("y").toString());
        assertEquals(2, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("nowhere.yaml"), missing.toString());
        // An explicit --game-preset wins over the run preset's game.
        CliRunner game = CliRunner.run("run", "--game-preset", dir.resolve("my-game.yaml").toString(), "--train",
                dir.resolve("no-data").toString(), "--out", dir.resolve("z").toString());
        assertEquals(2, game.exitCode(), game.toString());
        assertTrue(game.err().contains("unknown game preset") && game.err().contains("my-game.yaml"), game.toString());
    }

    @Test
    void helpListsRunAndItsOverrides() {
        CliRunner help = CliRunner.run("run", "--help");
        assertEquals(0, help.exitCode(), help.toString());
        for (String option : List.of("--preset", "--game-epochs", "--victim-epochs", "--data-fraction", "--resume",
                "--data-dir", "--noise")) {
            assertTrue(help.out().contains(option), option + "\n" + help.out());
        }
        assertTrue(help.err().isEmpty(), help.err());
        assertTrue(CliRunner.run("--help").out().contains("run"));
    }
}
