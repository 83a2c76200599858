package ai.gue.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.gue.attack.StoredPoison;
import ai.gue.data.CifarBinaryFormat;
import ai.gue.data.DatasetLoader;
import ai.gue.data.DatasetPair;
import ai.gue.data.ImageDataset;
import ai.gue.data.ImageShape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny grid end to end on synthetic images: every cell trains once, a second run trains nothing,
 * a deleted result is retrained alone, and results of another configuration are refused.
 */
class CompareRunnerTest {

    @TempDir
    static Path shared;
    static Path dataset;
    static Path victimFolder;

    @BeforeAll
    static void writeTinyDataset() throws Exception {
        dataset = shared.resolve("tiny");
        CifarBinaryFormat.writeCifar10Folder(new DatasetPair(colours("train", 90, 1), colours("test", 30, 2)), dataset,
                false);
        victimFolder = Path.of(CompareRunnerTest.class.getResource("/ai/gue/compare/tiny-victim.yaml").toURI())
                .getParent();
    }

    /** 3 classes told apart by their brightest channel. */
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

    static Experiment experiment(String victimOverrides) {
        return ExperimentParser.parse(("""
                name: resume
                dataset: %s
                attacks: [clean, noise-sign]
                victims: [{preset: tiny-victim.yaml%s}]
                defenses: [none, grayscale]
                seeds: [0]
                """).formatted(dataset, victimOverrides).getBytes(StandardCharsets.UTF_8), "resume.yaml",
                victimFolder);
    }

    /** Counts what the grid did. */
    static class Counter implements CompareListener {
        final List<CellKey> started = new ArrayList<>();
        final List<String> poisoned = new ArrayList<>();
        int reports;

        @Override
        public void onPoisoning(AttackSpec attack) {
            poisoned.add(attack.name());
        }

        @Override
        public void onCellStart(CellKey cell, int index, int running) {
            started.add(cell);
        }

        @Override
        public void onReport(Path markdown, Path html) {
            reports++;
        }
    }

    static CompareRunner.DatasetSource loader() {
        return spec -> DatasetLoader.load(Path.of(spec));
    }

    @Test
    void aResumedGridRetrainsOnlyWhatIsMissing() throws Exception {
        Path out = shared.resolve("grid");
        Experiment e = experiment("");
        Counter first = new Counter();
        List<CellResult> ran = new CompareRunner(e, out, false).run(loader(), first);
        assertEquals(e.cells(), first.started, "every cell once, in plan order");
        assertEquals(List.of("noise-sign"), first.poisoned, "one poison for the row's two cells; none for clean");
        assertEquals(4, first.reports, "the report is rewritten after every cell");
        assertTrue(ran.stream().allMatch(r -> r.outcome() == CellOutcome.DONE), ran.toString());
        for (CellResult r : ran) {
            assertEquals(1, r.testAccuracies().size(), "one epoch");
            assertTrue(r.testAccuracy() >= 0 && r.testAccuracy() <= 1);
            assertEquals(90, r.trainImages());
            assertEquals(30, r.testImages());
            assertTrue(r.imagesPerSecond() > 0 && r.seconds() > 0);
        }
        assertTrue(Files.isRegularFile(out.resolve("poisons/noise-sign").resolve(StoredPoison.MANIFEST)));
        assertTrue(Files.isRegularFile(out.resolve("poisons/noise-sign/perturbations.png")));
        Map<CellKey, FileTime> written = new HashMap<>();
        for (CellKey cell : e.cells()) {
            Path result = cell.folder(out).resolve(CompareRunner.RESULT);
            written.put(cell, Files.getLastModifiedTime(result));
            JsonNode stored = new ObjectMapper().readTree(result.toFile());
            assertEquals(cell.attack(), stored.get("config").get("attack").get("name").asText());
            assertTrue(Files.isRegularFile(cell.folder(out).resolve("victim/epochs.csv")));
        }
        String report = Files.readString(out.resolve(CompareRunner.REPORT_MARKDOWN));
        assertTrue(report.contains("4 of 4 cells done"), report);
        assertTrue(report.contains("| attack | none | grayscale |"), report);
        assertTrue(report.contains("![clean, poisoned and amplified perturbation, attack noise-sign]"
                + "(poisons/noise-sign/perturbations.png)"), report);
        assertTrue(Files.isRegularFile(out.resolve("figures/accuracy-clean.png")));
        assertEquals(1 + 4, Files.readAllLines(out.resolve(CompareRunner.CELLS_CSV)).size());
        String html = Files.readString(out.resolve(CompareRunner.REPORT_HTML));
        assertEquals(3, html.split("data:image/png;base64,", -1).length - 1, "two accuracy plots, one gallery");

        Counter second = new Counter();
        assertTrue(new CompareRunner(e, out, false).run(loader(), second).isEmpty());
        assertTrue(second.started.isEmpty(), "nothing is retrained: " + second.started);
        assertTrue(second.poisoned.isEmpty(), "the stored poison is reused");
        for (CellKey cell : e.cells()) {
            assertEquals(written.get(cell), Files.getLastModifiedTime(cell.folder(out).resolve(CompareRunner.RESULT)));
        }
        assertEquals(1, second.reports, "the report is still rewritten");

        CellKey deleted = e.cells().get(3);
        Files.delete(deleted.folder(out).resolve(CompareRunner.RESULT));
        assertEquals(CellStatus.PENDING, new CompareRunner(e, out, false).plan().get(3).status());
        Counter third = new Counter();
        new CompareRunner(e, out, false).run(loader(), third);
        assertEquals(List.of(deleted), third.started, "only the deleted cell");
        assertTrue(third.poisoned.isEmpty());
    }

    @Test
    void resultsOfAnotherConfigurationAreRefusedUnlessForced() throws Exception {
        Path out = shared.resolve("stale");
        Experiment e = experiment("");
        CellKey cell = e.cells().get(0);
        CellResult fake = new CellResult(cell, CellOutcome.DONE, 0.5, List.of(0.5), 90, 30, 1, 90, null);
        ai.gue.util.RunDirectory.create(cell.folder(out), false).writeJson(CompareRunner.RESULT,
                new CellRecord(CellConfig.of(e, cell), fake));
        assertEquals(CellStatus.DONE, new CompareRunner(e, out, false).plan().get(0).status());

        Experiment changed = experiment(", epochs: 2");
        List<PlannedCell> plan = new CompareRunner(changed, out, false).plan();
        assertEquals(CellStatus.STALE, plan.get(0).status());
        assertEquals(CellStatus.PENDING, plan.get(1).status());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new CompareRunner(changed, out, false).run(loader(), CompareListener.NONE));
        assertTrue(refused.getMessage().contains("1 cell(s)") && refused.getMessage().contains("--force"),
                refused.getMessage());
        assertFalse(Files.exists(out.resolve(CompareRunner.REPORT_MARKDOWN)), "refused before any work");
        try (var channel = java.nio.channels.FileChannel.open(out.resolve(CompareRunner.LOCK));
                var lock = channel.lock(0, Long.MAX_VALUE, true)) {
            IllegalArgumentException busy = assertThrows(IllegalArgumentException.class,
                    () -> new CompareRunner(e, out, false).run(loader(), CompareListener.NONE));
            assertTrue(busy.getMessage().contains("another gue compare is running in"), busy.getMessage());
        }
        assertTrue(CellStatus.STALE.runs(true) && !CellStatus.STALE.runs(false));

        ai.gue.util.RunDirectory.create(cell.folder(out), true).writeJson(CompareRunner.RESULT,
                new CellRecord(CellConfig.of(e, cell), CellResult.failed(cell, "boom", 1)));
        PlannedCell failed = new CompareRunner(e, out, false).plan().get(0);
        assertEquals(CellStatus.FAILED, failed.status(), "a failed result reads back (NaN included) and is retried");
        assertTrue(Double.isNaN(failed.previous().testAccuracy()) && CellStatus.FAILED.runs(false));

        Files.writeString(cell.folder(out).resolve(CompareRunner.RESULT), "{ not json");
        assertEquals(CellStatus.STALE, new CompareRunner(e, out, false).plan().get(0).status(),
                "an unreadable result is neither reused nor silently replaced");
    }

    @Test
    void aGeneratorRowIsPoisonedOnceAndARetrainedGeneratorMakesItsCellsStale() throws Exception {
        Path generator = shared.resolve("generator");
        saveGenerator(generator, false);
        Path out = shared.resolve("generator-grid");
        Experiment e = ExperimentParser.parse(("""
                name: generator
                dataset: %s
                attacks: [{name: gue, generator: %s}]
                victims: [tiny-victim.yaml]
                """).formatted(dataset, generator).getBytes(StandardCharsets.UTF_8), "g.yaml", victimFolder);
        Counter counter = new Counter();
        List<CellResult> ran = new CompareRunner(e, out, false).run(loader(), counter);
        assertEquals(List.of("gue"), counter.poisoned);
        assertEquals(CellOutcome.DONE, ran.get(0).outcome());
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("poisons/gue").resolve(StoredPoison.MANIFEST)
                .toFile());
        assertTrue(manifest.get("storedMaxAbsDelta").asInt() <= 8, "the generator's L∞ 8/255 on the stored bytes");
        assertTrue(manifest.get("storedMaxAbsDelta").asInt() > 0, "an initialised UNet does perturb");
        assertEquals(CellStatus.DONE, new CompareRunner(e, out, false).plan().get(0).status());

        saveGenerator(generator, true);
        assertEquals(CellStatus.STALE, new CompareRunner(e, out, false).plan().get(0).status(),
                "same folder, other parameters: the old result is not this generator's");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new CompareRunner(e, out, false).run(loader(), CompareListener.NONE));
        assertTrue(refused.getMessage().contains("--force"), refused.getMessage());

        Experiment missing = ExperimentParser.parse(("name: m\ndataset: %s\nattacks: [{generator: nowhere}]\n"
                + "victims: [tiny-victim.yaml]\n").formatted(dataset).getBytes(StandardCharsets.UTF_8), "m.yaml",
                victimFolder);
        IllegalArgumentException noGenerator = assertThrows(IllegalArgumentException.class,
                () -> new CompareRunner(missing, shared.resolve("missing"), false).run(loader(), CompareListener.NONE));
        assertTrue(noGenerator.getMessage().contains("is not a readable generator folder"), noGenerator.getMessage());
    }

    /** A game row on the tiny set: 81 game images (9 held out), 3 steps of 27 per epoch, T = 1. */
    static Experiment gameGrid(int epochs, int generatorWidth, String extra) {
        return ExperimentParser.parse(("""
                name: game
                dataset: %s
                attacks:
                  - {kind: gue, followerWidth: 0.125, generatorWidth: %d, batchSize: 27, innerSteps: 1, epochs: %d}
                victims: [tiny-victim.yaml]
                %s
                """).formatted(dataset, generatorWidth, epochs, extra).getBytes(StandardCharsets.UTF_8), "game.yaml",
                victimFolder);
    }

    /** Counts what the grid did, and the epoch each game started from. */
    static final class GameCounter extends Counter {
        final List<Integer> gameStarts = new ArrayList<>();

        @Override
        public ai.gue.game.GameListener gameListener() {
            return new ai.gue.game.GameListener() {
                @Override
                public void onStart(ai.gue.game.GameConfig config, int gameImages, int stepsPerEpoch, int startEpoch,
                        int startStep) {
                    gameStarts.add(startEpoch);
                }
            };
        }
    }

    @Test
    void aGameRowPlaysItsGameOnceAndAGameStoppedMidwayContinuesWhereItStopped() throws Exception {
        Path whole = shared.resolve("game-whole");
        Experiment twoEpochs = gameGrid(2, 2, "");
        GameCounter first = new GameCounter();
        List<CellResult> ran = new CompareRunner(twoEpochs, whole, false).run(loader(), first);
        assertEquals(CellOutcome.DONE, ran.get(0).outcome());
        assertEquals(List.of(1), first.gameStarts, "one game, from its first epoch");
        assertEquals(List.of("gue"), first.poisoned);
        assertEquals(1 + 6, Files.readAllLines(whole.resolve("games/gue/steps.csv")).size(), "2 epochs of 3 steps");
        JsonNode manifest = new ObjectMapper().readTree(whole.resolve("poisons/gue").resolve(StoredPoison.MANIFEST)
                .toFile());
        assertTrue(manifest.get("storedMaxAbsDelta").asInt() <= 8 && manifest.get("storedMaxAbsDelta").asInt() > 0,
                "the game's L∞ 8/255 on the stored bytes: " + manifest);
        assertTrue(manifest.get("description").asText().contains("GUE game played by the grid")
                && manifest.get("description").asText().endsWith(", 6 steps"), manifest.toString());
        GameCounter again = new GameCounter();
        new CompareRunner(twoEpochs, whole, false).run(loader(), again);
        assertTrue(again.gameStarts.isEmpty() && again.poisoned.isEmpty(), "the stored poison is reused, no game");

        // What a kill after the first epoch leaves: a one-epoch checkpoint in games/gue and no poison.
        Path stopped = shared.resolve("game-stopped");
        ai.gue.game.GameConfig oneEpoch = twoEpochs.attack("gue").game().withEpochs(1);
        ImageDataset clean = DatasetLoader.load(dataset).train();
        ai.gue.game.GameData data = ai.gue.game.GameData.prepare(clean, oneEpoch);
        new ai.gue.game.GameTrainer(oneEpoch).train(data.gameImages(), data.validation(),
                stopped.resolve("games/gue"), false, ai.gue.game.GameListener.NONE);
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> new CompareRunner(gameGrid(2, 4, ""), stopped, false).run(loader(), CompareListener.NONE));
        assertTrue(other.getMessage().contains("generatorWidth") && other.getMessage().contains("--force"),
                other.getMessage());
        GameCounter resumed = new GameCounter();
        new CompareRunner(twoEpochs, stopped, false).run(loader(), resumed);
        assertEquals(List.of(2), resumed.gameStarts, "the game continues at its second epoch");
        assertTrue(java.util.Arrays.equals(DatasetLoader.load(whole.resolve("poisons/gue")).train().pixels(),
                DatasetLoader.load(stopped.resolve("poisons/gue")).train().pixels()),
                "stopped and continued, the game poisons byte for byte as played through");

        // Another training set (the first 60 images) makes the game another game: played again, when forced.
        GameCounter fewer = new GameCounter();
        new CompareRunner(gameGrid(2, 2, "trainLimit: 60"), stopped, true).run(loader(), fewer);
        assertEquals(List.of(1), fewer.gameStarts, "replayed from the start on the new training set");
        assertEquals(1 + 4, Files.readAllLines(stopped.resolve("games/gue/steps.csv")).size(),
                "54 game images: 2 epochs of 2 steps");
    }

    /**
     * How a game carried between sessions is branched: a checkpoint of the undecayed game, copied into a
     * grid's game folder, continues as a row whose game has a decay after the checkpoint's epoch.
     */
    @Test
    void aGameRowWithALateDecayContinuesACheckpointOfTheUndecayedGame() throws Exception {
        Path branch = shared.resolve("game-branch");
        ai.gue.game.GameConfig oneEpoch = gameGrid(2, 2, "").attack("gue").game().withEpochs(1);
        ai.gue.game.GameData data = ai.gue.game.GameData.prepare(DatasetLoader.load(dataset).train(), oneEpoch);
        new ai.gue.game.GameTrainer(oneEpoch).train(data.gameImages(), data.validation(),
                branch.resolve("games/gue-decay"), false, ai.gue.game.GameListener.NONE);
        Experiment decayed = ExperimentParser.parse(("""
                name: branch
                dataset: %s
                attacks:
                  - {kind: gue, name: gue-decay, followerWidth: 0.125, generatorWidth: 2, batchSize: 27, innerSteps: 1,
                     epochs: 2, learningRateMilestones: [1], learningRateGamma: 0.1}
                victims: [tiny-victim.yaml]
                """).formatted(dataset).getBytes(StandardCharsets.UTF_8), "branch.yaml", victimFolder);
        GameCounter counter = new GameCounter();
        new CompareRunner(decayed, branch, false).run(loader(), counter);
        assertEquals(List.of(2), counter.gameStarts, "the branch continues at epoch 2, not from the start");
        assertEquals(1 + 6, Files.readAllLines(branch.resolve("games/gue-decay/steps.csv")).size());
    }

    @Test
    void aTestSetOfOtherClassesIsRefusedBeforeAnyCell() throws Exception {
        // A lone batch file carries no class names, so it reads as CIFAR-10's ten, not the grid's three.
        Path other = shared.resolve("lone_batch.bin");
        CifarBinaryFormat.writeCifar10Batch(colours("test", 30, 3), other, false);
        Experiment e = ExperimentParser.parse(("name: t\ndataset: %s\ntest: %s\nattacks: [clean]\n"
                + "victims: [tiny-victim.yaml]\n").formatted(dataset, other).getBytes(StandardCharsets.UTF_8),
                "t.yaml", victimFolder);
        Counter counter = new Counter();
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new CompareRunner(e, shared.resolve("other-grid"), false).run(loader(), counter));
        assertTrue(refused.getMessage().contains("does not match the training set"), refused.getMessage());
        assertTrue(counter.started.isEmpty());
    }

    @Test
    void craftingProgressReachesTheListener() throws Exception {
        // One EM round of one PGD step on the 90 images: only the wiring is under test here.
        Experiment e = ExperimentParser.parse(("name: c\ndataset: %s\n"
                + "attacks: [{kind: em, crafting: {em: {trainSteps: 1, pgdSteps: 1, maxRounds: 1}}}]\n"
                + "victims: [tiny-victim.yaml]\n").formatted(dataset).getBytes(StandardCharsets.UTF_8), "c.yaml",
                victimFolder);
        List<String> phases = new ArrayList<>();
        List<Integer> rounds = new ArrayList<>();
        CompareListener listener = new CompareListener() {
            @Override
            public ai.gue.attack.CraftingListener craftingListener() {
                return new ai.gue.attack.CraftingListener() {
                    @Override
                    public void onProgress(String phase, int done, int total) {
                        phases.add(phase);
                    }

                    @Override
                    public void onRound(int round, double poisonedAccuracy, double seconds) {
                        rounds.add(round);
                    }
                };
            }
        };
        new CompareRunner(e, shared.resolve("crafted"), false).run(loader(), listener);
        assertEquals(List.of(1), rounds, "EM's one round is reported");
        assertFalse(phases.isEmpty(), "crafting phases are reported");
    }

    /** A width-4 UNet with PyTorch's initialisation; {@code shifted} moves one parameter so the bytes differ. */
    private static void saveGenerator(Path folder, boolean shifted) throws Exception {
        try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager()) {
            ai.djl.nn.Block block = ai.gue.model.ModelSpec.generator(4, new ai.djl.ndarray.types.Shape(3, 32, 32))
                    .buildInitialized(manager);
            if (shifted) {
                block.getParameters().get(0).getValue().getArray().addi(1f);
            }
            ai.gue.util.AtomicOutput.writeDirectory(folder, true, temp -> ai.gue.attack.GeneratorCheckpoint.save(
                    new ai.gue.attack.GeneratorPoison(block, ai.gue.attack.Budget.linf(8)), 4, ImageShape.CIFAR, temp));
        }
    }
}
