package ai.gue.defense;

import ai.gue.data.ImageShape;

/**
 * Bit-depth reduction (Xu, Evans, Qi: "Feature Squeezing", NDSS 2018): each value v in [0, 255]
 * becomes the nearest of 2^bits evenly spaced levels, {@code round(round(v / 255 · (2^bits − 1)) ·
 * 255 / (2^bits − 1))}. A perturbation smaller than half a level spacing disappears wherever the
 * clean value is not near a level boundary.
 */
public final class BitDepthFilter implements ImageFilter {

    private final int bits;
    private final byte[] table = new byte[256];

    public BitDepthFilter(int bits) {
        if (bits < 1 || bits > 7) {
            throw new IllegalArgumentException("bit depth must be in [1, 7] bits, got " + bits);
        }
        this.bits = bits;
        int top = (1 << bits) - 1;
        for (int v = 0; v < 256; v++) {
            long level = Math.round(v / 255.0 * top);
            table[v] = (byte) Math.round(level * 255.0 / top);
        }
    }

    @Override
    public void filter(byte[] source, int offset, ImageShape shape, byte[] target) {
        for (int k = offset; k < offset + shape.pixelCount(); k++) {
            target[k] = table[source[k] & 0xFF];
        }
    }

    @Override
    public String describe() {
        return "bit-depth reduction to " + bits + " bits";
    }
}
