package ai.gue.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.gue.config.Presets;
import ai.gue.data.CifarBinaryFormat;
import ai.gue.data.DatasetPair;
import ai.gue.game.GameTrainer;
import ai.gue.game.GeneratorProvenance;
import ai.gue.pipeline.EfficacyCurve;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train-generator --keep-every} then {@code gue curve} on a tiny CIFAR-shaped dataset with tiny networks. */
class CurveCommandTest {

    @Test
    void curveMeasuresEveryKeptGeneratorPerSeedAndReusesFinishedVictims(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("tiny-cifar");
        CifarBinaryFormat.writeCifar10Folder(new DatasetPair(CliTest.colours("train", 96, 1),
                CliTest.colours("test", 30, 2)), data, false);
        Files.writeString(dir.resolve("game.yaml"), Presets.toYaml(RunCommandTest.tinyGame()));
        Files.writeString(dir.resolve("victim.yaml"), Presets.toYaml(RunCommandTest.tinyVictim(1)));
        Path game = dir.resolve("game");
        CliRunner trained = CliRunner.run("train-generator", "--game-preset", dir.resolve("game.yaml").toString(),
                "--game-epochs", "2", "--keep-every", "1", "--train", data.toString(), "-o", game.toString(),
                "--no-progress");
        assertEquals(0, trained.exitCode(), trained.toString());
        Path first = GameTrainer.keptGenerator(game, 1);
        Path second = GameTrainer.keptGenerator(game, 2);
        GeneratorProvenance early = GeneratorProvenance.read(first).orElseThrow();
        GeneratorProvenance late = GeneratorProvenance.read(second).orElseThrow();
        assertEquals(78, early.gameImages(), "96 images, a fifth held out for selection");
        assertEquals(2 * early.stepsDone(), late.stepsDone());

        Path curve = dir.resolve("curve");
        List<String> command = List.of("curve", "late=" + second, first.toString(), "--train", data.toString(),
                "--preset", dir.resolve("victim.yaml").toString(), "--seeds", "0,1", "-o", curve.toString(),
                "--no-progress");
        CliRunner run = CliRunner.run(command.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.toString());
        List<String> rows = Files.readAllLines(curve.resolve(EfficacyCurve.CSV_FILE));
        assertEquals(1 + 2 + 2 * 2, rows.size(), "header, clean x 2 seeds, 2 generators x 2 seeds:\n" + rows);
        assertTrue(rows.get(1).startsWith("clean,,,0,0,0,0,") && rows.get(2).startsWith("clean,,,0,0,0,1,"), rows.toString());
        // sorted by game steps whatever the order given; each row says which generator and how far its game had come
        for (int row = 3; row <= 6; row++) {
            String[] cells = rows.get(row).split(",");
            GeneratorProvenance expected = row <= 4 ? early : late;
            assertEquals(row <= 4 ? "generator trained on 78 images" : "late", cells[1], "series: " + rows.get(row));
            assertEquals(String.valueOf(expected.stepsDone()), cells[4], rows.get(row));
            assertEquals("78", cells[5], rows.get(row));
            assertEquals(String.valueOf((row - 3) % 2), cells[6], "seed column");
            int maxDelta = Integer.parseInt(cells[9]);
            assertTrue(maxDelta > 0 && maxDelta <= 8, "stored L-inf within 8/255: " + rows.get(row));
            double accuracy = Double.parseDouble(cells[7]);
            assertTrue(accuracy >= 0 && accuracy <= 1, rows.get(row));
        }
        BufferedImage png = ImageIO.read(curve.resolve(EfficacyCurve.PNG_FILE).toFile());
        assertEquals(800, png.getWidth());
        assertEquals(500, png.getHeight());
        String table = Files.readString(curve.resolve(EfficacyCurve.REPORT_FILE));
        assertTrue(table.contains("| none (clean training set) | - | - | - | - | ") && table.contains(" ± "), table);

        // Extending with a third seed reuses the six finished victims and trains three.
        List<String> extended = new java.util.ArrayList<>(command);
        extended.set(extended.indexOf("0,1"), "0,1,2");
        CliRunner more = CliRunner.run(extended.toArray(String[]::new));
        assertEquals(0, more.exitCode(), more.toString());
        assertEquals(6, more.out().split("finished earlier, reused", -1).length - 1, more.out());
        assertEquals(1 + 3 + 2 * 3, Files.readAllLines(curve.resolve(EfficacyCurve.CSV_FILE)).size());
        assertEquals(rows.get(3), Files.readAllLines(curve.resolve(EfficacyCurve.CSV_FILE)).get(4),
                "a reused victim reports the same numbers");

        // Rerunning with finished victims does not even poison again (poisoned.json records the poisoned digest).
        CliRunner again = CliRunner.run(command.toArray(String[]::new));
        assertEquals(0, again.exitCode(), again.toString());
        assertEquals(6, again.out().split("finished earlier, reused", -1).length - 1, again.out());
        assertTrue(!again.out().contains("poisoning "), again.out());
        assertTrue(more.out().contains("poisoning "), "the third seed needed the poisoned sets: " + more.out());

        // A checkpoint saved without provenance.json (older gue): steps from state.json, game images from its config.
        Path legacy = dir.resolve("legacy");
        copy(game.resolve(GameTrainer.CHECKPOINT), legacy);
        Files.delete(legacy.resolve(GeneratorProvenance.FILE));
        CliRunner fromState = CliRunner.run("curve", legacy.toString(), "--no-clean", "--train", data.toString(),
                "--preset", dir.resolve("victim.yaml").toString(), "-o", dir.resolve("legacy-curve").toString(),
                "--no-progress");
        assertEquals(0, fromState.exitCode(), fromState.toString());
        String[] legacyRow = Files.readAllLines(dir.resolve("legacy-curve").resolve(EfficacyCurve.CSV_FILE)).get(1)
                .split(",");
        assertEquals(List.of("2", String.valueOf(late.stepsDone()), "78"), List.of(legacyRow[3], legacyRow[4], legacyRow[5]));

        // Refused: the same generator twice, and a folder that cannot say how many steps made it.
        CliRunner twice = CliRunner.run("curve", legacy.toString(), second.toString(), "--train", data.toString(),
                "-o", dir.resolve("twice").toString());
        assertEquals(2, twice.exitCode(), twice.toString());
        assertTrue(twice.err().contains("the same generator is given twice"), twice.err());
        Files.delete(legacy.resolve("state.json"));
        CliRunner unknown = CliRunner.run("curve", legacy.toString(), "--train", data.toString(),
                "-o", dir.resolve("unknown").toString());
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("cannot tell how many game steps"), unknown.err());
    }

    private static void copy(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
