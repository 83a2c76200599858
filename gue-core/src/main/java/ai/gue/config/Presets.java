package ai.gue.config;

import ai.gue.attack.CraftingSettings;
import ai.djl.ndarray.types.Shape;
import ai.gue.game.GameConfig;
import ai.gue.model.ModelSpec;
import ai.gue.train.VictimTrainingConfig;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Named presets, stored as YAML data files (resources {@code ai/gue/presets/<kind>/<name>.yaml}),
 * or any YAML file a user points to. Unknown or missing fields are errors, so a typo in a preset
 * cannot silently fall back to a default.
 */
public final class Presets {

    /** The victim presets shipped with gue. */
    public static final List<String> VICTIM_PRESETS = List.of("cpu", "cpu-short", "paper", "apbench");
    /** The game presets shipped with gue. */
    public static final List<String> GAME_PRESETS = List.of("cpu", "cpu-long", "cpu-adversarial", "paper",
            "adversarial");
    /** The run presets shipped with gue. */
    public static final List<String> RUN_PRESETS = List.of("cpu", "cpu-long", "paper");
    /** The crafting presets (EM, REM, TAP, DeepConfuse) shipped with gue. */
    public static final List<String> CRAFTING_PRESETS = List.of("cpu", "paper");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    private Presets() {}

    /** The victim preset named {@code nameOrPath}: a shipped name ({@code cpu}) or a path to a YAML file. */
    public static VictimTrainingConfig victim(String nameOrPath) {
        return load("victim", VICTIM_PRESETS, nameOrPath, VictimTrainingConfig.class);
    }

    /**
     * The game preset named {@code nameOrPath}: a shipped name ({@code cpu}, {@code cpu-long}, {@code paper},
     * {@code adversarial}) or a YAML file.
     */
    public static GameConfig game(String nameOrPath) {
        return load("game", GAME_PRESETS, nameOrPath, GameConfig.class);
    }

    /**
     * The run preset named {@code nameOrPath}: a shipped name ({@code cpu}, {@code paper}) or a YAML
     * file. Relative file paths in a run preset file are resolved against that file's folder, so a
     * preset and its game and victim files can travel together.
     */
    public static RunPreset run(String nameOrPath) {
        RunPreset preset = load("run", RUN_PRESETS, nameOrPath, RunPreset.class);
        if (RUN_PRESETS.contains(nameOrPath)) {
            return preset;
        }
        Path folder = Path.of(nameOrPath).toAbsolutePath().getParent();
        return new RunPreset(relativeTo(folder, preset.game(), GAME_PRESETS),
                relativeTo(folder, preset.victim(), VICTIM_PRESETS));
    }

    /**
     * The crafting settings of EM, REM, TAP and DeepConfuse named {@code nameOrPath}: a shipped name ({@code cpu},
     * {@code paper}) or a YAML file, whose crafting model names a victim preset or file (relative to
     * the crafting file's folder).
     */
    public static CraftingSettings crafting(String nameOrPath) {
        CraftingPreset preset = load("crafting", CRAFTING_PRESETS, nameOrPath, CraftingPreset.class);
        String model = CRAFTING_PRESETS.contains(nameOrPath) ? preset.model()
                : relativeTo(Path.of(nameOrPath).toAbsolutePath().getParent(), preset.model(), VICTIM_PRESETS);
        return new CraftingSettings(victim(model), preset.em(), preset.rem(), preset.tap(), preset.deepconfuse());
    }

    /**
     * Every network the shipped presets build for samples of {@code sampleShape} = (C, H, W) and
     * {@code classCount} classes: the victims (which are also the crafting models), the games' followers
     * and generators, and DeepConfuse's generators; each once, in that order.
     */
    public static List<ModelSpec> networks(Shape sampleShape, int classCount) {
        Set<ModelSpec> specs = new LinkedHashSet<>();
        for (String name : VICTIM_PRESETS) {
            VictimTrainingConfig victim = victim(name);
            specs.add(ModelSpec.classifier(victim.arch(), classCount, victim.widthMultiplier(), sampleShape));
        }
        for (String name : GAME_PRESETS) {
            GameConfig game = game(name);
            specs.add(ModelSpec.classifier(game.followerArch(), classCount, game.followerWidth(), sampleShape));
            specs.add(ModelSpec.generator(game.generatorWidth(), sampleShape));
        }
        for (String name : CRAFTING_PRESETS) {
            specs.add(ModelSpec.generator(crafting(name).deepconfuse().generatorWidth(), sampleShape));
        }
        return List.copyOf(specs);
    }

    /**
     * The game a run folder played: {@code game-config.yaml} of a {@code gue train-generator} folder, or
     * the {@code game} section of a {@code gue run} folder's {@code run-config.yaml}.
     */
    public static GameConfig playedGame(Path runFolder) {
        Path gameConfig = runFolder.resolve("game-config.yaml");
        if (Files.isRegularFile(gameConfig)) {
            return game(gameConfig.toString());
        }
        Path runConfig = runFolder.resolve("run-config.yaml");
        if (!Files.isRegularFile(runConfig)) {
            throw new IllegalArgumentException(runFolder + " has neither game-config.yaml nor run-config.yaml: not a "
                    + "train-generator or run folder");
        }
        try {
            JsonNode game = YAML.readTree(runConfig.toFile()).get("game");
            if (game == null || !game.isObject()) {
                throw new IllegalArgumentException(runConfig + " has no game section");
            }
            return parse(YAML.writeValueAsBytes(game), runConfig + " (game)", GameConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(runConfig + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + runConfig, e);
        }
    }

    private static String relativeTo(Path folder, String nameOrPath, List<String> shipped) {
        if (shipped.contains(nameOrPath) || Path.of(nameOrPath).isAbsolute()) {
            return nameOrPath;
        }
        return folder.resolve(nameOrPath).normalize().toString();
    }

    private static <T> T load(String kind, List<String> shipped, String nameOrPath, Class<T> type) {
        if (shipped.contains(nameOrPath)) {
            String resource = "/ai/gue/presets/" + kind + "/" + nameOrPath + ".yaml";
            try (InputStream in = Presets.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("preset resource " + resource + " is missing from the build");
                }
                return parse(in.readAllBytes(), kind + " preset '" + nameOrPath + "'", type);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Path path = Path.of(nameOrPath);
        if (Files.isRegularFile(path)) {
            try {
                return parse(Files.readAllBytes(path), path.toString(), type);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read preset file " + path, e);
            }
        }
        throw new IllegalArgumentException("unknown " + kind + " preset '" + nameOrPath + "'; expected one of "
                + String.join(", ", shipped) + " or a YAML file");
    }

    private static <T> T parse(byte[] yaml, String origin, Class<T> type) {
        try {
            return YAML.readValue(yaml, type);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException(origin + ": " + cause.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(origin + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The YAML text of a config, as written into run directories. */
    public static String toYaml(Object config) {
        try {
            return YAML.writeValueAsString(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
