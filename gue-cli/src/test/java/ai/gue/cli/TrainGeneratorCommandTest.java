package ai.gue.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.gue.config.Presets;
import ai.gue.data.CifarBinaryFormat;
import ai.gue.data.DatasetPair;
import ai.gue.game.GameTrainer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train-generator --resume} with a learning-rate decay added after the checkpoint (a branch of the game),
 * {@code --checkpoint-minutes} (checkpoints inside an epoch), and {@code --warm-start}.
 */
class TrainGeneratorCommandTest {

    /** A tiny CIFAR-10 folder (64 training images) in {@code dir}. */
    static Path tinyCifar(Path dir) throws Exception {
        Path data = dir.resolve("tiny-cifar");
        CifarBinaryFormat.writeCifar10Folder(new DatasetPair(CliTest.colours("train", 64, 1),
                CliTest.colours("test", 20, 2)), data, false);
        return data;
    }

    /** The tiny game as a preset file in {@code dir}. */
    static Path tinyGamePreset(Path dir) throws Exception {
        Path preset = dir.resolve("game.yaml");
        Files.writeString(preset, Presets.toYaml(RunCommandTest.tinyGame()));
        return preset;
    }

    @Test
    void aResumeCanAddALateDecayFromTheCommandLineButNotRewriteAPlayedEpoch(@TempDir Path dir) throws Exception {
        Path data = tinyCifar(dir);
        Path preset = tinyGamePreset(dir);
        Path game = dir.resolve("game");
        String[] firstEpoch = {"train-generator", "--game-preset", preset.toString(), "--game-epochs", "1",
                "--select-every", "0", "--train", data.toString(), "-o", game.toString(), "--no-progress"};
        CliRunner played = CliRunner.run(firstEpoch);
        assertEquals(0, played.exitCode(), played.toString());

        CliRunner branched = CliRunner.run("train-generator", "--game-preset", preset.toString(), "--game-epochs", "2",
                "--select-every", "0", "--game-milestones", "1", "--game-gamma", "0.5", "--resume",
                "--train", data.toString(), "-o", game.toString(), "--no-progress");
        assertEquals(0, branched.exitCode(), branched.toString());
        JsonNode config = new ObjectMapper().readTree(
                game.resolve(GameTrainer.CHECKPOINT).resolve("state.json").toFile()).get("config");
        assertEquals("[1]", config.get("learningRateMilestones").toString(), config.toString());
        assertEquals(0.5, config.get("learningRateGamma").asDouble());

        CliRunner rewrite = CliRunner.run("train-generator", "--game-preset", preset.toString(), "--game-epochs", "3",
                "--select-every", "0", "--resume", "--train", data.toString(), "-o", game.toString(), "--no-progress");
        assertNotEquals(0, rewrite.exitCode(), "dropping the milestone would rewrite the played epoch 2");
        assertTrue(rewrite.err().contains("schedule differs in epoch 2, already played"), rewrite.toString());
    }

    @Test
    void checkpointMinutesWritesCheckpointsInsideAnEpochAndRefusesANegativeInterval(@TempDir Path dir)
            throws Exception {
        Path data = tinyCifar(dir);
        Path preset = tinyGamePreset(dir);
        // 0.00001 minutes (0.6 ms) is shorter than any step: a checkpoint after every step but the epoch's last.
        CliRunner often = CliRunner.run("train-generator", "--game-preset", preset.toString(), "--game-epochs", "1",
                "--select-every", "0", "--checkpoint-minutes", "0.00001", "--train", data.toString(),
                "-o", dir.resolve("often").toString(), "--no-progress");
        assertEquals(0, often.exitCode(), often.toString());
        assertTrue(often.out().contains("checkpoint after step 1 of epoch 1 written"), often.toString());
        CliRunner never = CliRunner.run("train-generator", "--game-preset", preset.toString(), "--game-epochs", "1",
                "--select-every", "0", "--checkpoint-minutes", "0", "--train", data.toString(),
                "-o", dir.resolve("never").toString(), "--no-progress");
        assertEquals(0, never.exitCode(), never.toString());
        assertTrue(!never.out().contains("checkpoint after step") && never.out().contains("checkpoint after epoch 1"),
                never.toString());
        CliRunner negative = CliRunner.run("train-generator", "--game-preset", preset.toString(),
                "--checkpoint-minutes", "-1", "--train", data.toString(), "-o", dir.resolve("negative").toString());
        assertNotEquals(0, negative.exitCode());
        assertTrue(negative.err().contains("--checkpoint-minutes must be 0 or more, got -1.0"), negative.toString());
    }

    @Test
    void warmStartNamesTheStartingGeneratorInTheLogAndTheManifest(@TempDir Path dir) throws Exception {
        Path data = tinyCifar(dir);
        Path preset = tinyGamePreset(dir);
        Path first = dir.resolve("first");
        CliRunner played = CliRunner.run("train-generator", "--game-preset", preset.toString(), "--game-epochs", "1",
                "--select-every", "0", "--train", data.toString(), "-o", first.toString(), "--no-progress");
        assertEquals(0, played.exitCode(), played.toString());
        Path source = first.resolve(GameTrainer.CHECKPOINT);
        String digest = ai.gue.attack.GeneratorCheckpoint.paramsSha256(source);

        Path warm = dir.resolve("warm");
        CliRunner started = CliRunner.run("train-generator", "--game-preset", preset.toString(), "--game-epochs", "1",
                "--select-every", "0", "--warm-start", source.toString(), "--train", data.toString(),
                "-o", warm.toString(), "--no-progress");
        assertEquals(0, started.exitCode(), started.toString());
        assertTrue(started.out().contains("warm start: generator " + source + " (epoch 1, "), started.toString());
        JsonNode inputs = new ObjectMapper().readTree(warm.resolve("manifest.json").toFile()).get("inputs");
        assertEquals(digest, inputs.get("warm-start:" + source).asText(), inputs.toString());
        JsonNode state = new ObjectMapper().readTree(warm.resolve(GameTrainer.CHECKPOINT).resolve("state.json").toFile());
        assertEquals(digest, state.get("warmStart").get("paramsSha256").asText());

        CliRunner notAGenerator = CliRunner.run("train-generator", "--game-preset", preset.toString(),
                "--warm-start", dir.toString(), "--train", data.toString(), "-o", dir.resolve("bad").toString());
        assertNotEquals(0, notAGenerator.exitCode());
        assertTrue(notAGenerator.err().contains("is not a generator folder"), notAGenerator.toString());
    }
}
