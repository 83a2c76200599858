package ai.gue.defense;

import ai.gue.data.ImageShape;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * JPEG compression: each image is encoded as a baseline JPEG at {@code quality} (1-100, the IJG
 * scale of libjpeg and PIL) with the JDK's encoder, then decoded. Quality 10 removes most L∞
 * availability poisons in Image Shortcut Squeezing's comparison (DESIGN.md section 6). RGB and
 * single-channel images are supported.
 */
public final class JpegFilter implements ImageFilter {

    private final int quality;

    public JpegFilter(int quality) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("JPEG quality must be in [1, 100], got " + quality);
        }
        this.quality = quality;
    }

    @Override
    public void filter(byte[] source, int offset, ImageShape shape, byte[] target) {
        int h = shape.height();
        int w = shape.width();
        int plane = h * w;
        boolean rgb = switch (shape.channels()) {
            case 3 -> true;
            case 1 -> false;
            default -> throw new IllegalArgumentException("JPEG needs 1 or 3 channels, not " + shape.channels());
        };
        BufferedImage image = new BufferedImage(w, h, rgb ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        for (int p = 0; p < plane; p++) {
            if (rgb) {
                int r = source[offset + p] & 0xFF;
                int g = source[offset + plane + p] & 0xFF;
                int b = source[offset + 2 * plane + p] & 0xFF;
                image.setRGB(p % w, p / w, (r << 16) | (g << 8) | b);
            } else {
                image.getRaster().setSample(p % w, p / w, 0, source[offset + p] & 0xFF);
            }
        }
        BufferedImage decoded = decode(encode(image));
        for (int p = 0; p < plane; p++) {
            if (rgb) {
                int argb = decoded.getRGB(p % w, p / w);
                target[offset + p] = (byte) (argb >> 16);
                target[offset + plane + p] = (byte) (argb >> 8);
                target[offset + 2 * plane + p] = (byte) argb;
            } else {
                target[offset + p] = (byte) decoded.getRaster().getSample(p % w, p / w, 0);
            }
        }
    }

    private byte[] encode(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static BufferedImage decode(byte[] jpeg) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
            if (image == null) {
                throw new IllegalStateException("the JDK could not decode the JPEG it wrote");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG decoding failed", e);
        }
    }

    @Override
    public String describe() {
        return "JPEG compression at quality " + quality;
    }
}
