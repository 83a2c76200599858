package ai.gue.defense;

import ai.gue.data.ImageShape;
import java.util.Locale;

/**
 * Gaussian blur: a separable kernel {@code w_k ∝ exp(−k² / 2σ²)}, k = −radius..radius, normalised
 * to sum 1, applied along rows then columns of each channel with edge pixels replicated (as
 * torchvision's {@code GaussianBlur} pads by reflection; replication keeps the kernel valid for any
 * radius). Results are rounded to 8 bits once, at the end.
 */
public final class GaussianBlurFilter implements ImageFilter {

    private final double sigma;
    private final double[] kernel;

    public GaussianBlurFilter(double sigma, int radius) {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("blur sigma must be a positive number of pixels, got " + sigma);
        }
        if (radius < 1) {
            throw new IllegalArgumentException("blur radius must be at least 1 pixel, got " + radius);
        }
        this.sigma = sigma;
        kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int k = -radius; k <= radius; k++) {
            kernel[k + radius] = Math.exp(-k * k / (2 * sigma * sigma));
            sum += kernel[k + radius];
        }
        for (int k = 0; k < kernel.length; k++) {
            kernel[k] /= sum;
        }
    }

    @Override
    public void filter(byte[] source, int offset, ImageShape shape, byte[] target) {
        int h = shape.height();
        int w = shape.width();
        int radius = kernel.length / 2;
        double[] rows = new double[h * w];
        for (int ch = 0; ch < shape.channels(); ch++) {
            int base = offset + ch * h * w;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double sum = 0;
                    for (int k = -radius; k <= radius; k++) {
                        int xx = Math.max(0, Math.min(w - 1, x + k));
                        sum += kernel[k + radius] * (source[base + y * w + xx] & 0xFF);
                    }
                    rows[y * w + x] = sum;
                }
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double sum = 0;
                    for (int k = -radius; k <= radius; k++) {
                        int yy = Math.max(0, Math.min(h - 1, y + k));
                        sum += kernel[k + radius] * rows[yy * w + x];
                    }
                    target[base + y * w + x] = (byte) Math.max(0, Math.min(255, Math.round(sum)));
                }
            }
        }
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "Gaussian blur, sigma %.2f px, %d×%d kernel", sigma, kernel.length,
                kernel.length);
    }
}
