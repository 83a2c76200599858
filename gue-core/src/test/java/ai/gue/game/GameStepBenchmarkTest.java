package ai.gue.game;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.gue.config.Presets;
import ai.gue.data.ImageDataset;
import ai.gue.data.ImageShape;
import ai.gue.train.Augmentation;
import ai.gue.train.BatchSampler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The game time that {@code gue bench --game-preset} projects rests on the steps per epoch it counts. */
class GameStepBenchmarkTest {

    private static final int CIFAR_TRAINING_IMAGES = 50_000;

    /** CIFAR-10's training labels (5,000 per class, in no class order), with one-pixel images. */
    private static ImageDataset cifarSizedLabels() {
        int[] labels = IntStream.range(0, CIFAR_TRAINING_IMAGES).map(i -> (i * 7) % 10).toArray();
        List<String> classes = IntStream.range(0, 10).mapToObj(Integer::toString).toList();
        return new ImageDataset("labels", new ImageShape(1, 1, 1), new byte[CIFAR_TRAINING_IMAGES], labels, classes);
    }

    @Test
    void stepsPerEpochCountsTheBatchesTheGamePlaysOnCifarSizedData() throws Exception {
        List<GameConfig> games = new ArrayList<>();
        for (String name : List.of("cpu-long", "cpu-adversarial", "paper")) {
            games.add(Presets.game(name));
        }
        games.add(experimentGame("exp2-game.yaml")); // a tenth of the data: a fractional share, then the split
        ImageDataset train = cifarSizedLabels();
        for (GameConfig game : games) {
            GameData data = GameData.prepare(train, game);
            int played = new BatchSampler(data.gameImages(), game.batchSize(), Augmentation.NONE, true)
                    .batchesPerEpoch();
            assertEquals(played, GameStepBenchmark.stepsPerEpoch(game, CIFAR_TRAINING_IMAGES),
                    game.dataFraction() + " of the data, batch " + game.batchSize());
        }
        assertEquals(352, GameStepBenchmark.stepsPerEpoch(Presets.game("cpu-long"), CIFAR_TRAINING_IMAGES),
                "the cpu-long game's logged epoch: 352 steps on 45,000 images");
    }

    private static GameConfig experimentGame(String file) {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(root.resolve("docs/experiments")) && root.getParent() != null) {
            root = root.getParent(); // Maven runs from the module folder: the repository is above
        }
        return Presets.game(root.resolve("docs/experiments").resolve(file).toString());
    }
}
