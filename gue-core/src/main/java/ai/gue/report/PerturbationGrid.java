package ai.gue.report;

import ai.gue.data.ImageDataset;
import ai.gue.data.ImageShape;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A picture of what a poison does to chosen images: one column per image, row 1 the clean image,
 * row 2 the poisoned image, row 3 the perturbation made visible as
 * {@code clamp(round(128 + amplification·(x' − x)), 0, 255)} per channel, so grey means unchanged.
 * Each image is enlarged by an integer factor (nearest neighbour, so pixels stay exact); optional
 * labels name the rows and the columns' classes.
 */
public final class PerturbationGrid {

    /** How many images a grid shows by default (the first of each class, as many classes as CIFAR-10 has). */
    public static final int DEFAULT_IMAGES = 10;
    /** Space between cells, in output pixels. */
    public static final int GAP = 2;
    /** Width of the row-label margin when labels are drawn. */
    public static final int LABEL_WIDTH = 96;
    /** Height of the class-name margin when labels are drawn. */
    public static final int LABEL_HEIGHT = 14;

    /**
     * How to draw the grid.
     *
     * @param scale         integer enlargement of each image, in [1, 16]
     * @param amplification factor applied to {@code x' − x} in the third row; positive and finite
     * @param labels        whether to draw row and class labels
     */
    public record Options(int scale, double amplification, boolean labels) {

        public Options {
            if (scale < 1 || scale > 16) {
                throw new IllegalArgumentException("grid scale must be in [1, 16], got " + scale);
            }
            if (!(amplification > 0) || Double.isInfinite(amplification)) {
                throw new IllegalArgumentException("amplification must be a positive number, got " + amplification);
            }
        }

        /** Scale 3 with labels, amplified so that a change of {@code maxPixelDelta} fills the range. */
        public static Options forMaxPixelDelta(int maxPixelDelta) {
            return new Options(3, defaultAmplification(maxPixelDelta), true);
        }
    }

    /**
     * Where things are in the picture.
     *
     * @param width      picture width
     * @param height     picture height
     * @param left       x of the first column
     * @param top        y of the first row
     * @param cellWidth  width of one enlarged image
     * @param cellHeight height of one enlarged image
     */
    public record Layout(int width, int height, int left, int top, int cellWidth, int cellHeight) {

        /** x of the left edge of {@code column}. */
        public int cellX(int column) {
            return left + column * (cellWidth + GAP);
        }

        /** y of the top edge of {@code row} (0 clean, 1 poisoned, 2 perturbation). */
        public int cellY(int row) {
            return top + row * (cellHeight + GAP);
        }
    }

    private static final int ROWS = 3;

    private final Options options;

    public PerturbationGrid(Options options) {
        this.options = options;
    }

    /** 127 / maxPixelDelta: a perturbation at the budget maps to 1 or 255 (1 for a budget below one grey level). */
    public static double defaultAmplification(int maxPixelDelta) {
        return 127.0 / Math.max(1, maxPixelDelta);
    }

    /** The third row's value for one channel: {@code clamp(round(128 + amplification·(poisoned − clean)), 0, 255)}. */
    public static int amplifiedDifference(int clean, int poisoned, double amplification) {
        long value = Math.round(128 + amplification * (poisoned - clean));
        return (int) Math.max(0, Math.min(255, value));
    }

    /** The index of the first image of each class, in class order, at most {@code limit} of them. */
    public static int[] firstOfEachClass(ImageDataset dataset, int limit) {
        int[] first = new int[dataset.classCount()];
        java.util.Arrays.fill(first, -1);
        for (int i = 0; i < dataset.size(); i++) {
            if (first[dataset.label(i)] < 0) {
                first[dataset.label(i)] = i;
            }
        }
        List<Integer> chosen = new ArrayList<>();
        for (int index : first) {
            if (index >= 0 && chosen.size() < limit) {
                chosen.add(index);
            }
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The layout for {@code columns} images of {@code shape}. */
    public Layout layout(ImageShape shape, int columns) {
        int cellWidth = shape.width() * options.scale();
        int cellHeight = shape.height() * options.scale();
        int left = options.labels() ? LABEL_WIDTH : GAP;
        int top = options.labels() ? LABEL_HEIGHT + GAP : GAP;
        int width = left + columns * (cellWidth + GAP);
        int height = top + ROWS * (cellHeight + GAP);
        return new Layout(width, height, left, top, cellWidth, cellHeight);
    }

    /** Draws the grid for the images at {@code indices} of {@code clean} and {@code poisoned} (same order). */
    public BufferedImage render(ImageDataset clean, ImageDataset poisoned, int[] indices) {
        requireComparable(clean, poisoned, indices);
        Png.ensureHeadless();
        ImageShape shape = clean.shape();
        Layout layout = layout(shape, indices.length);
        BufferedImage image = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, layout.width(), layout.height());
            if (options.labels()) {
                drawLabels(g, layout, clean, indices);
            }
        } finally {
            g.dispose();
        }
        for (int column = 0; column < indices.length; column++) {
            int index = indices[column];
            int x = layout.cellX(column);
            paint(image, x, layout.cellY(0), shape, (c, row, col) -> clean.pixel(index, c, row, col));
            paint(image, x, layout.cellY(1), shape, (c, row, col) -> poisoned.pixel(index, c, row, col));
            paint(image, x, layout.cellY(2), shape, (c, row, col) -> amplifiedDifference(
                    clean.pixel(index, c, row, col), poisoned.pixel(index, c, row, col), options.amplification()));
        }
        return image;
    }

    /** Renders the grid and writes it as a PNG file. */
    public void write(ImageDataset clean, ImageDataset poisoned, int[] indices, Path target, boolean overwrite)
            throws IOException {
        Png.write(render(clean, poisoned, indices), target, overwrite);
    }

    @FunctionalInterface
    private interface PixelSource {
        int value(int channel, int row, int column);
    }

    private void paint(BufferedImage image, int x0, int y0, ImageShape shape, PixelSource source) {
        int scale = options.scale();
        boolean grey = shape.channels() == 1;
        for (int row = 0; row < shape.height(); row++) {
            for (int col = 0; col < shape.width(); col++) {
                int r = source.value(0, row, col);
                int gr = grey ? r : source.value(1, row, col);
                int b = grey ? r : source.value(2, row, col);
                int rgb = (r << 16) | (gr << 8) | b;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        image.setRGB(x0 + col * scale + dx, y0 + row * scale + dy, rgb);
                    }
                }
            }
        }
    }

    private void drawLabels(Graphics2D g, Layout layout, ImageDataset clean, int[] indices) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        String[] rows = {"clean", "poisoned", String.format(Locale.ROOT, "diff x%.3g", options.amplification())};
        for (int row = 0; row < ROWS; row++) {
            g.drawString(rows[row], 4, layout.cellY(row) + layout.cellHeight() / 2 + 4);
        }
        for (int column = 0; column < indices.length; column++) {
            Graphics2D clip = (Graphics2D) g.create(layout.cellX(column), 0, layout.cellWidth(), LABEL_HEIGHT + GAP);
            try {
                clip.drawString(clean.classNames().get(clean.label(indices[column])), 1, LABEL_HEIGHT - 3);
            } finally {
                clip.dispose();
            }
        }
    }

    private static void requireComparable(ImageDataset clean, ImageDataset poisoned, int[] indices) {
        if (!clean.shape().equals(poisoned.shape()) || clean.size() != poisoned.size()) {
            throw new IllegalArgumentException("cannot show " + poisoned + " as a perturbation of " + clean
                    + ": expected the same image shape and number of images");
        }
        int channels = clean.shape().channels();
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException(clean.name() + ": a perturbation grid needs 1 or 3 channels, got "
                    + channels);
        }
        if (indices.length == 0) {
            throw new IllegalArgumentException("a perturbation grid needs at least one image index");
        }
        for (int index : indices) {
            if (index < 0 || index >= clean.size()) {
                throw new IllegalArgumentException("image index " + index + " is outside [0, " + clean.size()
                        + ") of " + clean.name());
            }
        }
    }
}
