package ai.gue.attack;

/** Stored 8-bit values to the [0, 1] scale the networks see. */
final class PixelScale {

    private PixelScale() {}

    /** {@code length} values of {@code pixels} from {@code offset}, each divided by 255. */
    static float[] toUnit(byte[] pixels, int offset, int length) {
        float[] values = new float[length];
        for (int k = 0; k < length; k++) {
            values[k] = (pixels[offset + k] & 0xFF) / 255f;
        }
        return values;
    }
}
