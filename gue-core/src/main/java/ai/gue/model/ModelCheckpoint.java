package ai.gue.model;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Saves and loads network parameters as {@code <name>.params} (DJL's {@link Block#saveParameters}
 * format, which includes BatchNorm running statistics) plus a JSON manifest {@code <name>.json}
 * ({@link CheckpointManifest}).
 *
 * <p>Both files are written to a temporary file in the target directory and renamed into place, the
 * parameters first, so a reader never sees a half-written file. Loading checks, before any native
 * code reads the parameters, that the manifest describes the network the caller expects (naming the
 * first differing field), that the parameters file has the recorded size and SHA-256, and afterwards
 * that every parameter has the shape the architecture gives it.
 */
public final class ModelCheckpoint {
    /** The manifest format written by this version. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    private ModelCheckpoint() {}

    /** The parameters file of checkpoint {@code name} in {@code directory}. */
    public static Path paramsPath(Path directory, String name) {
        return directory.resolve(checkName(name) + ".params");
    }

    /** The manifest file of checkpoint {@code name} in {@code directory}. */
    public static Path manifestPath(Path directory, String name) {
        return directory.resolve(checkName(name) + ".json");
    }

    /** Saves {@code block} with {@link ModelSpec#configHash()} as the config hash. */
    public static CheckpointManifest save(Block block, ModelSpec spec, Path directory, String name) throws IOException {
        return save(block, spec, spec.configHash(), directory, name);
    }

    /**
     * Saves the parameters of the initialised {@code block}, built from {@code spec}, as checkpoint
     * {@code name} in {@code directory} (created if missing), recording {@code configHash}.
     *
     * @return the manifest written
     */
    public static CheckpointManifest save(Block block, ModelSpec spec, String configHash, Path directory, String name)
            throws IOException {
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(configHash, "configHash");
        Path paramsFile = paramsPath(directory, name);
        Path manifestFile = manifestPath(directory, name);
        long parameterCount = ParameterCounter.count(block);
        Files.createDirectories(directory);

        MessageDigest sha = sha256();
        Path tmpParams = Files.createTempFile(directory, "." + name + ".params.", ".tmp");
        try {
            try (FileOutputStream file = new FileOutputStream(tmpParams.toFile());
                    DataOutputStream out = new DataOutputStream(
                            new DigestOutputStream(new BufferedOutputStream(file, 1 << 16), sha))) {
                block.saveParameters(out);
                out.flush();
                file.getFD().sync();
            }
            long bytes = Files.size(tmpParams);
            CheckpointManifest manifest = new CheckpointManifest(FORMAT_VERSION, spec.kind(), spec.architecture(),
                    spec.widthMultiplier(), spec.classCount(), spec.channels(), spec.inputShape(), parameterCount,
                    configHash, paramsFile.getFileName().toString(), bytes, HexFormat.of().formatHex(sha.digest()),
                    Engine.getDjlVersion(), Instant.now().toString());
            moveIntoPlace(tmpParams, paramsFile);
            writeAtomically(manifestFile, JSON.writeValueAsBytes(manifest));
            return manifest;
        } finally {
            Files.deleteIfExists(tmpParams);
        }
    }

    /** Reads and validates the manifest of checkpoint {@code name}, without touching the parameters. */
    public static CheckpointManifest readManifest(Path directory, String name) throws IOException {
        Path file = manifestPath(directory, name);
        CheckpointManifest manifest;
        try {
            manifest = JSON.readValue(Files.readAllBytes(file), CheckpointManifest.class);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file, "checkpoint manifest not found", e);
        } catch (JsonProcessingException e) {
            throw new CheckpointException(file, "not a valid checkpoint manifest: " + e.getOriginalMessage(), e);
        }
        if (manifest.formatVersion() != FORMAT_VERSION) {
            throw new CheckpointException(file, "manifest format version " + manifest.formatVersion()
                    + " is not supported (expected " + FORMAT_VERSION + ")");
        }
        for (Map.Entry<String, Object> required : Map.<String, Object>of(
                "kind", Objects.requireNonNullElse(manifest.kind(), ""),
                "architecture", Objects.requireNonNullElse(manifest.architecture(), ""),
                "inputShape", Objects.requireNonNullElse(manifest.inputShape(), ""),
                "paramsFile", Objects.requireNonNullElse(manifest.paramsFile(), ""),
                "paramsSha256", Objects.requireNonNullElse(manifest.paramsSha256(), "")).entrySet()) {
            if ("".equals(required.getValue())) {
                throw new CheckpointException(file, "manifest field '" + required.getKey() + "' is missing");
            }
        }
        try {
            manifest.spec();
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, "manifest describes no valid network: " + e.getMessage(), e);
        }
        return manifest;
    }

    /**
     * Loads checkpoint {@code name} from {@code directory} into a freshly built network, after
     * checking that it is the network {@code expected} describes (kind, architecture, width, classes,
     * channels; the spatial input size is recorded but not enforced, since the weights do not depend
     * on it) and that the parameters file is intact. The parameters live in {@code manager}.
     *
     * @throws CheckpointException naming the file and the problem
     */
    public static Block load(Path directory, String name, ModelSpec expected, NDManager manager) throws IOException {
        Path manifestFile = manifestPath(directory, name);
        CheckpointManifest manifest = readManifest(directory, name);
        checkMatches(manifestFile, manifest.spec(), expected);
        Path paramsFile = directory.resolve(manifest.paramsFile());
        verifyParamsFile(paramsFile, manifest);

        Block block = expected.build();
        Map<String, Shape> expectedShapes = architectureShapes(block, expected, manager);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(paramsFile), 1 << 16);
                DataInputStream data = new DataInputStream(in)) {
            block.loadParameters(manager, data);
            if (data.read() != -1) {
                throw new CheckpointException(paramsFile, "trailing bytes after the last parameter");
            }
        } catch (CheckpointException e) {
            throw e;
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new CheckpointException(paramsFile, "cannot read the parameters of " + expected.architecture()
                    + " (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        for (Pair<String, Parameter> entry : block.getParameters()) {
            Parameter parameter = entry.getValue();
            NDArray array = parameter.getArray();
            Shape want = expectedShapes.get(entry.getKey());
            if (array == null || !array.getShape().equals(want)) {
                throw new CheckpointException(paramsFile, "parameter " + entry.getKey() + " has shape "
                        + (array == null ? "none" : array.getShape()) + " but " + expected.architecture()
                        + " needs " + want);
            }
            // Parameter.load does not restore the gradient flag that Parameter.initialize sets.
            array.setRequiresGradient(parameter.requiresGradient());
        }
        long count = ParameterCounter.count(block);
        if (count != manifest.parameterCount()) {
            throw new CheckpointException(manifestFile, "field 'parameterCount' is " + manifest.parameterCount()
                    + " but the loaded network has " + count);
        }
        ConvolutionKernelCheck.verify(block); // a loaded network computes like a built one: check its convolutions too
        return block;
    }

    /** Fails with the first field in which {@code actual} (from {@code file}) differs from {@code expected}. */
    static void checkMatches(Path file, ModelSpec actual, ModelSpec expected) throws CheckpointException {
        Map<String, Object[]> fields = new LinkedHashMap<>();
        fields.put("kind", new Object[] {actual.kind().label(), expected.kind().label()});
        fields.put("architecture", new Object[] {actual.architecture(), expected.architecture()});
        fields.put("widthMultiplier", new Object[] {actual.widthMultiplier(), expected.widthMultiplier()});
        fields.put("classCount", new Object[] {actual.classCount(), expected.classCount()});
        fields.put("channels", new Object[] {actual.channels(), expected.channels()});
        for (Map.Entry<String, Object[]> field : fields.entrySet()) {
            Object have = field.getValue()[0];
            Object want = field.getValue()[1];
            if (!have.equals(want)) {
                String note = field.getKey().equals("widthMultiplier") && expected.kind() == ModelKind.GENERATOR
                        ? " (generator base width " + actual.baseWidth() + " vs " + expected.baseWidth() + ")"
                        : "";
                throw new CheckpointException(file, "field '" + field.getKey() + "' is " + have + " but " + want
                        + " was expected" + note);
            }
        }
    }

    private static void verifyParamsFile(Path paramsFile, CheckpointManifest manifest) throws IOException {
        long size;
        try {
            size = Files.size(paramsFile);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(paramsFile, "parameters file not found", e);
        }
        if (size != manifest.paramsBytes()) {
            throw new CheckpointException(paramsFile, "parameters file has " + size + " bytes but its manifest records "
                    + manifest.paramsBytes() + (size < manifest.paramsBytes() ? " (truncated?)" : ""));
        }
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(paramsFile)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        if (!actual.equalsIgnoreCase(manifest.paramsSha256())) {
            throw new CheckpointException(paramsFile, "parameters file is corrupt or does not belong to its manifest: "
                    + "sha256 " + actual + " but the manifest records " + manifest.paramsSha256());
        }
    }

    /**
     * The shape of every parameter of {@code block} as its architecture defines them, found by
     * initialising it with zeros in a scratch manager that is closed straight away (no random draws,
     * so loading does not disturb the engine's random stream).
     */
    private static Map<String, Shape> architectureShapes(Block block, ModelSpec spec, NDManager manager) {
        List<Pair<String, Parameter>> parameters = new ArrayList<>();
        for (Pair<String, Parameter> entry : block.getParameters()) {
            entry.getValue().setInitializer(Initializer.ZEROS);
            parameters.add(entry);
        }
        Map<String, Shape> shapes = new LinkedHashMap<>();
        try (NDManager scratch = manager.newSubManager()) {
            block.initialize(scratch, DataType.FLOAT32, spec.batchShape(1)); // as ModelSpec.buildInitialized, so the saved input-shape metadata (and the bytes) match
            for (Pair<String, Parameter> entry : parameters) {
                shapes.put(entry.getKey(), entry.getValue().getShape());
            }
        }
        return shapes;
    }

    private static void writeAtomically(Path target, byte[] content) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
                out.write(content);
                out.getFD().sync();
            }
            moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalArgumentException("a checkpoint name is a plain file name without extension, got '"
                    + name + "'");
        }
        return name;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
