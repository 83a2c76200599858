package ai.gue.export;

import ai.gue.data.DataFormatException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a safetensors file written by {@link SafetensorsWriter} (or any writer of F32/I64 tensors)
 * and checks what the format requires: a header length that fits the file, a JSON object header,
 * known dtypes, byte ranges that match each shape and tile the data section exactly (contiguous,
 * no overlap, no hole, nothing after the last tensor). Every problem names the file and the tensor.
 */
public final class SafetensorsReader {

    /** Larger headers are refused rather than allocated (the reference implementation uses 100 MB). */
    static final long MAX_HEADER_BYTES = 100L << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A parsed file.
     *
     * @param metadata the {@code __metadata__} map (empty if absent)
     * @param tensors the tensors in header order
     * @param dataOffsets each tensor's {@code [begin, end)} in the data section, in header order
     */
    public record Contents(Map<String, String> metadata, Map<String, SafetensorsTensor> tensors,
            Map<String, long[]> dataOffsets) {}

    private SafetensorsReader() {}

    /** Reads and validates {@code file}. */
    public static Contents read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < 8) {
            throw new DataFormatException(file, "only " + bytes.length + " bytes; a safetensors file starts with an "
                    + "8-byte header length");
        }
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || 8 + headerLength > bytes.length) {
            throw new DataFormatException(file, "header length " + headerLength + " does not fit a file of "
                    + bytes.length + " bytes");
        }
        int dataStart = (int) (8 + headerLength);
        JsonNode header;
        try {
            header = JSON.readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DataFormatException(file, "header is not valid JSON: " + e.getMessage(), e);
        }
        if (header == null || !header.isObject()) {
            throw new DataFormatException(file, "header is not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, SafetensorsTensor> tensors = new LinkedHashMap<>();
        Map<String, long[]> offsets = new LinkedHashMap<>();
        long dataLength = bytes.length - dataStart;
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode node = field.getValue();
            if (name.equals(SafetensorsWriter.METADATA_KEY)) {
                node.fields().forEachRemaining(m -> {
                    if (!m.getValue().isTextual()) {
                        throw new DataFormatException(file, "__metadata__ value '" + m.getKey() + "' is not a string");
                    }
                    metadata.put(m.getKey(), m.getValue().asText());
                });
                continue;
            }
            SafetensorsDtype dtype;
            try {
                dtype = SafetensorsDtype.parse(node.path("dtype").asText(""));
            } catch (IllegalArgumentException e) {
                throw new DataFormatException(file, "tensor '" + name + "': " + e.getMessage(), e);
            }
            long[] shape = longs(file, name, node.path("shape"), -1);
            long[] range = longs(file, name, node.path("data_offsets"), 2);
            if (range[0] > range[1] || range[1] > dataLength) {
                throw new DataFormatException(file, "tensor '" + name + "': data_offsets " + Arrays.toString(range)
                        + " outside the " + dataLength + "-byte data section");
            }
            byte[] data = Arrays.copyOfRange(bytes, dataStart + (int) range[0], dataStart + (int) range[1]);
            try {
                tensors.put(name, new SafetensorsTensor(name, dtype, shape, data));
            } catch (IllegalArgumentException e) {
                throw new DataFormatException(file, "tensor '" + name + "': " + e.getMessage(), e);
            }
            offsets.put(name, range);
        }
        checkTiling(file, offsets, dataLength);
        return new Contents(Map.copyOf(metadata), tensors, offsets);
    }

    /** The byte ranges, sorted, must start at 0, touch each other and end at the end of the file. */
    private static void checkTiling(Path file, Map<String, long[]> offsets, long dataLength) {
        List<Map.Entry<String, long[]>> sorted = new ArrayList<>(offsets.entrySet());
        sorted.sort(Comparator.comparingLong(e -> e.getValue()[0]));
        long expected = 0;
        for (Map.Entry<String, long[]> e : sorted) {
            if (e.getValue()[0] != expected) {
                throw new DataFormatException(file, "tensor '" + e.getKey() + "' starts at byte " + e.getValue()[0]
                        + " of the data section but the previous tensor ends at " + expected
                        + " (the data must be contiguous)");
            }
            expected = e.getValue()[1];
        }
        if (expected != dataLength) {
            throw new DataFormatException(file, "the tensors cover " + expected + " bytes but the data section has "
                    + dataLength);
        }
    }

    private static long[] longs(Path file, String name, JsonNode node, int expectedSize) {
        if (!node.isArray() || (expectedSize >= 0 && node.size() != expectedSize)) {
            throw new DataFormatException(file, "tensor '" + name + "': expected an array"
                    + (expectedSize >= 0 ? " of " + expectedSize + " integers" : " of integers") + ", got " + node);
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = node.get(i);
            if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0) {
                throw new DataFormatException(file, "tensor '" + name + "': " + v + " is not a non-negative integer");
            }
            values[i] = v.asLong();
        }
        return values;
    }
}
