package ai.gue.export;

/**
 * The element types gue writes into safetensors files, with the names the format uses in its
 * header ("F32", "I64"; see the format description at github.com/huggingface/safetensors).
 */
public enum SafetensorsDtype {
    /** IEEE-754 single precision, little-endian. */
    F32(4),
    /** Two's-complement 64-bit integer, little-endian (PyTorch's {@code num_batches_tracked}). */
    I64(8);

    private final int bytes;

    SafetensorsDtype(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** The header name, e.g. "F32". */
    public String headerName() {
        return name();
    }

    /** The type for a header name. */
    public static SafetensorsDtype parse(String headerName) {
        for (SafetensorsDtype d : values()) {
            if (d.name().equals(headerName)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unsupported safetensors dtype '" + headerName + "' (gue reads F32 and I64)");
    }
}
