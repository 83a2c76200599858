package ai.gue.defense;

import ai.gue.data.ImageShape;

/**
 * Grayscale: every channel becomes the ITU-R 601-2 luma {@code L = (299 R + 587 G + 114 B) / 1000},
 * truncated to an integer as PIL's {@code convert("L")} does, so a three-channel victim is kept
 * (torchvision's {@code Grayscale(num_output_channels=3)}). Images with other than three channels
 * are returned unchanged, since luma is defined for RGB only.
 */
public final class GrayscaleFilter implements ImageFilter {

    @Override
    public void filter(byte[] source, int offset, ImageShape shape, byte[] target) {
        int plane = shape.height() * shape.width();
        if (shape.channels() != 3) {
            System.arraycopy(source, offset, target, offset, shape.pixelCount());
            return;
        }
        for (int p = 0; p < plane; p++) {
            int r = source[offset + p] & 0xFF;
            int g = source[offset + plane + p] & 0xFF;
            int b = source[offset + 2 * plane + p] & 0xFF;
            byte luma = (byte) ((r * 299 + g * 587 + b * 114) / 1000);
            target[offset + p] = luma;
            target[offset + plane + p] = luma;
            target[offset + 2 * plane + p] = luma;
        }
    }

    @Override
    public String describe() {
        return "grayscale (ITU-R 601 luma in all channels)";
    }
}
