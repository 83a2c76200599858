package ai.gue.game;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.gue.attack.DatasetPoisoner;
import ai.gue.attack.GeneratorCheckpoint;
import ai.gue.attack.GeneratorPoison;
import ai.gue.attack.PoisonedDataset;
import ai.gue.data.ImageDataset;
import ai.gue.eval.PerturbationSeparability;
import ai.gue.data.ImageShape;
import ai.gue.model.CheckpointException;
import ai.gue.model.ModelCheckpoint;
import ai.gue.model.ModelSpec;
import ai.gue.model.TensorShapes;
import ai.gue.train.Augmentation;
import ai.gue.train.BatchSampler;
import ai.gue.train.HostBatch;
import ai.gue.train.HostUpload;
import ai.gue.train.VictimResult;
import ai.gue.train.VictimTrainer;
import ai.gue.train.VictimTrainingListener;
import ai.gue.util.AtomicOutput;
import ai.gue.util.SeedTree;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the GUE game for the configured epochs: BOME steps over shuffled mini-batches (no
 * augmentation, both networks in training mode), a checkpoint after every epoch, and every
 * {@code selectEveryEpochs} epochs a fresh victim trained on the poisoned game images and measured
 * on the clean validation images, keeping the generator whose victim does worst.
 *
 * <p>Run folder layout: {@code checkpoint/} (generator, follower, {@code state.json}, and with
 * a stateful generator optimiser {@code generator-optimizer.ndlist}: momentum buffers or Adam's moments), {@code best/}
 * (the selected generator), optionally {@code generators/epoch-NNN/} (kept copies), {@code steps.csv},
 * {@code selection.csv}; every generator folder holds {@code provenance.json}. The checkpoint is also
 * written inside epochs at a set interval (10 minutes by default). With {@code resume}, a run continues
 * from {@code checkpoint/}, at an epoch's end or inside one; every random stream is seeded per epoch
 * and per step, so the continuation is identical to an uninterrupted run. On resume the number of
 * epochs may grow and the learning-rate schedule of the epochs not yet started may change (a late
 * decay branched from a played game). A game may start its generator from a trained one instead of the
 * seeded initialisation ({@link WarmStart}).
 */
public final class GameTrainer {

    /** Checkpoint sub-folder. */
    public static final String CHECKPOINT = "checkpoint";
    /** Selected-generator sub-folder. */
    public static final String BEST = "best";
    /** Checkpoint name of the generator inside a checkpoint folder. */
    public static final String GENERATOR = GeneratorCheckpoint.NAME;
    /** Checkpoint name of the follower. */
    public static final String FOLLOWER = "follower";
    /**
     * File of the generator optimiser's state inside a checkpoint folder (SGD momentum buffers when
     * momentum > 0, Adam's moments and step count; absent for plain SGD).
     */
    public static final String GENERATOR_OPTIMIZER = "generator-optimizer.ndlist";

    /** Non-finite metrics (a diverged step) must survive a checkpoint round trip. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    /** Sub-folder of the kept generators ({@code generators/epoch-NNN/}). */
    public static final String KEPT_GENERATORS = "generators";
    /**
     * Top-level config fields a resume may change; {@link #resumeConflict(GameState, Optional)} checks the schedule's
     * played part.
     */
    private static final Set<String> MAY_CHANGE_ON_RESUME =
            Set.of("epochs", "learningRateMilestones", "learningRateGamma");

    /**
     * How often a game also checkpoints inside an epoch by default: an epoch of the CPU presets takes 6 to
     * 20 minutes on the 2-core machines (docs/benchmarks.md), so a run killed at a session's or a job's
     * time limit loses at most this much; writing a checkpoint takes well under a second.
     */
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofMinutes(10);

    private final GameConfig config;
    private final int keepGeneratorsEvery;
    private final Optional<Duration> checkpointInterval;
    private final Optional<Path> warmStart;

    /** A game that keeps only its last checkpoint and the selected generator. */
    public GameTrainer(GameConfig config) {
        this(config, 0);
    }

    /**
     * A game that also keeps a copy of the generator every {@code keepGeneratorsEvery} epochs (and
     * after the last) in {@code generators/epoch-NNN/}, the inputs of an efficacy curve; 0 keeps none.
     * What is kept does not change the game, so it is not part of {@link GameConfig} and may differ
     * between a run and its resumption. It checkpoints inside epochs every
     * {@link #DEFAULT_CHECKPOINT_INTERVAL}.
     */
    public GameTrainer(GameConfig config, int keepGeneratorsEvery) {
        this(config, keepGeneratorsEvery, Optional.of(DEFAULT_CHECKPOINT_INTERVAL));
    }

    /**
     * As {@link #GameTrainer(GameConfig, int)}, and {@code checkpointInterval}: write the checkpoint also
     * inside an epoch, after the first step that ends at least this long after the last checkpoint was
     * written (or the run started); {@link Duration#ZERO} checkpoints after every step, empty only at
     * epoch ends. A resume from such a checkpoint plays the rest of the epoch exactly as the
     * uninterrupted run (every step's random streams are seeded by its epoch and its place in it), so
     * how often a run checkpoints does not change the game either.
     */
    public GameTrainer(GameConfig config, int keepGeneratorsEvery, Optional<Duration> checkpointInterval) {
        this(config, keepGeneratorsEvery, checkpointInterval, Optional.empty());
    }

    /**
     * As {@link #GameTrainer(GameConfig, int, Optional)}, and a game that starts its generator from the trained
     * generator folder {@code warmStart} instead of the seeded initialisation ({@link WarmStart}; the follower
     * starts from its seeded initialisation either way). It matters only when the game starts: a resumed game
     * continues from its checkpoint, which records what it started from, and a resume given another warm start
     * is refused.
     */
    public GameTrainer(GameConfig config, int keepGeneratorsEvery, Optional<Duration> checkpointInterval,
            Optional<Path> warmStart) {
        if (keepGeneratorsEvery < 0) {
            throw new IllegalArgumentException("keep generators every " + keepGeneratorsEvery + " epochs: must be >= 0");
        }
        if (checkpointInterval.isPresent() && checkpointInterval.get().isNegative()) {
            throw new IllegalArgumentException("checkpoint interval " + checkpointInterval.get() + ": must be >= 0");
        }
        this.config = config;
        this.keepGeneratorsEvery = keepGeneratorsEvery;
        this.checkpointInterval = checkpointInterval;
        this.warmStart = warmStart;
    }

    /** The folder of the generator kept after {@code epoch} in {@code runFolder}. */
    public static Path keptGenerator(Path runFolder, int epoch) {
        return runFolder.resolve(KEPT_GENERATORS).resolve(String.format(java.util.Locale.ROOT, "epoch-%03d", epoch));
    }

    /** The generator spec for images of {@code shape}. */
    public static ModelSpec generatorSpec(GameConfig config, ImageShape shape) {
        return ModelSpec.generator(config.generatorWidth(), TensorShapes.sample(shape));
    }

    /**
     * Plays the game on {@code gameImages}; selection victims are measured on {@code validation}
     * (may be empty when selection is off).
     */
    public GameResult train(ImageDataset gameImages, ImageDataset validation, Path runFolder, boolean resume,
            GameListener listener) throws IOException {
        long started = System.nanoTime();
        ImageShape shape = gameImages.shape();
        int classes = gameImages.classCount();
        Shape sample = TensorShapes.sample(shape);
        ModelSpec generatorSpec = generatorSpec(config, shape);
        ModelSpec followerSpec = ModelSpec.classifier(config.followerArch(), classes, config.followerWidth(), sample);
        SeedTree seeds = new SeedTree(config.seed());
        Path checkpoint = runFolder.resolve(CHECKPOINT);
        Path stateFile = checkpoint.resolve("state.json");
        Files.createDirectories(runFolder);

        Optional<WarmStart> startingGenerator = startingGenerator();
        try (NDManager manager = NDManager.newBaseManager()) {
            Block generator;
            Block follower;
            GameState state;
            if (resume && Files.isRegularFile(stateFile)) {
                state = JSON.readValue(stateFile.toFile(), GameState.class);
                String conflict = resumeConflict(state, startingGenerator);
                if (conflict != null) {
                    throw new IllegalArgumentException("cannot resume from " + stateFile + ": " + conflict
                            + " (a resume may raise 'epochs' and change the learning-rate schedule of epochs not yet "
                            + "played, nothing else; start a new run folder instead)");
                }
                generator = ModelCheckpoint.load(checkpoint, GENERATOR, generatorSpec, manager);
                follower = ModelCheckpoint.load(checkpoint, FOLLOWER, followerSpec, manager);
            } else {
                if (warmStart.isPresent()) {
                    generator = warmStartGenerator(warmStart.get(), generatorSpec, shape, manager);
                } else {
                    Engine.getInstance().setRandomSeed(intSeed(seeds.child("generator-init")));
                    generator = generatorSpec.buildInitialized(manager);
                }
                Engine.getInstance().setRandomSeed(intSeed(seeds.child("follower-init")));
                follower = followerSpec.buildInitialized(manager);
                state = new GameState(config, 0, 0, List.of(), List.of(), 0, startingGenerator.orElse(null));
            }
            WarmStart startedFrom = state.warmStart();
            Block innerFollower = followerSpec.buildInitialized(manager); // overwritten by a copy of θ every step
            GeneratorPoison poison = new GeneratorPoison(generator, config.budget());
            BatchSampler sampler = new BatchSampler(gameImages, config.batchSize(), Augmentation.NONE, true);
            int stepsPerEpoch = sampler.batchesPerEpoch();
            if (state.batchesIntoEpoch() >= stepsPerEpoch) {
                throw new CheckpointException(stateFile, "it has played " + state.batchesIntoEpoch() + " batches into "
                        + "epoch " + (state.epochsDone() + 1) + ", but an epoch of these game images has "
                        + stepsPerEpoch);
            }
            List<GameStepMetrics> steps = new ArrayList<>(state.steps());
            List<SelectionResult> selections = new ArrayList<>(state.selections());
            listener.onStart(config, gameImages.size(), stepsPerEpoch, state.epochsDone() + 1,
                    state.batchesIntoEpoch() + 1);
            long lastCheckpoint = System.nanoTime();

            try (BomeStep bome = new BomeStep(poison, follower, innerFollower, config.hyperParameters(),
                    config.poisonAugmentation(), manager)) {
                if (config.selectEveryEpochs() > 0 && selections.isEmpty()) {
                    SelectionResult reference = select(null, gameImages, validation, manager, seeds, 0, selections);
                    selections.add(reference);
                    listener.onSelection(reference);
                }
                if (state.stepsDone() > 0 && bome.hasGeneratorOptimizerState()) {
                    loadOptimizerState(bome, checkpoint.resolve(GENERATOR_OPTIMIZER), manager);
                }
                HostUpload upload = new HostUpload();
                for (int epoch = state.epochsDone() + 1; epoch <= config.epochs(); epoch++) {
                    int[] order = sampler.order(seeds.child("epoch/" + epoch).child("order").seed());
                    SeedTree stepSeeds = seeds.child("epoch/" + epoch).child("steps");
                    double learningRateScale = config.learningRateScale(epoch);
                    int firstBatch = epoch == state.epochsDone() + 1 ? state.batchesIntoEpoch() : 0;
                    for (int b = firstBatch; b < stepsPerEpoch; b++) {
                        HostBatch batch = sampler.batch(order, b, 0);
                        if (batch.size() < 2) {
                            continue; // BatchNorm cannot use batch statistics of one image
                        }
                        GameStepMetrics metrics;
                        try (NDManager step = manager.newSubManager()) {
                            NDArray images = upload.floats(step, batch.images(),
                                    TensorShapes.batch(batch.size(), shape));
                            NDArray labels = upload.ints(step, batch.labels());
                            metrics = bome.run(step, images, labels, stepSeeds.child(Integer.toString(b)).seed(),
                                    learningRateScale);
                        }
                        steps.add(metrics);
                        listener.onStep(epoch, b + 1, stepsPerEpoch, metrics);
                        if (b + 1 < stepsPerEpoch && checkpointInterval.isPresent()
                                && System.nanoTime() - lastCheckpoint >= checkpointInterval.get().toNanos()) {
                            saveProgress(runFolder, poison, follower, followerSpec, shape, bome, manager,
                                    new GameState(config, epoch - 1, steps.size(), steps, selections, b + 1,
                                            startedFrom),
                                    gameImages.size());
                            lastCheckpoint = System.nanoTime();
                            listener.onMidEpochCheckpoint(epoch, b + 1);
                        }
                    }
                    GeneratorProvenance reached = new GeneratorProvenance(epoch, steps.size(), gameImages.size(),
                            config.seed());
                    if (config.selectEveryEpochs() > 0
                            && (epoch % config.selectEveryEpochs() == 0 || epoch == config.epochs())) {
                        SelectionResult selection = select(poison, gameImages, validation, manager, seeds, epoch,
                                selections);
                        selections.add(selection);
                        if (selection.best()) {
                            Path best = runFolder.resolve(BEST);
                            AtomicOutput.writeDirectory(best, true, temp -> {
                                GeneratorCheckpoint.save(poison, config.generatorWidth(), shape, temp);
                                reached.write(temp);
                            });
                        }
                        listener.onSelection(selection);
                    }
                    if (keepGeneratorsEvery > 0 && (epoch % keepGeneratorsEvery == 0 || epoch == config.epochs())) {
                        AtomicOutput.writeDirectory(keptGenerator(runFolder, epoch), true, temp -> {
                            GeneratorCheckpoint.save(poison, config.generatorWidth(), shape, temp);
                            reached.write(temp);
                        });
                    }
                    saveProgress(runFolder, poison, follower, followerSpec, shape, bome, manager,
                            new GameState(config, epoch, steps.size(), steps, selections, 0, startedFrom),
                            gameImages.size());
                    lastCheckpoint = System.nanoTime();
                    listener.onCheckpoint(epoch);
                }
            }
            Path bestGenerator = selections.stream().anyMatch(SelectionResult::best) ? runFolder.resolve(BEST) : checkpoint;
            return new GameResult(config, gameImages.size(), steps, selections, checkpoint, bestGenerator,
                    (System.nanoTime() - started) / 1e9);
        }
    }

    /**
     * Replaces {@code runFolder}'s checkpoint with the networks, the generator optimiser's state and
     * {@code state} (atomically: a run killed while writing keeps the previous checkpoint), then the CSV
     * files with the state's steps and selections.
     */
    private void saveProgress(Path runFolder, GeneratorPoison poison, Block follower, ModelSpec followerSpec,
            ImageShape shape, BomeStep bome, NDManager manager, GameState state, int gameImages) throws IOException {
        GeneratorProvenance reached = new GeneratorProvenance(state.epochsDone(), state.stepsDone(), gameImages,
                config.seed());
        AtomicOutput.writeDirectory(runFolder.resolve(CHECKPOINT), true, temp -> {
            GeneratorCheckpoint.save(poison, config.generatorWidth(), shape, temp);
            reached.write(temp);
            ModelCheckpoint.save(follower, followerSpec, temp, FOLLOWER);
            if (bome.hasGeneratorOptimizerState()) {
                try (NDManager scratch = manager.newSubManager()) {
                    Files.write(temp.resolve(GENERATOR_OPTIMIZER), bome.generatorOptimizerState(scratch).encode());
                }
            }
            JSON.writeValue(temp.resolve("state.json").toFile(), state);
        });
        writeCsv(runFolder, state.steps(), state.selections());
    }

    /**
     * The generator of the trained generator folder {@code folder}, checked against this game (UNet width, image
     * shape, budget: {@link WarmStart#mismatch}) and against its checkpoint's digest and architecture.
     */
    Block warmStartGenerator(Path folder, ModelSpec generatorSpec, ImageShape shape, NDManager manager)
            throws IOException {
        String mismatch = WarmStart.mismatch(folder, config, shape);
        if (mismatch != null) {
            throw new IllegalArgumentException("cannot start the game from the generator in " + folder + ": "
                    + mismatch);
        }
        return ModelCheckpoint.load(folder, GENERATOR, generatorSpec, manager);
    }

    /** What identifies this trainer's warm start, read from its folder; empty without one. */
    private Optional<WarmStart> startingGenerator() throws IOException {
        return warmStart.isPresent() ? Optional.of(WarmStart.of(warmStart.get())) : Optional.empty();
    }

    /** Restores the generator optimiser's state from a checkpoint; a missing or bad file is a clear error. */
    private static void loadOptimizerState(BomeStep bome, Path file, NDManager manager) throws CheckpointException {
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(file, "missing: the generator optimiser's state (momentum buffers or "
                    + "Adam's moments) is needed to resume exactly");
        }
        try (NDManager scratch = manager.newSubManager()) {
            NDList state = NDList.decode(scratch, Files.readAllBytes(file));
            bome.loadGeneratorOptimizerState(state);
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException(file, "cannot read the generator optimiser's state: " + e.getMessage(), e);
        }
    }

    /**
     * Trains a selection victim on the game images poisoned by {@code poison}, or on the clean game
     * images when {@code poison} is null (the epoch-0 reference, never a candidate for "best").
     */
    private SelectionResult select(GeneratorPoison poison, ImageDataset gameImages, ImageDataset validation,
            NDManager manager, SeedTree seeds, int epoch, List<SelectionResult> earlier) {
        long started = System.nanoTime();
        ImageDataset trainedOn = poison == null ? gameImages : new DatasetPoisoner(config.batchSize())
                .apply(poison, gameImages, manager, gameImages.name() + "-poisoned").dataset();
        VictimResult victim = new VictimTrainer(config.selectionVictim()
                .withSeed(seeds.child("selection/" + epoch).seed()))
                .train(trainedOn, validation, VictimTrainingListener.NONE);
        double accuracy = victim.finalTestAccuracy();
        boolean best = poison != null && earlier.stream().filter(s -> !s.cleanReference())
                .allMatch(s -> accuracy < s.validationAccuracy());
        PerturbationSeparability.Result separability = new PerturbationSeparability(
                PerturbationSeparability.Config.defaults(seeds.child("separability/" + epoch).seed()))
                .measure(gameImages, trainedOn, manager);
        return new SelectionResult(epoch, accuracy, best, separability.linearAccuracy(),
                separability.cleanImageLinearAccuracy(), (System.nanoTime() - started) / 1e9);
    }

    /**
     * Why the checkpoint in {@code runFolder} cannot be continued with this trainer's config, or empty
     * when it can or when there is none: the caller may then decide to start afresh instead of failing.
     */
    public Optional<String> resumeConflict(Path runFolder) throws IOException {
        Path stateFile = runFolder.resolve(CHECKPOINT).resolve("state.json");
        if (!Files.isRegularFile(stateFile)) {
            return Optional.empty();
        }
        return Optional.ofNullable(resumeConflict(JSON.readValue(stateFile.toFile(), GameState.class),
                startingGenerator()));
    }

    /**
     * Why {@code saved} cannot be continued with this config, else null. Two things may change: the number
     * of epochs (upwards only: a generator that played more epochs, or part of one more, is not this
     * config's), and the learning-rate schedule of the epochs not yet started. The schedule is a function
     * of the epoch number alone ({@link GameConfig#learningRateScale}), so a game continued with a decay
     * that starts after its checkpoint is exactly the game that had that decay from the start: a played
     * game can be branched into late-decay variants without replaying it. Every other field must be equal.
     * A warm start given now must be the generator the saved game started from (compared by digest); none
     * given continues whatever the checkpoint started from.
     */
    private String resumeConflict(GameState saved, Optional<WarmStart> startingGenerator) {
        if (startingGenerator.isPresent()) {
            WarmStart now = startingGenerator.get();
            if (saved.warmStart() == null) {
                return "the checkpoint's game started from a seeded generator, not from the " + now.describe()
                        + " (leave out the warm start to continue it)";
            }
            if (!saved.warmStart().paramsSha256().equals(now.paramsSha256())) {
                return "the checkpoint's game started from the " + saved.warmStart().describe() + ", not from the "
                        + now.describe() + " (leave out the warm start to continue it)";
            }
        }
        String difference = firstDifference("", JSON.valueToTree(saved.config()), JSON.valueToTree(config));
        if (difference != null) {
            return difference;
        }
        for (int epoch = 1; epoch <= saved.epochsStarted(); epoch++) {
            double played = saved.config().learningRateScale(epoch);
            double now = config.learningRateScale(epoch);
            if (played != now) {
                return "the learning-rate schedule differs in epoch " + epoch + ", already played (checkpoint: x"
                        + played + ", now: x" + now + "; milestones " + saved.config().learningRateMilestones()
                        + " gamma " + saved.config().learningRateGamma() + " against " + config.learningRateMilestones()
                        + " gamma " + config.learningRateGamma() + ")";
            }
        }
        if (saved.epochsStarted() > config.epochs()) {
            return "it has played " + (saved.batchesIntoEpoch() > 0 ? saved.epochsDone() + " epochs and "
                    + saved.batchesIntoEpoch() + " batches of epoch " + saved.epochsStarted() : saved.epochsDone()
                    + " epochs") + ", more than the " + config.epochs() + " asked for";
        }
        return null;
    }

    /**
     * The first differing field (dotted path) with both values, or null; ignores the top-level fields a
     * resume may change ({@link #MAY_CHANGE_ON_RESUME}).
     */
    static String firstDifference(String prefix, JsonNode a, JsonNode b) {
        if (a.isObject() && b.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
                if (MAY_CHANGE_ON_RESUME.contains(path)) {
                    continue;
                }
                JsonNode other = b.get(field.getKey());
                if (other == null) {
                    return "field '" + path + "' is missing now";
                }
                String inner = firstDifference(path, field.getValue(), other);
                if (inner != null) {
                    return inner;
                }
            }
            return null;
        }
        return a.equals(b) ? null : "field '" + prefix + "' differs (checkpoint: " + a + ", now: " + b + ")";
    }

    private static void writeCsv(Path runFolder, List<GameStepMetrics> steps, List<SelectionResult> selections)
            throws IOException {
        StringBuilder csv = new StringBuilder("step,leader_payoff,follower_loss,inner_follower_loss,value_gap,lambda,"
                + "grad_theta_f,grad_theta_q,grad_a_q,inner_f_q,perturbation_class_alignment,"
                + "signal_class_alignment,live_signal_class_alignment,seconds\n");
        for (int i = 0; i < steps.size(); i++) {
            GameStepMetrics m = steps.get(i);
            csv.append(String.format(Locale.ROOT, "%d,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.4f%n",
                    i + 1, m.leaderPayoff(), m.followerLoss(), m.innerFollowerLoss(), m.valueGap(),
                    m.barrierMultiplier(), m.payoffGradientNorm(), m.followerGapGradientNorm(),
                    m.generatorGradientNorm(), m.payoffGapInner(), m.perturbationClassAlignment(),
                    m.signalClassAlignment(), m.liveSignalClassAlignment(), m.seconds()));
        }
        byte[] stepBytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        AtomicOutput.writeFile(runFolder.resolve("steps.csv"), true, out -> out.write(stepBytes));
        StringBuilder selectionCsv = new StringBuilder(
                "epoch,validation_accuracy,best,perturbation_separability,clean_image_separability,seconds\n");
        for (SelectionResult s : selections) {
            selectionCsv.append(String.format(Locale.ROOT, "%d,%.6f,%s,%.4f,%.4f,%.1f%n", s.epoch(),
                    s.validationAccuracy(), s.best(), s.perturbationSeparability(), s.cleanImageSeparability(),
                    s.seconds()));
        }
        byte[] selectionBytes = selectionCsv.toString().getBytes(StandardCharsets.UTF_8);
        AtomicOutput.writeFile(runFolder.resolve("selection.csv"), true, out -> out.write(selectionBytes));
    }

    private static int intSeed(SeedTree seed) {
        return (int) (seed.seed() ^ (seed.seed() >>> 32));
    }
}
