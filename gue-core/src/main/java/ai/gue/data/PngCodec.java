package ai.gue.data;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Exact 8-bit PNG decoding and encoding with {@code javax.imageio}. Samples are read straight from
 * the raster, never through {@code getRGB}, so no colour-space, gamma or ICC conversion can
 * change a value. Supported: 8-bit grey (1 channel), RGB (3) and RGBA (4), and palette images
 * (expanded to RGB, or RGBA if the palette has alpha). Other bit depths are rejected.
 */
public final class PngCodec {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /** A decoded image: planar (C, H, W) bytes and their shape. */
    public record Decoded(ImageShape shape, byte[] pixels) {
    }

    private PngCodec() {
    }

    /** Decodes a PNG file. */
    public static Decoded read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file);
        }
    }

    /** Decodes a PNG stream; {@code source} names it in error messages. */
    public static Decoded read(InputStream in, Path source) throws IOException {
        BufferedImage image = decode(in, source);
        return new Decoded(shapeOf(image, source), planar(image, source));
    }

    /**
     * Decodes a PNG stream to a {@link BufferedImage}, for callers that read huge images row by
     * row (use {@link #channels} and {@code getRaster().getPixels}).
     */
    public static BufferedImage decode(InputStream in, Path source) throws IOException {
        byte[] signature = in.readNBytes(SIGNATURE.length);
        if (!java.util.Arrays.equals(signature, SIGNATURE)) {
            throw new DataFormatException(source, "not a PNG file (the first 8 bytes are not the PNG signature)");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("png");
        ImageReader reader = readers.next();
        // The signature was consumed above; prepend it again. A memory cache avoids temp files.
        InputStream whole = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(signature), in);
        try (ImageInputStream iis = new MemoryCacheImageInputStream(whole)) {
            reader.setInput(iis, true, true);
            return reader.read(0);
        } catch (IIOException e) {
            throw new DataFormatException(source, "corrupt PNG: " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    /** Number of channels the image decodes to: 1, 3 or 4. */
    public static int channels(BufferedImage image, Path source) {
        if (image.getColorModel() instanceof IndexColorModel palette) {
            return palette.hasAlpha() ? 4 : 3;
        }
        Raster raster = image.getRaster();
        for (int b = 0; b < raster.getNumBands(); b++) {
            int bits = raster.getSampleModel().getSampleSize(b);
            if (bits != 8) {
                throw new DataFormatException(source, "has " + bits + "-bit samples; expected 8-bit");
            }
        }
        int bands = raster.getNumBands();
        if (bands == 2) {
            throw new DataFormatException(source, "is grey + alpha (2 channels); expected 1, 3 or 4 channels");
        }
        return bands;
    }

    private static ImageShape shapeOf(BufferedImage image, Path source) {
        return new ImageShape(channels(image, source), image.getHeight(), image.getWidth());
    }

    private static byte[] planar(BufferedImage image, Path source) {
        int w = image.getWidth();
        int h = image.getHeight();
        int c = channels(image, source);
        int plane = w * h;
        byte[] out = new byte[c * plane];
        Raster raster = image.getRaster();
        int[] row = new int[w * raster.getNumBands()];
        IndexColorModel palette = image.getColorModel() instanceof IndexColorModel p ? p : null;
        for (int y = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, row);
            for (int x = 0; x < w; x++) {
                if (palette != null) {
                    int index = row[x];
                    out[y * w + x] = (byte) palette.getRed(index);
                    out[plane + y * w + x] = (byte) palette.getGreen(index);
                    out[2 * plane + y * w + x] = (byte) palette.getBlue(index);
                    if (c == 4) {
                        out[3 * plane + y * w + x] = (byte) palette.getAlpha(index);
                    }
                } else {
                    for (int ch = 0; ch < c; ch++) {
                        out[ch * plane + y * w + x] = (byte) row[x * c + ch];
                    }
                }
            }
        }
        return out;
    }

    /** Encodes planar (C, H, W) bytes of 1, 3 or 4 channels as an 8-bit PNG file (not atomic: callers are). */
    public static void write(ImageShape shape, byte[] pixels, int offset, Path file) throws IOException {
        int type = switch (shape.channels()) {
            case 1 -> BufferedImage.TYPE_BYTE_GRAY;
            case 3 -> BufferedImage.TYPE_3BYTE_BGR;
            case 4 -> BufferedImage.TYPE_4BYTE_ABGR;
            default -> throw new IllegalArgumentException("PNG export supports 1, 3 or 4 channels, not " + shape);
        };
        int w = shape.width();
        int h = shape.height();
        int c = shape.channels();
        int plane = w * h;
        BufferedImage image = new BufferedImage(w, h, type);
        WritableRaster raster = image.getRaster();
        int[] interleaved = new int[plane * c];
        for (int p = 0; p < plane; p++) {
            for (int ch = 0; ch < c; ch++) {
                interleaved[p * c + ch] = pixels[offset + ch * plane + p] & 0xFF;
            }
        }
        // Raster bands are in R, G, B(, A) order whatever the byte layout of the image type.
        raster.setPixels(0, 0, w, h, interleaved);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(image);
        } finally {
            writer.dispose();
        }
    }
}
