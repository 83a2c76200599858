package ai.gue.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the safetensors format (github.com/huggingface/safetensors, "Format" in its README):
 * an unsigned 64-bit little-endian header length N, N bytes of UTF-8 JSON mapping each tensor name
 * to {@code {"dtype", "shape", "data_offsets": [begin, end]}} (offsets into the data that follows,
 * contiguous, no holes) plus an optional {@code "__metadata__"} map of strings, then the tensors'
 * raw little-endian bytes. The header is padded with spaces to a multiple of 8 bytes, as the
 * reference implementation does, so the data starts aligned.
 *
 * <p>Tensors are written in the order given, so the file lists them in the order of the source
 * network's {@code state_dict}.
 */
public final class SafetensorsWriter {

    /** The reserved header key for the string-to-string metadata. */
    public static final String METADATA_KEY = "__metadata__";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsWriter() {}

    /** Writes {@code tensors} (distinct names, none equal to {@link #METADATA_KEY}) and {@code metadata}. */
    public static void write(OutputStream out, List<SafetensorsTensor> tensors, Map<String, String> metadata)
            throws IOException {
        byte[] header = header(tensors, metadata);
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
        out.write(header);
        for (SafetensorsTensor tensor : tensors) {
            tensor.writeTo(out);
        }
    }

    /** The padded JSON header. */
    static byte[] header(List<SafetensorsTensor> tensors, Map<String, String> metadata) throws JsonProcessingException {
        Map<String, Object> header = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            header.put(METADATA_KEY, new LinkedHashMap<>(metadata));
        }
        Set<String> names = new HashSet<>();
        long offset = 0;
        for (SafetensorsTensor tensor : tensors) {
            if (tensor.name().equals(METADATA_KEY) || !names.add(tensor.name())) {
                throw new IllegalArgumentException("tensor name '" + tensor.name() + "' is reserved or given twice");
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", tensor.dtype().headerName());
            entry.put("shape", Arrays.stream(tensor.shape()).boxed().toList());
            entry.put("data_offsets", List.of(offset, offset + tensor.byteCount()));
            header.put(tensor.name(), entry);
            offset += tensor.byteCount();
        }
        byte[] json = JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] bytes = Arrays.copyOf(json, padded);
        Arrays.fill(bytes, json.length, padded, (byte) ' ');
        return bytes;
    }
}
