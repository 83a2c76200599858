package ai.gue.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A labelled set of 8-bit images held in memory: image {@code i} occupies bytes
 * {@code [i * shape.pixelCount(), (i + 1) * shape.pixelCount())} of {@link #pixels()} in planar
 * (C, H, W) order, and its class is {@code labels[i]}, an index into {@link #classNames()}.
 *
 * <p>Immutable by convention: constructors copy nothing (the datasets are large), so callers must
 * not modify the arrays they pass in or get out. Derived datasets ({@link #select}) copy.
 */
public record ImageDataset(String name, ImageShape shape, byte[] pixels, int[] labels, List<String> classNames) {

    public ImageDataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(labels, "labels");
        classNames = List.copyOf(classNames);
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException(name + ": a dataset needs at least one class");
        }
        if ((long) labels.length * shape.pixelCount() != pixels.length) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels but "
                    + pixels.length + " pixel bytes (expected " + (long) labels.length * shape.pixelCount()
                    + " for images of " + shape + ")");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException(name + ": label " + labels[i] + " of image " + i
                        + " is outside [0, " + classNames.size() + ")");
            }
        }
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** Number of classes. */
    public int classCount() {
        return classNames.size();
    }

    /** Label of image {@code index}. */
    public int label(int index) {
        return labels[index];
    }

    /** A copy of image {@code index}'s bytes, planar (C, H, W). */
    public byte[] image(int index) {
        int n = shape.pixelCount();
        return Arrays.copyOfRange(pixels, index * n, (index + 1) * n);
    }

    /** Pixel value of image {@code index} at (channel, row, column), in [0, 255]. */
    public int pixel(int index, int channel, int row, int column) {
        int offset = index * shape.pixelCount() + (channel * shape.height() + row) * shape.width() + column;
        return pixels[offset] & 0xFF;
    }

    /** The images at {@code indices}, in that order, as a new dataset (copies the bytes). */
    public ImageDataset select(int[] indices, String newName) {
        int n = shape.pixelCount();
        byte[] selectedPixels = new byte[indices.length * n];
        int[] selectedLabels = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= size()) {
                throw new IndexOutOfBoundsException(name + ": index " + i + " outside [0, " + size() + ")");
            }
            System.arraycopy(pixels, i * n, selectedPixels, k * n, n);
            selectedLabels[k] = labels[i];
        }
        return new ImageDataset(newName, shape, selectedPixels, selectedLabels, classNames);
    }

    /** Count of images per class, indexed by class. */
    public int[] classCounts() {
        int[] counts = new int[classCount()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * Checks that {@code other} can be compared with this dataset image for image, as a poisoned
     * copy with its clean original: same number of images, same shape, same labels in the same order.
     *
     * @throws IllegalArgumentException naming both datasets otherwise
     */
    public void requirePairedWith(ImageDataset other) {
        String rule = ": they must hold the same images in the same order (same count, shape and labels)";
        if (size() != other.size() || !shape.equals(other.shape)) {
            throw new IllegalArgumentException("cannot compare " + this + " with " + other + rule);
        }
        int differing = Arrays.mismatch(labels, other.labels);
        if (differing >= 0) {
            throw new IllegalArgumentException("cannot compare " + this + " with " + other + rule + "; image "
                    + differing + " has label " + labels[differing] + " in " + name + " but "
                    + other.labels[differing] + " in " + other.name);
        }
    }

    /** The largest |other − this| over all values, in grey levels (0 when equal); the datasets must be paired. */
    public int largestDifference(ImageDataset other) {
        requirePairedWith(other);
        int largest = 0;
        for (int k = 0; k < pixels.length; k++) {
            largest = Math.max(largest, Math.abs((other.pixels[k] & 0xFF) - (pixels[k] & 0xFF)));
        }
        return largest;
    }

    /** Value equality on content (records compare arrays by identity). */
    public boolean sameContent(ImageDataset other) {
        return shape.equals(other.shape) && classNames.equals(other.classNames)
                && Arrays.equals(labels, other.labels) && Arrays.equals(pixels, other.pixels);
    }

    @Override
    public String toString() {
        return name + " (" + size() + " images of " + shape + ", " + classCount() + " classes)";
    }
}
