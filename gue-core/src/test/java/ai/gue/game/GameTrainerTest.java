package ai.gue.game;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.gue.attack.Budget;
import ai.gue.data.ImageDataset;
import ai.gue.data.ImageShape;
import ai.gue.model.CheckpointException;
import ai.gue.model.ClassifierArch;
import ai.gue.model.ModelCheckpoint;
import ai.gue.train.Augmentation;
import ai.gue.train.LrSchedule;
import ai.gue.train.VictimTrainingConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Determinism, resume after a kill, and refused resumes of the game loop, on tiny synthetic data. */
class GameTrainerTest {

    static ImageDataset images(String name, int n, long seed) {
        ImageShape shape = new ImageShape(3, 16, 16);
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[n * shape.pixelCount()];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            for (int k = 0; k < shape.pixelCount(); k++) {
                int channel = k / 256;
                pixels[i * shape.pixelCount() + k] = (byte) ((channel == labels[i] ? 150 : 90) + random.nextInt(-40, 41));
            }
        }
        return new ImageDataset(name, shape, pixels, labels, List.of("r", "g", "b"));
    }

    static GameConfig config(int epochs, int innerSteps, int selectEvery) {
        return config(epochs, innerSteps, selectEvery, GameSetting.STANDARD);
    }

    /**
     * The tiny game; the adversarial setting also gets the authors' generator momentum and weight
     * decay, 2 PGD steps and a learning-rate milestone after epoch 1 (so a resume crosses it).
     */
    static GameConfig config(int epochs, int innerSteps, int selectEvery, GameSetting setting) {
        boolean adversarial = setting == GameSetting.ADVERSARIAL;
        VictimTrainingConfig victim = new VictimTrainingConfig(ClassifierArch.FASTNET, 0.125, 1, 16, 0.05, 0.9, 5e-4,
                false, LrSchedule.CONSTANT, List.of(), 0.1, 0, 0, Augmentation.NONE, 0, 64);
        return new GameConfig(ClassifierArch.FASTNET, 0.125, 2, Budget.linf(8), PayoffKind.MAX_WRONG_CE, 1.5,
                innerSteps, 1e-3, 0.1, 0.01, 16, epochs, 3, GameImplementation.SHARED, 1.0,
                selectEvery > 0 ? 0.2 : 0, selectEvery, victim, setting, 1.0, Budget.linf(4), adversarial ? 2 : 10,
                adversarial ? 0.9 : 0, adversarial ? 5e-4 : 0, GeneratorOptimizerKind.SGD,
                adversarial ? List.of(1) : List.of(), 0.1, Augmentation.NONE);
    }

    static byte[] generatorBytes(Path run) throws Exception {
        return Files.readAllBytes(ModelCheckpoint.paramsPath(run.resolve(GameTrainer.CHECKPOINT), GameTrainer.GENERATOR));
    }

    static byte[] followerBytes(Path run) throws Exception {
        return Files.readAllBytes(ModelCheckpoint.paramsPath(run.resolve(GameTrainer.CHECKPOINT), GameTrainer.FOLLOWER));
    }

    @Test
    void sameSeedGivesByteIdenticalCheckpointsAndResumeContinuesExactly(@TempDir Path dir) throws Exception {
        ImageDataset data = images("game", 48, 1);
        ImageDataset validation = images("validation", 12, 2);
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path killed = dir.resolve("killed");
        GameResult first = new GameTrainer(config(2, 2, 1)).train(data, validation, a, false, GameListener.NONE);
        new GameTrainer(config(2, 2, 1)).train(data, validation, b, false, GameListener.NONE);
        assertEquals(6, first.steps().size(), "2 epochs of 3 batches");
        assertEquals(3, first.selections().size(), "the clean reference, then epochs 1 and 2");
        assertTrue(first.selections().get(0).cleanReference() && !first.selections().get(0).best(),
                "epoch 0 is the victim on clean game images, never kept as a generator");
        assertTrue(Files.readAllLines(a.resolve("selection.csv")).get(1).startsWith("0,"));
        assertTrue(first.selections().stream().skip(1).anyMatch(SelectionResult::best));
        assertTrue(java.util.Arrays.equals(generatorBytes(a), generatorBytes(b)), "same seed, same generator bytes");
        assertTrue(java.util.Arrays.equals(followerBytes(a), followerBytes(b)), "same seed, same follower bytes");

        // A run killed after its first epoch's checkpoint, then resumed to two epochs.
        new GameTrainer(config(1, 2, 1)).train(data, validation, killed, false, GameListener.NONE);
        byte[] afterOneEpoch = generatorBytes(killed);
        assertFalse(java.util.Arrays.equals(afterOneEpoch, generatorBytes(a)), "the generator moved in epoch 2");
        GameResult resumed = new GameTrainer(config(2, 2, 1)).train(data, validation, killed, true, GameListener.NONE);
        assertEquals(6, resumed.steps().size(), "resumed run reports all steps");
        assertTrue(java.util.Arrays.equals(generatorBytes(a), generatorBytes(killed)),
                "resumed generator identical to the uninterrupted one");
        assertTrue(java.util.Arrays.equals(followerBytes(a), followerBytes(killed)));
        assertEquals(Files.readString(a.resolve("selection.csv")).lines().count(),
                Files.readString(killed.resolve("selection.csv")).lines().count());
        assertEquals(Files.readAllLines(a.resolve("steps.csv")).size(), Files.readAllLines(killed.resolve("steps.csv")).size());
        assertTrue(Files.isRegularFile(ModelCheckpoint.paramsPath(a.resolve(GameTrainer.BEST), GameTrainer.GENERATOR)));
    }

    @Test
    void theAdversarialSettingResumesExactlyAcrossAMilestone(@TempDir Path dir) throws Exception {
        ImageDataset data = images("game", 16, 1); // one step per epoch: enough to cross the milestone
        Path whole = dir.resolve("whole");
        Path killed = dir.resolve("killed");
        GameConfig two = config(2, 1, 0, GameSetting.ADVERSARIAL);
        new GameTrainer(two).train(data, data, whole, false, GameListener.NONE);
        Path momentum = whole.resolve(GameTrainer.CHECKPOINT).resolve(GameTrainer.GENERATOR_OPTIMIZER);
        assertTrue(Files.isRegularFile(momentum), "the generator's momentum is checkpointed");

        new GameTrainer(config(1, 1, 0, GameSetting.ADVERSARIAL)).train(data, data, killed, false, GameListener.NONE);
        GameResult resumed = new GameTrainer(two).train(data, data, killed, true, GameListener.NONE);
        assertEquals(2, resumed.steps().size(), "2 epochs of 1 batch");
        assertTrue(java.util.Arrays.equals(generatorBytes(whole), generatorBytes(killed)),
                "resumed generator identical to the uninterrupted one");
        assertTrue(java.util.Arrays.equals(followerBytes(whole), followerBytes(killed)));
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(momentum),
                Files.readAllBytes(killed.resolve(GameTrainer.CHECKPOINT).resolve(GameTrainer.GENERATOR_OPTIMIZER))),
                "same momentum buffers");
        assertEquals(Files.readString(whole.resolve("steps.csv")).lines().map(l -> l.substring(0, l.lastIndexOf(',')))
                .toList(), Files.readString(killed.resolve("steps.csv")).lines()
                .map(l -> l.substring(0, l.lastIndexOf(','))).toList(), "same per-step metrics (timings aside)");

        // Without its momentum file, an adversarial checkpoint cannot be resumed exactly: a clear error.
        Files.delete(momentum);
        CheckpointException missing = assertThrows(CheckpointException.class,
                () -> new GameTrainer(config(3, 1, 0, GameSetting.ADVERSARIAL)).train(data, data, whole, true,
                        GameListener.NONE));
        assertTrue(missing.getMessage().contains(GameTrainer.GENERATOR_OPTIMIZER), missing.getMessage());
    }

    /** A kill right after the mid-epoch checkpoint written after {@code step} of {@code epoch}. */
    static final class KillAfterCheckpoint implements GameListener {
        private final int epoch;
        private final int step;

        KillAfterCheckpoint(int epoch, int step) {
            this.epoch = epoch;
            this.step = step;
        }

        @Override
        public void onMidEpochCheckpoint(int e, int s) {
            if (e == epoch && s == step) {
                throw new IllegalStateException("killed");
            }
        }
    }

    static List<String> metricsWithoutTimings(Path run) throws Exception {
        return Files.readString(run.resolve("steps.csv")).lines().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }

    /**
     * A run killed inside an epoch continues from its mid-epoch checkpoint exactly: in the adversarial setting
     * (the generator's momentum, TRADES's seeded random starts, a milestone after epoch 1) and with selection
     * (whose clean reference is not measured twice). Checkpointing after every step does not change the game.
     */
    @Test
    void aRunKilledInsideAnEpochContinuesExactlyFromItsMidEpochCheckpoint(@TempDir Path dir) throws Exception {
        ImageDataset data = images("game", 48, 1); // 3 batches per epoch
        GameConfig adversarial = config(2, 1, 0, GameSetting.ADVERSARIAL);
        Path whole = dir.resolve("whole");
        new GameTrainer(adversarial, 0, Optional.empty()).train(data, data, whole, false, GameListener.NONE);
        Path killed = dir.resolve("killed");
        GameTrainer everyStep = new GameTrainer(adversarial, 0, Optional.of(Duration.ZERO));
        assertThrows(IllegalStateException.class,
                () -> everyStep.train(data, data, killed, false, new KillAfterCheckpoint(2, 1)));
        GameState saved = new ObjectMapper().readValue(
                killed.resolve(GameTrainer.CHECKPOINT).resolve("state.json").toFile(), GameState.class);
        assertEquals(List.of(1, 4L, 1), List.of(saved.epochsDone(), saved.stepsDone(), saved.batchesIntoEpoch()),
                "epoch 1's 3 steps and the first of epoch 2");
        assertEquals(new GeneratorProvenance(1, 4, 48, 3),
                GeneratorProvenance.read(killed.resolve(GameTrainer.CHECKPOINT)).orElseThrow());
        assertEquals(5, Files.readAllLines(killed.resolve("steps.csv")).size(), "steps.csv goes with the checkpoint");
        List<Integer> starts = new ArrayList<>();
        GameResult resumed = new GameTrainer(adversarial).train(data, data, killed, true, new GameListener() {
            @Override
            public void onStart(GameConfig config, int gameImages, int stepsPerEpoch, int startEpoch, int startStep) {
                starts.addAll(List.of(startEpoch, startStep));
            }
        });
        assertEquals(List.of(2, 2), starts, "the resume starts at epoch 2's second step");
        assertEquals(6, resumed.steps().size());
        assertTrue(java.util.Arrays.equals(generatorBytes(whole), generatorBytes(killed)),
                "resumed generator identical to the uninterrupted one");
        assertTrue(java.util.Arrays.equals(followerBytes(whole), followerBytes(killed)));
        Path momentum = Path.of(GameTrainer.CHECKPOINT, GameTrainer.GENERATOR_OPTIMIZER);
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(whole.resolve(momentum)),
                Files.readAllBytes(killed.resolve(momentum))), "same momentum buffers");
        assertEquals(metricsWithoutTimings(whole), metricsWithoutTimings(killed), "same per-step metrics");

        // With selection: killed inside epoch 1, after the clean reference was measured.
        Path selecting = dir.resolve("selecting");
        new GameTrainer(config(1, 2, 1), 0, Optional.empty()).train(data, images("validation", 12, 2),
                selecting, false, GameListener.NONE);
        Path killedSelecting = dir.resolve("killed-selecting");
        assertThrows(IllegalStateException.class, () -> new GameTrainer(config(1, 2, 1), 0,
                Optional.of(Duration.ZERO)).train(data, images("validation", 12, 2),
                killedSelecting, false, new KillAfterCheckpoint(1, 2)));
        GameResult resumedSelecting = new GameTrainer(config(1, 2, 1)).train(data, images("validation", 12, 2),
                killedSelecting, true, GameListener.NONE);
        assertEquals(2, resumedSelecting.selections().size(), "the clean reference once, then epoch 1");
        assertTrue(java.util.Arrays.equals(generatorBytes(selecting), generatorBytes(killedSelecting)));
        assertEquals(Files.readAllLines(selecting.resolve("selection.csv")).stream().map(l -> l.substring(0,
                l.lastIndexOf(','))).toList(), Files.readAllLines(killedSelecting.resolve("selection.csv")).stream()
                .map(l -> l.substring(0, l.lastIndexOf(','))).toList(), "same selection (timings aside)");
    }

    /**
     * An epoch started is an epoch played for what a resume may change: fewer epochs, or a schedule that differs
     * in the partly played epoch, are refused; a checkpoint of an older gue (no batchesIntoEpoch) is at an
     * epoch's end.
     */
    @Test
    void aPartlyPlayedEpochCountsAsPlayedWhenAResumeChangesTheConfig(@TempDir Path dir) throws Exception {
        ImageDataset data = images("game", 48, 1);
        Path killed = dir.resolve("killed");
        assertThrows(IllegalStateException.class, () -> new GameTrainer(config(3, 1, 0), 0,
                Optional.of(Duration.ZERO)).train(data, data, killed, false,
                new KillAfterCheckpoint(2, 2)));
        assertEquals(Optional.of("it has played 1 epochs and 2 batches of epoch 2, more than the 1 asked for"),
                new GameTrainer(config(1, 1, 0)).resumeConflict(killed));
        assertTrue(new GameTrainer(withSchedule(config(3, 1, 0), List.of(1), 0.1)).resumeConflict(killed).orElseThrow()
                .contains("schedule differs in epoch 2, already played"));
        assertEquals(Optional.empty(),
                new GameTrainer(withSchedule(config(3, 1, 0), List.of(2), 0.1)).resumeConflict(killed),
                "a decay from epoch 3 on is still a branch");

        Path older = dir.resolve("older");
        new GameTrainer(config(1, 1, 0)).train(data, data, older, false, GameListener.NONE);
        Path stateFile = older.resolve(GameTrainer.CHECKPOINT).resolve("state.json");
        ObjectNode state = (ObjectNode)
                new ObjectMapper().readTree(stateFile.toFile());
        assertTrue(state.remove("batchesIntoEpoch") != null);
        new ObjectMapper().writeValue(stateFile.toFile(), state);
        Path whole = dir.resolve("whole");
        new GameTrainer(config(2, 1, 0)).train(data, data, whole, false, GameListener.NONE);
        assertEquals(6, new GameTrainer(config(2, 1, 0)).train(data, data, older, true, GameListener.NONE)
                .steps().size());
        assertTrue(java.util.Arrays.equals(generatorBytes(whole), generatorBytes(older)));
    }

    @Test
    void anAdamGeneratorResumesExactly(@TempDir Path dir) throws Exception {
        ImageDataset data = images("game", 16, 1);
        Path whole = dir.resolve("whole");
        Path killed = dir.resolve("killed");
        new GameTrainer(withAdam(config(2, 1, 0))).train(data, data, whole, false, GameListener.NONE);
        Path state = whole.resolve(GameTrainer.CHECKPOINT).resolve(GameTrainer.GENERATOR_OPTIMIZER);
        assertTrue(Files.isRegularFile(state), "Adam's moments are checkpointed");
        new GameTrainer(withAdam(config(1, 1, 0))).train(data, data, killed, false, GameListener.NONE);
        new GameTrainer(withAdam(config(2, 1, 0))).train(data, data, killed, true, GameListener.NONE);
        assertTrue(java.util.Arrays.equals(generatorBytes(whole), generatorBytes(killed)),
                "resumed generator identical to the uninterrupted one");
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(state),
                Files.readAllBytes(killed.resolve(GameTrainer.CHECKPOINT).resolve(GameTrainer.GENERATOR_OPTIMIZER))),
                "same Adam state");
        // Adam moves the generator differently from the authors' SGD on the same game.
        Path sgd = dir.resolve("sgd");
        new GameTrainer(config(2, 1, 0)).train(data, data, sgd, false, GameListener.NONE);
        assertFalse(java.util.Arrays.equals(generatorBytes(whole), generatorBytes(sgd)));
    }

    /** {@code c} with the generator trained by Adam (learning rate 1e-3). */
    static GameConfig withAdam(GameConfig c) {
        return new GameConfig(c.followerArch(), c.followerWidth(), c.generatorWidth(), c.budget(), c.payoff(), c.eta(),
                c.innerSteps(), c.innerLearningRate(), 1e-3, c.followerLearningRate(), c.batchSize(), c.epochs(),
                c.seed(), c.implementation(), c.dataFraction(), c.validationFraction(), c.selectEveryEpochs(),
                c.selectionVictim(), c.setting(), c.tradesBeta(), c.pgdRadius(), c.pgdSteps(), c.generatorMomentum(),
                c.generatorWeightDecay(), GeneratorOptimizerKind.ADAM, c.learningRateMilestones(),
                c.learningRateGamma(), c.poisonAugmentation());
    }

    @Test
    void resumingWithADifferentConfigIsRefusedNamingTheField(@TempDir Path dir) throws Exception {
        ImageDataset data = images("game", 32, 1);
        Path run = dir.resolve("run");
        new GameTrainer(config(1, 2, 0)).train(data, data, run, false, GameListener.NONE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GameTrainer(config(2, 3, 0)).train(data, data, run, true, GameListener.NONE));
        assertTrue(e.getMessage().contains("innerSteps") && e.getMessage().contains("checkpoint: 2, now: 3"),
                e.getMessage());
        assertEquals(java.util.Optional.of(e.getMessage().substring(e.getMessage().indexOf("field 'innerSteps'"),
                e.getMessage().indexOf(" (a resume"))), new GameTrainer(config(2, 3, 0)).resumeConflict(run),
                "the same reason, for callers that decide themselves");
        assertEquals(java.util.Optional.empty(), new GameTrainer(config(3, 2, 0)).resumeConflict(run),
                "more epochs continue the game");
        assertEquals(java.util.Optional.empty(), new GameTrainer(config(3, 2, 0)).resumeConflict(dir.resolve("none")));

        new GameTrainer(config(2, 2, 0)).train(data, data, run, true, GameListener.NONE);
        IllegalArgumentException fewer = assertThrows(IllegalArgumentException.class,
                () -> new GameTrainer(config(1, 2, 0)).train(data, data, run, true, GameListener.NONE));
        assertTrue(fewer.getMessage().contains("it has played 2 epochs, more than the 1 asked for"),
                "a generator of 2 epochs is not the 1-epoch config's: " + fewer.getMessage());
    }

    /**
     * A decay that starts after the checkpoint is a branch of the played game, not a different game: the
     * schedule depends on the epoch alone, so resuming with it gives exactly the game that had it from
     * the start; a schedule that would have changed an epoch already played is refused.
     */
    @Test
    void aResumeMayAddALateDecayButNotRewriteThePlayedSchedule(@TempDir Path dir) throws Exception {
        ImageDataset data = images("game", 32, 1);
        GameConfig decayAfterOne = withSchedule(config(2, 1, 0), List.of(1), 0.1);
        Path whole = dir.resolve("whole");
        new GameTrainer(decayAfterOne).train(data, data, whole, false, GameListener.NONE);
        Path branched = dir.resolve("branched");
        new GameTrainer(config(1, 1, 0)).train(data, data, branched, false, GameListener.NONE);
        assertEquals(java.util.Optional.empty(), new GameTrainer(decayAfterOne).resumeConflict(branched));
        new GameTrainer(decayAfterOne).train(data, data, branched, true, GameListener.NONE);
        assertTrue(java.util.Arrays.equals(generatorBytes(whole), generatorBytes(branched)),
                "the undecayed epoch 1, then the decayed epoch 2: the game that had the decay from the start");
        Path undecayed = dir.resolve("undecayed");
        new GameTrainer(config(2, 1, 0)).train(data, data, undecayed, false, GameListener.NONE);
        assertFalse(java.util.Arrays.equals(generatorBytes(whole), generatorBytes(undecayed)),
                "the decay changed epoch 2, so the test can tell the schedules apart");

        // Two epochs played without a decay: a milestone after epoch 1 would rewrite epoch 2.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GameTrainer(
                withSchedule(config(3, 1, 0), List.of(1), 0.1)).train(data, data, undecayed, true, GameListener.NONE));
        assertTrue(e.getMessage().contains("schedule differs in epoch 2, already played"), e.getMessage());
        assertEquals(java.util.Optional.empty(),
                new GameTrainer(withSchedule(config(3, 1, 0), List.of(2), 0.5)).resumeConflict(undecayed),
                "a decay after the last played epoch, with any gamma, is a branch");
    }

    /** {@code c} with the generator's and live follower's learning rates times {@code gamma} after each milestone. */
    static GameConfig withSchedule(GameConfig c, List<Integer> milestones, double gamma) {
        return new GameConfig(c.followerArch(), c.followerWidth(), c.generatorWidth(), c.budget(), c.payoff(), c.eta(),
                c.innerSteps(), c.innerLearningRate(), c.generatorLearningRate(), c.followerLearningRate(),
                c.batchSize(), c.epochs(), c.seed(), c.implementation(), c.dataFraction(), c.validationFraction(),
                c.selectEveryEpochs(), c.selectionVictim(), c.setting(), c.tradesBeta(), c.pgdRadius(), c.pgdSteps(),
                c.generatorMomentum(), c.generatorWeightDecay(), c.generatorOptimizer(), milestones, gamma,
                c.poisonAugmentation());
    }

    @Test
    void aCorruptCheckpointIsAClearError(@TempDir Path dir) throws Exception {
        ImageDataset data = images("game", 32, 1);
        Path run = dir.resolve("run");
        new GameTrainer(config(1, 1, 0)).train(data, data, run, false, GameListener.NONE);
        Path params = ModelCheckpoint.paramsPath(run.resolve(GameTrainer.CHECKPOINT), GameTrainer.GENERATOR);
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(params, bytes);
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> new GameTrainer(config(2, 1, 0)).train(data, data, run, true, GameListener.NONE));
        assertTrue(e.getMessage().contains("generator.params"), e.getMessage());
    }

    @Test
    void keptGeneratorsCarryTheirProvenanceAndDoNotChangeTheGame(@TempDir Path dir) throws Exception {
        ImageDataset game = images("game", 48, 21);
        Path plain = dir.resolve("plain");
        Path keeping = dir.resolve("keeping");
        new GameTrainer(config(3, 1, 0)).train(game, images("validation", 6, 2), plain, false,
                GameListener.NONE);
        new GameTrainer(config(3, 1, 0), 2).train(game, images("validation", 6, 2), keeping, false,
                GameListener.NONE);
        assertTrue(java.util.Arrays.equals(generatorBytes(plain), generatorBytes(keeping)),
                "keeping copies must not change the game");
        assertFalse(Files.exists(plain.resolve(GameTrainer.KEPT_GENERATORS)), "nothing kept by default");
        // every 2nd epoch and the last: 2 and 3; 3 batches of 16 per epoch
        assertEquals(List.of("epoch-002", "epoch-003"), Files.list(keeping.resolve(GameTrainer.KEPT_GENERATORS))
                .map(p -> p.getFileName().toString()).sorted().toList());
        assertEquals(new GeneratorProvenance(2, 6, 48, 3),
                GeneratorProvenance.read(GameTrainer.keptGenerator(keeping, 2)).orElseThrow());
        assertEquals(new GeneratorProvenance(3, 9, 48, 3),
                GeneratorProvenance.read(keeping.resolve(GameTrainer.CHECKPOINT)).orElseThrow());
        assertTrue(java.util.Arrays.equals(generatorBytes(keeping), Files.readAllBytes(ModelCheckpoint.paramsPath(
                GameTrainer.keptGenerator(keeping, 3), GameTrainer.GENERATOR))), "the last kept copy is the checkpoint");
        assertFalse(java.util.Arrays.equals(generatorBytes(keeping), Files.readAllBytes(ModelCheckpoint.paramsPath(
                GameTrainer.keptGenerator(keeping, 2), GameTrainer.GENERATOR))), "epoch 2's copy is epoch 2's");
        assertThrows(IllegalArgumentException.class, () -> new GameTrainer(config(1, 1, 0), -1));
    }

    @Test
    void theCropAndFlipGameIsDeterministicAndPlaysADifferentGame(@TempDir Path dir) throws Exception {
        ImageDataset game = images("game", 48, 23);
        GameConfig plain = config(1, 1, 0);
        GameConfig augmented = plain.withPoisonAugmentation(Augmentation.STANDARD);
        for (String run : List.of("a", "b")) {
            new GameTrainer(augmented).train(game, images("validation", 6, 2), dir.resolve(run), false,
                    GameListener.NONE);
        }
        new GameTrainer(plain).train(game, images("validation", 6, 2), dir.resolve("plain"), false, GameListener.NONE);
        assertTrue(java.util.Arrays.equals(generatorBytes(dir.resolve("a")), generatorBytes(dir.resolve("b"))),
                "same seed, same crops, same generator");
        assertFalse(java.util.Arrays.equals(generatorBytes(dir.resolve("a")), generatorBytes(dir.resolve("plain"))),
                "the follower saw other images");
    }

    /**
     * A warm start: the game's generator starts as the given trained generator, bit for bit (not the seeded
     * initialisation), the checkpoint records it, a resume continues exactly without being told again, and a
     * generator that does not fit the game or a resume from another start is refused.
     */
    @Test
    void aWarmStartBeginsFromTheGivenGeneratorAndResumesWithoutBeingToldAgain(@TempDir Path dir) throws Exception {
        ImageDataset data = images("game", 32, 1);
        Path standard = dir.resolve("standard");
        new GameTrainer(config(1, 2, 0)).train(data, data, standard, false, GameListener.NONE);
        Path source = standard.resolve(GameTrainer.CHECKPOINT);
        GameConfig adversarial = config(2, 2, 0, GameSetting.ADVERSARIAL);
        GameTrainer warm = new GameTrainer(adversarial, 0, Optional.empty(), Optional.of(source));

        ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager();
        try (manager) {
            ai.gue.model.ModelSpec spec = GameTrainer.generatorSpec(adversarial, data.shape());
            ai.djl.nn.Block start = warm.warmStartGenerator(source, spec, data.shape(), manager);
            Path copy = dir.resolve("start");
            ModelCheckpoint.save(start, spec, copy, GameTrainer.GENERATOR);
            assertTrue(java.util.Arrays.equals(generatorBytes(standard),
                    Files.readAllBytes(ModelCheckpoint.paramsPath(copy, GameTrainer.GENERATOR))),
                    "the game's generator starts as the given one");
        }

        Path whole = dir.resolve("whole");
        Path cold = dir.resolve("cold");
        warm.train(data, data, whole, false, GameListener.NONE);
        new GameTrainer(adversarial).train(data, data, cold, false, GameListener.NONE);
        assertFalse(java.util.Arrays.equals(generatorBytes(whole), generatorBytes(cold)),
                "a warm start plays another game than the seeded one");
        GameState saved = new ObjectMapper().readValue(
                whole.resolve(GameTrainer.CHECKPOINT).resolve("state.json").toFile(), GameState.class);
        assertEquals(ai.gue.attack.GeneratorCheckpoint.paramsSha256(source), saved.warmStart().paramsSha256());
        assertEquals(1, saved.warmStart().provenance().epochsDone(), "the source's own game had played 1 epoch");
        assertEquals(null, new ObjectMapper().readValue(cold.resolve(GameTrainer.CHECKPOINT).resolve("state.json")
                .toFile(), GameState.class).warmStart());

        Path killed = dir.resolve("killed");
        new GameTrainer(adversarial.withEpochs(1), 0, Optional.empty(), Optional.of(source))
                .train(data, data, killed, false, GameListener.NONE);
        new GameTrainer(adversarial).train(data, data, killed, true, GameListener.NONE);
        assertTrue(java.util.Arrays.equals(generatorBytes(whole), generatorBytes(killed)),
                "resumed without --warm-start, identical to the uninterrupted warm game");
        assertTrue(java.util.Arrays.equals(followerBytes(whole), followerBytes(killed)));

        Path other = cold.resolve(GameTrainer.CHECKPOINT);
        IllegalArgumentException another = assertThrows(IllegalArgumentException.class,
                () -> new GameTrainer(adversarial.withEpochs(3), 0, Optional.empty(), Optional.of(other))
                        .train(data, data, killed, true, GameListener.NONE));
        assertTrue(another.getMessage().contains("started from the generator " + source), another.getMessage());
        IllegalArgumentException seeded = assertThrows(IllegalArgumentException.class,
                () -> new GameTrainer(adversarial.withEpochs(3), 0, Optional.empty(), Optional.of(source))
                        .train(data, data, cold, true, GameListener.NONE));
        assertTrue(seeded.getMessage().contains("started from a seeded generator"), seeded.getMessage());
        assertEquals(Optional.empty(), new GameTrainer(adversarial.withEpochs(3), 0, Optional.empty(),
                Optional.of(source)).resumeConflict(killed), "the same start continues");

        var json = new ObjectMapper();
        for (String[] change : new String[][] {{"generatorWidth", "3", "width 2, the game's has 3"},
                {"budget", "\"4/255\"", "budget is 8/255"}}) {
            ObjectNode tree = json.valueToTree(adversarial);
            tree.set(change[0], json.readTree(change[1]));
            GameConfig unfit = json.treeToValue(tree, GameConfig.class);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new GameTrainer(unfit, 0, Optional.empty(), Optional.of(source))
                            .train(data, data, dir.resolve("unfit-" + change[0]), false, GameListener.NONE));
            assertTrue(e.getMessage().contains(change[2]), e.getMessage());
        }
        IllegalArgumentException notAGenerator = assertThrows(IllegalArgumentException.class,
                () -> new GameTrainer(adversarial, 0, Optional.empty(), Optional.of(dir))
                        .train(data, data, dir.resolve("none"), false, GameListener.NONE));
        assertTrue(notAGenerator.getMessage().contains("is not a generator folder"), notAGenerator.getMessage());
    }

    @Test
    void poisonAugmentationIsCheckedAndAnOlderStateReadsAsNone() throws Exception {
        GameConfig plain = config(1, 1, 0);
        IllegalArgumentException authors = assertThrows(IllegalArgumentException.class,
                () -> withImplementation(plain, GameImplementation.AUTHORS).withPoisonAugmentation(Augmentation.STANDARD));
        assertTrue(authors.getMessage().contains("shared implementation"), authors.getMessage());
        IllegalArgumentException cutout = assertThrows(IllegalArgumentException.class,
                () -> plain.withPoisonAugmentation(new Augmentation(4, true, 8, ai.gue.train.MixingKind.NONE, 1)));
        assertTrue(cutout.getMessage().contains("only crop and flip"), cutout.getMessage());
        // a checkpoint's state.json from before the field existed
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) json.valueToTree(plain);
        tree.remove("poisonAugmentation");
        assertEquals(plain, json.treeToValue(tree, GameConfig.class));
    }

    private static GameConfig withImplementation(GameConfig c, GameImplementation implementation) {
        return new GameConfig(c.followerArch(), c.followerWidth(), c.generatorWidth(), c.budget(), c.payoff(), c.eta(),
                c.innerSteps(), c.innerLearningRate(), c.generatorLearningRate(), c.followerLearningRate(),
                c.batchSize(), c.epochs(), c.seed(), implementation, c.dataFraction(), c.validationFraction(),
                c.selectEveryEpochs(), c.selectionVictim(), c.setting(), c.tradesBeta(), c.pgdRadius(), c.pgdSteps(),
                c.generatorMomentum(), c.generatorWeightDecay(), c.generatorOptimizer(), c.learningRateMilestones(),
                c.learningRateGamma(), c.poisonAugmentation());
    }

    @Test
    void badGameSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> config(1, 0, 0), "T < 1");
        IllegalArgumentException eps = assertThrows(IllegalArgumentException.class, () -> Budget.linf(0));
        assertTrue(eps.getMessage().contains("budget"), eps.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Budget.ofEpsilon(1.5));
        assertThrows(IllegalArgumentException.class, () -> Budget.ofEpsilon(Double.NaN));
        IllegalArgumentException selection = assertThrows(IllegalArgumentException.class,
                () -> new GameConfig(ClassifierArch.FASTNET, 0.125, 2, Budget.linf(8), PayoffKind.MAX_WRONG_CE, 1.5, 1,
                        1e-3, 0.1, 0.01, 16, 1, 3, GameImplementation.SHARED, 1.0, 0, 1,
                        config(1, 1, 0).selectionVictim(), GameSetting.STANDARD, 1.0, Budget.linf(4), 10, 0, 0,
                        GeneratorOptimizerKind.SGD, List.of(), 0.1, Augmentation.NONE));
        assertTrue(selection.getMessage().contains("test set"), selection.getMessage());
    }
}
