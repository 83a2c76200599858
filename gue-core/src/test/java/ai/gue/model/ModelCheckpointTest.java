package ai.gue.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCheckpointTest {
    private static final Shape SAMPLE = new Shape(3, 16, 16);
    private static final ModelSpec CLASSIFIER = ModelSpec.classifier(ClassifierArch.RESNET18, 10, 0.0625, SAMPLE);
    private static final ModelSpec GENERATOR = ModelSpec.generator(4, SAMPLE);

    @TempDir
    Path dir;

    @Test
    void classifierRoundTripGivesIdenticalInferenceOutputs() throws IOException {
        assertRoundTrip(CLASSIFIER);
    }

    @Test
    void generatorRoundTripGivesIdenticalInferenceOutputs() throws IOException {
        assertRoundTrip(GENERATOR);
    }

    private void assertRoundTrip(ModelSpec spec) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomUniform(0, 1, spec.batchShape(2));
            Block original = spec.buildInitialized(manager);
            // a training-mode pass moves the BatchNorm running statistics away from their initial values
            try (NDManager step = manager.newSubManager()) {
                original.forward(new ParameterStore(step, false), new NDList(x), true);
            }
            CheckpointManifest manifest = ModelCheckpoint.save(original, spec, "run-config-hash", dir, "net");
            assertEquals(ParameterCounter.count(original), manifest.parameterCount());
            assertEquals(spec, manifest.spec());
            assertEquals("run-config-hash", manifest.configHash());
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(List.of("net.json", "net.params"),
                        files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary files left");
            }
            String json = Files.readString(ModelCheckpoint.manifestPath(dir, "net"));
            assertTrue(json.contains("\"kind\" : \"" + spec.kind().label() + "\""), json);

            try (NDManager loadManager = NDManager.newBaseManager()) {
                Block loaded = ModelCheckpoint.load(dir, "net", spec, loadManager);
                try (NDManager step = manager.newSubManager()) {
                    float[] want = infer(original, x, step);
                    float[] have = infer(loaded, x, step);
                    assertArrayEquals(want, have, 0f);
                    assertFalse(Arrays.equals(want, infer(spec.buildInitialized(step), x, step)),
                            "a fresh network differs, so the comparison means something");
                }
                assertEquals(manifest.parameterCount(), ParameterCounter.count(loaded));
                assertLoadedParametersTrain(loaded, x);
            }
        }
    }

    /** Loaded parameters must take gradients again (DJL's Parameter.load alone does not restore that). */
    private static void assertLoadedParametersTrain(Block loaded, NDArray x) {
        try (NDManager step = x.getManager().newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray out = loaded.forward(new ParameterStore(step, false), new NDList(x), true).singletonOrThrow();
            collector.backward(out.square().sum());
        }
        for (Pair<String, Parameter> entry : loaded.getParameters()) {
            boolean learnable = !ParameterCounter.isBuffer(entry.getValue());
            assertEquals(learnable, entry.getValue().getArray().hasGradient(), entry.getKey());
        }
    }

    private static float[] infer(Block block, NDArray x, NDManager step) {
        return block.forward(new ParameterStore(step, false), new NDList(x), false).singletonOrThrow().toFloatArray();
    }

    @Test
    void flippedByteIsRejectedWithTheFileName() throws IOException {
        saveSmallClassifier();
        Path params = ModelCheckpoint.paramsPath(dir, "net");
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(params, bytes);
        CheckpointException e = assertLoadFails(CLASSIFIER);
        assertTrue(e.getMessage().contains(params.toString()) && e.getMessage().contains("sha256"), e.getMessage());
    }

    @Test
    void truncatedFileIsRejected() throws IOException {
        saveSmallClassifier();
        Path params = ModelCheckpoint.paramsPath(dir, "net");
        byte[] bytes = Files.readAllBytes(params);
        Files.write(params, Arrays.copyOf(bytes, bytes.length - 1000));
        CheckpointException e = assertLoadFails(CLASSIFIER);
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    /** Even with a manifest that vouches for the truncated file, the reader fails cleanly. */
    @Test
    void truncatedFileWithMatchingManifestGivesAClearError() throws Exception {
        saveSmallClassifier();
        Path params = ModelCheckpoint.paramsPath(dir, "net");
        byte[] bytes = Files.readAllBytes(params);
        byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);
        Files.write(params, truncated);
        ObjectMapper json = new ObjectMapper();
        Path manifestFile = ModelCheckpoint.manifestPath(dir, "net");
        ObjectNode manifest = (ObjectNode) json.readTree(manifestFile.toFile());
        manifest.put("paramsBytes", truncated.length);
        manifest.put("paramsSha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(truncated)));
        json.writeValue(manifestFile.toFile(), manifest);
        CheckpointException e = assertLoadFails(CLASSIFIER);
        assertTrue(e.getMessage().contains(params.toString()) && e.getMessage().contains("cannot read"), e.getMessage());
    }

    @Test
    void manifestMismatchNamesTheField() throws IOException {
        saveSmallClassifier();
        assertMismatch(ModelSpec.classifier(ClassifierArch.RESNET18, 100, 0.0625, SAMPLE), "classCount");
        assertMismatch(ModelSpec.classifier(ClassifierArch.VGG16_BN, 10, 0.0625, SAMPLE), "architecture");
        assertMismatch(ModelSpec.classifier(ClassifierArch.RESNET18, 10, 0.125, SAMPLE), "widthMultiplier");
        assertMismatch(ModelSpec.classifier(ClassifierArch.RESNET18, 10, 0.0625, new Shape(1, 16, 16)), "channels");
        assertMismatch(GENERATOR, "kind");
    }

    private void assertMismatch(ModelSpec expected, String field) {
        CheckpointException e = assertLoadFails(expected);
        assertTrue(e.getMessage().contains("net.json") && e.getMessage().contains("'" + field + "'"), e.getMessage());
    }

    @Test
    void missingOrBrokenManifestIsReported() throws IOException {
        CheckpointException missing = assertLoadFails(CLASSIFIER);
        assertTrue(missing.getMessage().contains("not found"), missing.getMessage());
        Files.writeString(ModelCheckpoint.manifestPath(dir, "net"), "{\"formatVersion\": 1, \"kind\": ");
        CheckpointException broken = assertLoadFails(CLASSIFIER);
        assertTrue(broken.getMessage().contains("not a valid checkpoint manifest"), broken.getMessage());
    }

    private void saveSmallClassifier() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelCheckpoint.save(CLASSIFIER.buildInitialized(manager), CLASSIFIER, dir, "net");
        }
    }

    private CheckpointException assertLoadFails(ModelSpec expected) {
        try (NDManager manager = NDManager.newBaseManager()) {
            return assertThrows(CheckpointException.class, () -> ModelCheckpoint.load(dir, "net", expected, manager));
        }
    }
}
