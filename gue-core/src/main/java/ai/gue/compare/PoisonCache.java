package ai.gue.compare;

import ai.djl.ndarray.NDManager;
import ai.gue.attack.AttackBudget;
import ai.gue.attack.DatasetPoisoner;
import ai.gue.attack.GeneratorCheckpoint;
import ai.gue.attack.GeneratorPoison;
import ai.gue.attack.PerturbationNorm;
import ai.gue.attack.PoisonAttack;
import ai.gue.attack.PoisonedDataset;
import ai.gue.attack.StoredPoison;
import ai.gue.data.CifarBinaryFormat;
import ai.gue.data.DatasetLoader;
import ai.gue.data.DatasetPair;
import ai.gue.data.ImageDataset;
import ai.gue.game.GameData;
import ai.gue.game.GameResult;
import ai.gue.game.GameTrainer;
import ai.gue.report.PerturbationGrid;
import ai.gue.util.AtomicOutput;
import ai.gue.util.DatasetDigest;
import ai.gue.util.RunDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The poisoned training sets of a grid, one per attack, stored once in
 * {@code poisons/<attack>/} (CIFAR-10 binary, checked on the stored bytes by {@link StoredPoison},
 * with {@code perturbations.png}) and reused by every cell of the attack's row, in this and every
 * later invocation. A stored poison is reused only if its recorded attack and training set are the
 * ones asked for; {@value StoredPoison#MANIFEST} is written last, so a folder without it is an
 * interrupted write and is redone. A game row first plays its game in {@code games/<attack>/}, which
 * checkpoints every epoch: a grid stopped during a game of hours continues it where it stopped.
 */
final class PoisonCache {

    /** The perturbation gallery inside each poison folder. */
    static final String GALLERY = "perturbations.png";
    /** The folder of the game rows' games ({@code games/<attack>/}, a {@code gue train-generator} run folder each). */
    private static final String GAMES = "games";
    /** Inside a game's folder: the digest of the training set the game was drawn from. */
    private static final String TRAINING_SET = "training-set.json";
    private static final String CONFIG_FIELD = "compareConfig";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a stored poison must have been made from to be reused. */
    record PoisonConfig(String dataset, Integer trainLimit, AttackSpec attack, String generatorSha256) {}

    private final Path root;
    private final Path games;
    private final boolean force;

    PoisonCache(Path out, boolean force) {
        this.root = out.resolve("poisons");
        this.games = out.resolve(GAMES);
        this.force = force;
    }

    /** The folder of {@code attack}'s poison. */
    Path folder(String attack) {
        return root.resolve(attack);
    }

    /**
     * The poisoned copy of {@code clean} for {@code attack} (clean itself for the clean row), read from
     * its folder or computed, written and verified there.
     *
     * @param test written beside the poisoned training split, so the folder is a whole dataset
     */
    ImageDataset poisoned(AttackSpec attack, PoisonConfig config, ImageDataset clean, ImageDataset test,
            CompareListener listener) throws IOException {
        if (attack.source() == AttackSource.CLEAN) {
            return clean;
        }
        Path folder = folder(attack.name());
        Path manifest = folder.resolve(StoredPoison.MANIFEST);
        JsonNode wanted = CompareRunner.configTree(config);
        JsonNode recorded = Files.isRegularFile(manifest) ? JSON.readTree(manifest.toFile()).get(CONFIG_FIELD) : null;
        if (recorded != null) { // else absent or interrupted before completion: (re)compute
            if (wanted.equals(recorded)) {
                ImageDataset stored = DatasetLoader.load(folder).train();
                if (stored.size() != clean.size() || !java.util.Arrays.equals(stored.labels(), clean.labels())) {
                    throw new IllegalStateException(folder + " holds " + stored + ", not a poisoned copy of " + clean);
                }
                return stored;
            }
            if (!force) {
                throw new IllegalArgumentException("the stored poison " + folder + " was made with other settings "
                        + "than the experiment's attack '" + attack.name() + "'; pass --force to recompute it (and "
                        + "its cells), or use another output folder");
            }
        }
        listener.onPoisoning(attack);
        long start = System.nanoTime();
        double gameSeconds = 0;
        PoisonedDataset poisoned;
        AttackBudget budget;
        String description;
        if (attack.source() == AttackSource.GENERATOR || attack.source() == AttackSource.GAME) {
            Path generator;
            if (attack.source() == AttackSource.GAME) {
                GameResult game = play(attack, clean, listener);
                generator = game.bestGenerator();
                // The game may have run over several invocations: its cost is its steps' summed time.
                gameSeconds = game.stepSeconds();
                start = System.nanoTime();
                description = attack.describe() + String.format(Locale.ROOT, ", %,d steps", game.steps().size());
            } else {
                generator = Path.of(attack.generator());
                description = "GUE generator " + generator;
            }
            GeneratorCheckpoint.requireImageShapeOf(generator, clean);
            try (NDManager manager = NDManager.newBaseManager()) {
                GeneratorPoison poison = GeneratorCheckpoint.load(generator, manager);
                budget = AttackBudget.of(poison.budget());
                poisoned = new DatasetPoisoner(500).apply(poison, clean, manager, clean.name() + "-" + attack.name());
            }
        } else {
            PoisonAttack poison = attack.kind().create(attack.settings(), listener.craftingListener());
            budget = poison.budget();
            description = poison.describe();
            poisoned = poison.apply(clean, clean.name() + "-" + attack.name());
        }
        CifarBinaryFormat.writeCifar10Folder(new DatasetPair(poisoned.dataset(), test), folder, true);
        PoisonedDataset stored = StoredPoison.verifyAndRecord(folder, clean, poisoned, budget, Map.of());
        int fullScale = budget.norm() == PerturbationNorm.LINF ? (int) Math.floor(budget.radius() * 255 + 1e-9)
                : stored.maxAbsDelta();
        new PerturbationGrid(PerturbationGrid.Options.forMaxPixelDelta(Math.max(1, fullScale))).write(clean,
                stored.dataset(), PerturbationGrid.firstOfEachClass(clean, PerturbationGrid.DEFAULT_IMAGES),
                folder.resolve(GALLERY), true);
        // The manifest, now with what the cache compares, goes last: its presence means "complete".
        Map<String, Object> record = new LinkedHashMap<>();
        record.put(CONFIG_FIELD, wanted);
        record.put("description", description);
        record.put("seconds", gameSeconds + (System.nanoTime() - start) / 1e9);
        JSON.readTree(manifest.toFile()).fields().forEachRemaining(f -> record.putIfAbsent(f.getKey(), f.getValue()));
        RunDirectory.create(folder, true).writeJson(StoredPoison.MANIFEST, record);
        PoisonRecord summary = read(attack.name()).orElseThrow();
        listener.onPoisoned(summary);
        return stored.dataset();
    }

    /**
     * Plays a game row's game in {@code games/<attack>/}, continuing from its last checkpoint when an
     * earlier invocation was stopped (or returning at once when it finished). A game played with other
     * settings, or on another training set, is refused unless forced, and then played again from the start.
     */
    private GameResult play(AttackSpec attack, ImageDataset clean, CompareListener listener) throws IOException {
        Path folder = games.resolve(attack.name());
        GameTrainer trainer = new GameTrainer(attack.game());
        String trainingSet = DatasetDigest.sha256(clean);
        Path trainingSetFile = folder.resolve(TRAINING_SET);
        Optional<String> conflict = trainer.resumeConflict(folder);
        if (conflict.isEmpty() && Files.isRegularFile(trainingSetFile)
                && !trainingSet.equals(JSON.readTree(trainingSetFile.toFile()).path("sha256").asText())) {
            conflict = Optional.of("it was played on another training set");
        }
        if (conflict.isPresent()) {
            if (!force) {
                throw new IllegalArgumentException("the game in " + folder + " cannot be continued for attack '"
                        + attack.name() + "': " + conflict.get() + "; pass --force to play it again from the start, "
                        + "or use another output folder");
            }
            AtomicOutput.deleteRecursively(folder);
        }
        RunDirectory.create(folder, true).writeJson(TRAINING_SET, Map.of("name", clean.name(), "images", clean.size(),
                "sha256", trainingSet));
        GameData data = GameData.prepare(clean, attack.game());
        return trainer.train(data.gameImages(), data.validation(), folder, true, listener.gameListener());
    }

    /** The stored poison of {@code attack} as the report shows it, if it is complete. */
    Optional<PoisonRecord> read(String attack) throws IOException {
        Path manifest = folder(attack).resolve(StoredPoison.MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        JsonNode m = JSON.readTree(manifest.toFile());
        if (!m.has(CONFIG_FIELD)) {
            return Optional.empty();
        }
        return Optional.of(new PoisonRecord(attack, m.path("description").asText(""), m.path("budget").asText(""),
                m.path("storedMaxAbsDelta").asInt(), m.path("meanL2").asDouble(Double.NaN),
                m.path("changedShare").asDouble(Double.NaN), m.path("seconds").asDouble(Double.NaN)));
    }
}
