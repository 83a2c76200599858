package ai.gue.compare;

import ai.gue.attack.AttackKind;
import ai.gue.attack.AttackSettings;
import ai.gue.config.Presets;
import ai.gue.defense.Defense;
import ai.gue.defense.DefenseKind;
import ai.gue.defense.DefenseSettings;
import ai.gue.game.GameConfig;
import ai.gue.train.VictimTrainingConfig;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an experiment file (YAML) into an {@link Experiment}. Strict: an unknown field, a name that
 * is no attack, defense or victim preset, or a value of the wrong type is an error whose message
 * names the file and the field ({@code attacks[2].l2Radius}).
 *
 * <p>An attack, victim or defense entry is either a name ({@code lsp}, {@code gue}, {@code cpu-short},
 * {@code jpeg}) or a mapping that overrides settings. Overrides are laid over the defaults
 * ({@link AttackSettings#defaults}, the game or victim preset, {@link DefenseSettings#defaults}) as JSON
 * trees, so a settings field added to those records later is accepted without touching this class.
 * Relative paths (datasets, generator folders, game and victim preset files) are resolved against the
 * experiment file's folder, so an experiment and its files can travel together.
 */
public final class ExperimentParser {

    /** The experiment presets shipped with gue (resources {@code ai/gue/presets/compare/<name>.yaml}). */
    public static final List<String> PRESETS = List.of("cpu", "cpu-crafted", "paper");

    private static final Set<String> TOP_FIELDS = Set.of("name", "dataset", "test", "trainLimit", "testLimit",
            "poisonRatio", "attacks", "victims", "defenses", "seeds");
    private static final String CLEAN = "clean";
    /** The attack kind of a game row (not an {@link AttackKind}: the grid plays the game itself). */
    private static final String GUE = "gue";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    private final String origin;
    private final Path folder;

    private ExperimentParser(String origin, Path folder) {
        this.origin = origin;
        this.folder = folder;
    }

    /** The shipped preset {@code nameOrPath} ({@code cpu}, {@code paper}) or the experiment file at that path. */
    public static Experiment load(String nameOrPath) {
        if (PRESETS.contains(nameOrPath)) {
            String resource = "/ai/gue/presets/compare/" + nameOrPath + ".yaml";
            try (InputStream in = ExperimentParser.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("preset resource " + resource + " is missing from the build");
                }
                return parse(in.readAllBytes(), "compare preset '" + nameOrPath + "'", Path.of(""));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Path path = Path.of(nameOrPath);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("unknown experiment '" + nameOrPath + "'; expected a preset ("
                    + String.join(", ", PRESETS) + ") or a YAML file");
        }
        try {
            return parse(Files.readAllBytes(path), path.toString(), path.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read experiment file " + path, e);
        }
    }

    /**
     * Parses experiment YAML.
     *
     * @param origin names the text in errors (a file name)
     * @param folder relative paths in the text are resolved against it
     */
    public static Experiment parse(byte[] yaml, String origin, Path folder) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(origin + ": not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ExperimentParser(origin, folder).experiment(root);
    }

    private Experiment experiment(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw error("", "an experiment must be a mapping with fields " + sorted(TOP_FIELDS));
        }
        checkFields(root, "", TOP_FIELDS);
        String name = text(required(root, "name", ""), "name");
        String dataset = root.has("dataset") ? datasetPath(text(root.get("dataset"), "dataset")) : "cifar10";
        String test = root.has("test") && !root.get("test").isNull()
                ? datasetPath(text(root.get("test"), "test")) : null;
        Integer trainLimit = optionalInt(root, "trainLimit");
        Integer testLimit = optionalInt(root, "testLimit");
        Double poisonRatio = null;
        if (root.has("poisonRatio") && !root.get("poisonRatio").isNull()) {
            if (!root.get("poisonRatio").isNumber()) {
                throw error("poisonRatio", "must be a number in [0, 1], got " + root.get("poisonRatio"));
            }
            poisonRatio = root.get("poisonRatio").doubleValue();
        }
        List<AttackSpec> attacks = new ArrayList<>();
        List<JsonNode> attackEntries = list(required(root, "attacks", ""), "attacks");
        for (int i = 0; i < attackEntries.size(); i++) {
            attacks.add(attack(attackEntries.get(i), "attacks[" + i + "]"));
        }
        List<VictimSpec> victims = new ArrayList<>();
        List<JsonNode> victimEntries = list(required(root, "victims", ""), "victims");
        for (int i = 0; i < victimEntries.size(); i++) {
            victims.add(victim(victimEntries.get(i), "victims[" + i + "]"));
        }
        List<DefenseSpec> defenses = new ArrayList<>();
        if (root.has("defenses")) {
            List<JsonNode> entries = list(root.get("defenses"), "defenses");
            for (int i = 0; i < entries.size(); i++) {
                defenses.add(defense(entries.get(i), "defenses[" + i + "]"));
            }
        } else {
            defenses.add(new DefenseSpec(DefenseKind.NONE.cliName(), Defense.NONE));
        }
        List<Long> seeds = new ArrayList<>();
        if (root.has("seeds")) {
            List<JsonNode> entries = list(root.get("seeds"), "seeds");
            for (int i = 0; i < entries.size(); i++) {
                if (!entries.get(i).canConvertToLong() || !entries.get(i).isIntegralNumber()) {
                    throw error("seeds[" + i + "]", "must be an integer, got " + entries.get(i));
                }
                seeds.add(entries.get(i).longValue());
            }
        } else {
            seeds.add(0L);
        }
        try {
            return new Experiment(name, dataset, test, trainLimit, testLimit, poisonRatio, attacks, victims,
                    defenses, seeds);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(origin + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ attacks

    private AttackSpec attack(JsonNode entry, String where) {
        if (entry.isTextual()) {
            String value = entry.textValue();
            if (GUE.equalsIgnoreCase(value.trim())) {
                return game(null, null, where);
            }
            return guard(where, () -> CLEAN.equalsIgnoreCase(value.trim()) ? AttackSpec.clean(CLEAN)
                    : baseline(null, AttackKind.parse(value), null, where));
        }
        if (!entry.isObject()) {
            throw error(where, "an attack is a name (clean, gue, " + kindNames() + ") or a mapping with 'kind' or "
                    + "'generator', got " + entry);
        }
        ObjectNode fields = (ObjectNode) entry.deepCopy();
        String name = fields.has("name") ? text(fields.remove("name"), where + ".name") : null;
        JsonNode kind = fields.remove("kind");
        JsonNode generator = fields.remove("generator");
        if ((kind == null) == (generator == null)) {
            throw error(where, "give exactly one of 'kind' (clean, gue, " + kindNames() + ") and 'generator' (a "
                    + "trained GUE generator folder)");
        }
        if (generator != null) {
            checkFields(fields, where, Set.of());
            String folderPath = folder.resolve(text(generator, where + ".generator")).toAbsolutePath().normalize()
                    .toString();
            return guard(where, () -> AttackSpec.generator(name != null ? name : "gue", folderPath));
        }
        String kindName = text(kind, where + ".kind");
        if (CLEAN.equalsIgnoreCase(kindName.trim())) {
            checkFields(fields, where, Set.of());
            return guard(where, () -> AttackSpec.clean(name != null ? name : CLEAN));
        }
        if (GUE.equalsIgnoreCase(kindName.trim())) {
            return game(name, fields, where);
        }
        AttackKind attackKind = guard(where + ".kind", () -> AttackKind.parse(kindName));
        return baseline(name, attackKind, fields, where);
    }

    /**
     * A game row: the game preset named by {@value #GAME_PRESET} (a shipped name or a file; default
     * {@code cpu}, the game of {@code gue run}'s default preset) with any other fields laid over it as
     * game settings, e.g. {@code {kind: gue, gamePreset: cpu-long, epochs: 30}}.
     */
    private AttackSpec game(String name, ObjectNode overrides, String where) {
        JsonNode named = overrides == null ? null : overrides.remove(GAME_PRESET);
        String preset = named == null ? "cpu" : text(named, where + "." + GAME_PRESET);
        GameConfig base = guard(where + "." + GAME_PRESET, () -> Presets.game(
                Presets.GAME_PRESETS.contains(preset) ? preset : folder.resolve(preset).toString()));
        JsonNode settings = STRICT.valueToTree(base);
        if (overrides != null) {
            settings = overlay(settings, overrides, where);
        }
        GameConfig parsed = convert(settings, GameConfig.class, where);
        return guard(where, () -> AttackSpec.game(name != null ? name : GUE, parsed));
    }

    private AttackSpec baseline(String name, AttackKind kind, ObjectNode overrides, String where) {
        AttackSettings defaults = AttackSettings.defaults(0);
        if (kind.crafted()) {
            // EM, REM and TAP start from a crafting preset (default cpu); its fields can then be
            // overridden like any other setting, e.g. crafting: {em: {maxRounds: 4}}.
            JsonNode named = overrides == null ? null : overrides.remove(CRAFTING_PRESET);
            String preset = named == null ? "cpu" : text(named, where + "." + CRAFTING_PRESET);
            defaults = defaults.withCrafting(guard(where + "." + CRAFTING_PRESET, () -> Presets.crafting(
                    Presets.CRAFTING_PRESETS.contains(preset) ? preset : folder.resolve(preset).toString())));
        }
        JsonNode settings = STRICT.valueToTree(defaults);
        if (overrides != null) {
            settings = overlay(settings, overrides, where);
        }
        AttackSettings parsed = convert(settings, AttackSettings.class, where);
        return guard(where, () -> AttackSpec.baseline(name != null ? name : kind.cliName(), kind, parsed));
    }

    /** The attack field naming EM's, REM's and TAP's crafting preset (a shipped name or a file). */
    static final String CRAFTING_PRESET = "craftingPreset";

    /** The attack field naming a game row's game preset (a shipped name or a file). */
    static final String GAME_PRESET = "gamePreset";

    private static String kindNames() {
        return String.join(", ", java.util.Arrays.stream(AttackKind.values()).map(AttackKind::cliName).toList());
    }

    // ------------------------------------------------------------------ victims

    private VictimSpec victim(JsonNode entry, String where) {
        if (entry.isTextual()) {
            String preset = entry.textValue();
            return guard(where, () -> new VictimSpec(defaultVictimName(preset), preset,
                    Presets.victim(victimPreset(preset))));
        }
        if (!entry.isObject()) {
            throw error(where, "a victim is a preset name (" + String.join(", ", Presets.VICTIM_PRESETS)
                    + "), a preset file, or a mapping with 'preset' and overrides, got " + entry);
        }
        ObjectNode fields = (ObjectNode) entry.deepCopy();
        String name = fields.has("name") ? text(fields.remove("name"), where + ".name") : null;
        String preset = text(required(fields, "preset", where), where + ".preset");
        fields.remove("preset");
        if (fields.has("seed")) {
            throw error(where + ".seed", "a victim's seed comes from the experiment's 'seeds' list");
        }
        VictimTrainingConfig base = guard(where + ".preset", () -> Presets.victim(victimPreset(preset)));
        VictimTrainingConfig recipe = convert(overlay(STRICT.valueToTree(base), fields, where),
                VictimTrainingConfig.class, where);
        return guard(where, () -> new VictimSpec(name != null ? name : defaultVictimName(preset), preset, recipe));
    }

    private String victimPreset(String preset) {
        return Presets.VICTIM_PRESETS.contains(preset) ? preset : folder.resolve(preset).toString();
    }

    private static String defaultVictimName(String preset) {
        if (Presets.VICTIM_PRESETS.contains(preset)) {
            return preset;
        }
        String file = Path.of(preset).getFileName().toString();
        return file.replaceFirst("\\.ya?ml$", "");
    }

    // ------------------------------------------------------------------ defenses

    private DefenseSpec defense(JsonNode entry, String where) {
        if (entry.isTextual()) {
            DefenseKind kind = guard(where, () -> DefenseKind.parse(entry.textValue()));
            return new DefenseSpec(kind.cliName(), new Defense(kind, DefenseSettings.defaults()));
        }
        if (!entry.isObject()) {
            throw error(where, "a defense is a name or a mapping with 'kind' and settings, got " + entry);
        }
        ObjectNode fields = (ObjectNode) entry.deepCopy();
        String name = fields.has("name") ? text(fields.remove("name"), where + ".name") : null;
        String kindName = text(required(fields, "kind", where), where + ".kind");
        fields.remove("kind");
        DefenseKind kind = guard(where + ".kind", () -> DefenseKind.parse(kindName));
        DefenseSettings settings = convert(overlay(STRICT.valueToTree(DefenseSettings.defaults()), fields, where),
                DefenseSettings.class, where);
        return guard(where, () -> new DefenseSpec(name != null ? name : kind.cliName(), new Defense(kind, settings)));
    }

    // ------------------------------------------------------------------ helpers

    /**
     * {@code defaults} with every field of {@code overrides} replaced (mappings merged field by field);
     * a field the defaults do not have is an error listing the ones they have.
     */
    private JsonNode overlay(JsonNode defaults, JsonNode overrides, String where) {
        ObjectNode merged = ((ObjectNode) defaults).deepCopy();
        Iterator<Map.Entry<String, JsonNode>> fields = overrides.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = where + "." + field.getKey();
            JsonNode current = merged.get(field.getKey());
            if (current == null) {
                List<String> known = new ArrayList<>();
                merged.fieldNames().forEachRemaining(known::add);
                throw error(path, "unknown field; expected one of " + known);
            }
            if (current.isObject() && field.getValue().isObject()) {
                merged.set(field.getKey(), overlay(current, field.getValue(), path));
            } else {
                merged.set(field.getKey(), field.getValue());
            }
        }
        return merged;
    }

    private <T> T convert(JsonNode tree, Class<T> type, String where) {
        try {
            return STRICT.treeToValue(tree, type);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw error(where, cause.getMessage());
        } catch (JsonProcessingException e) {
            String field = e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
                    ? "." + m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                            : "[" + r.getIndex() + "]").reduce((a, b) -> a + "." + b).orElse("")
                    : "";
            throw error(where + field, e.getOriginalMessage());
        }
    }

    private String datasetPath(String spec) {
        if (spec.equalsIgnoreCase("cifar10")) {
            return "cifar10";
        }
        return folder.resolve(spec).toAbsolutePath().normalize().toString();
    }

    private void checkFields(JsonNode node, String where, Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw error(where.isEmpty() ? name : where + "." + name, "unknown field"
                        + (allowed.isEmpty() ? "" : "; expected one of " + sorted(allowed)));
            }
        }
    }

    private JsonNode required(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw error(where.isEmpty() ? field : where + "." + field, "is required");
        }
        return value;
    }

    private List<JsonNode> list(JsonNode node, String where) {
        if (!node.isArray() || node.isEmpty()) {
            throw error(where, "must be a non-empty list, got " + node);
        }
        List<JsonNode> items = new ArrayList<>();
        node.forEach(items::add);
        return items;
    }

    private String text(JsonNode node, String where) {
        if (node == null || !node.isTextual() || node.textValue().isBlank()) {
            throw error(where, "must be a non-empty text, got " + node);
        }
        return node.textValue().trim();
    }

    private Integer optionalInt(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw error(field, "must be a whole number of images, got " + node);
        }
        return node.intValue();
    }

    private <T> T guard(String where, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw error(where, e.getMessage());
        }
    }

    private IllegalArgumentException error(String where, String message) {
        return new IllegalArgumentException(origin + ": " + (where.isEmpty() ? "" : where + ": ") + message);
    }

    private static String sorted(Set<String> names) {
        return names.stream().sorted().toList().toString();
    }
}
