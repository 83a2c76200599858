package ai.gue.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.util.Pair;
import ai.gue.attack.Budget;
import ai.gue.attack.GeneratorCheckpoint;
import ai.gue.attack.GeneratorPoison;
import ai.gue.data.DataFormatException;
import ai.gue.data.ImageShape;
import ai.gue.model.Initialization;
import ai.gue.model.UNetGenerator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorExportTest {

    private static final int WIDTH = 4;
    private static final ImageShape SHAPE = new ImageShape(3, 16, 16);

    @TempDir
    Path dir;

    /**
     * A width-4 generator whose every parameter and running statistic is random (not PyTorch's
     * constant BatchNorm initialisation), saved as a generator folder.
     */
    private Map<String, float[]> saveRandomGenerator(Path folder) throws IOException {
        Map<String, float[]> values = new HashMap<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            UNetGenerator generator = Initialization.initialize(UNetGenerator.build(3, WIDTH), manager,
                    new Shape(1, 3, 16, 16));
            SplittableRandom random = new SplittableRandom(7);
            for (Pair<String, Parameter> p : generator.getParameters()) {
                NDArray array = p.getValue().getArray();
                float[] v = new float[Math.toIntExact(array.size())];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) random.nextDouble(0.1, 2.0); // positive, so valid as a running variance too
                }
                array.set(v);
                values.put(p.getKey(), v);
            }
            GeneratorCheckpoint.save(new GeneratorPoison(generator, Budget.linf(8)), WIDTH, SHAPE, folder);
        }
        return values;
    }

    @Test
    void everyTensorHoldsExactlyTheGeneratorsBytes() throws IOException {
        Path folder = dir.resolve("gen");
        Map<String, float[]> djl = saveRandomGenerator(folder);
        Path file = dir.resolve("g.safetensors");
        GeneratorExport.Result result = GeneratorExport.export(folder, file, false);

        SafetensorsReader.Contents contents = SafetensorsReader.read(file);
        List<UNetStateDict.Tensor> layout = UNetStateDict.layout(3, WIDTH);
        assertEquals(layout.stream().map(UNetStateDict.Tensor::torchKey).toList(),
                new ArrayList<>(contents.tensors().keySet()), "state_dict keys, in order, nothing else");
        long elements = 0;
        for (UNetStateDict.Tensor t : layout) {
            SafetensorsTensor stored = contents.tensors().get(t.torchKey());
            assertEquals(SafetensorsDtype.F32, stored.dtype());
            assertArrayEquals(t.shape(), stored.shape(), t.torchKey());
            float[] expected = djl.get(t.djlName());
            if (t.skipChannels() > 0) {
                expected = GeneratorExport.skipLastOnInputAxis(expected, t.shape(), t.skipChannels());
            }
            assertArrayEquals(littleEndian(expected), stored.data(), "bytes of " + t.torchKey());
            if (t.role() == UNetStateDict.Role.PARAMETER) {
                elements += t.elementCount();
            }
        }
        assertEquals(UNetStateDict.parameterCount(layout), elements);
        assertEquals(elements, result.parameterCount());
        assertEquals(layout.size(), result.tensors());
        assertEquals(Files.size(file), result.bytes());

        // Offsets: contiguous, in writing order, starting at 0 and ending at the end of the file.
        long next = 0;
        for (Map.Entry<String, long[]> e : contents.dataOffsets().entrySet()) {
            assertEquals(next, e.getValue()[0], e.getKey());
            next = e.getValue()[1];
        }
        long headerLength = ByteBuffer.wrap(Files.readAllBytes(file), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8, "data section aligned");
        assertEquals(Files.size(file), 8 + headerLength + next);

        Map<String, String> metadata = contents.metadata();
        assertEquals(GeneratorExport.FORMAT, metadata.get("format"));
        assertEquals("4", metadata.get("base_width"));
        assertEquals("8/255", metadata.get("budget"));
        assertEquals(8 / 255.0, Double.parseDouble(metadata.get("epsilon")));
        assertEquals("[3, 16, 16]", metadata.get("image_shape"));
        assertEquals(Long.toString(elements), metadata.get("parameter_count"));
        assertTrue(metadata.containsKey("gue_commit") && metadata.get("gue_version").startsWith("gue "));
    }

    @Test
    void existingOutputIsRefusedUnlessOverwriting() throws IOException {
        Path folder = dir.resolve("gen");
        saveRandomGenerator(folder);
        Path file = dir.resolve("g.safetensors");
        Files.writeString(file, "keep me");
        assertThrows(FileAlreadyExistsException.class, () -> GeneratorExport.export(folder, file, false));
        assertEquals("keep me", Files.readString(file));
        GeneratorExport.export(folder, file, true);
        assertEquals(UNetStateDict.layout(3, WIDTH).size(), SafetensorsReader.read(file).tensors().size());
        try (var list = Files.list(dir)) {
            assertEquals(List.of("g.safetensors", "gen"), list.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary file left behind");
        }
    }

    /** By hand: out = 1, in = skip 1 + deep 2, 1×1 kernel; gue [s, d1, d2] becomes PyTorch's [d1, d2, s]. */
    @Test
    void upBlockWeightPutsTheUpsampledChannelsFirst() {
        float[] gue = {10, 20, 30, /* second output */ 11, 21, 31};
        assertArrayEquals(new float[] {20, 30, 10, 21, 31, 11},
                GeneratorExport.skipLastOnInputAxis(gue, new long[] {2, 3, 1, 1}, 1));
    }

    /** The reordered weight computes the same convolution on the authors' concatenation order. */
    @Test
    void reorderedWeightGivesTheSameConvolutionOnTheAuthorsConcatenation() {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(3);
            NDArray skip = manager.randomNormal(new Shape(2, 2, 5, 5));
            NDArray up = manager.randomNormal(new Shape(2, 3, 5, 5));
            NDArray weight = manager.randomNormal(new Shape(4, 5, 3, 3));
            long[] shape = weight.getShape().getShape();
            NDArray reordered = manager.create(
                    GeneratorExport.skipLastOnInputAxis(weight.toFloatArray(), shape, 2), weight.getShape());
            NDArray gue = Conv2d.conv2d(skip.concat(up, 1), weight, null, new Shape(1, 1), new Shape(1, 1),
                    new Shape(1, 1)).singletonOrThrow();
            NDArray authors = Conv2d.conv2d(up.concat(skip, 1), reordered, null, new Shape(1, 1), new Shape(1, 1),
                    new Shape(1, 1)).singletonOrThrow();
            assertTrue(gue.sub(authors).abs().max().getFloat() < 1e-5f);
        }
    }

    @Test
    void readerRejectsAHoleInTheDataNamingTheFile() throws IOException {
        byte[] header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}".getBytes();
        Path file = dir.resolve("hole.safetensors");
        ByteBuffer buffer = ByteBuffer.allocate(8 + header.length + 12).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(header.length).put(header);
        Files.write(file, buffer.array());
        DataFormatException e = assertThrows(DataFormatException.class, () -> SafetensorsReader.read(file));
        assertTrue(e.getMessage().contains("hole.safetensors") && e.getMessage().contains("contiguous"),
                e.getMessage());
    }

    private static byte[] littleEndian(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buffer.putInt(Float.floatToRawIntBits(v));
        }
        return buffer.array();
    }
}
