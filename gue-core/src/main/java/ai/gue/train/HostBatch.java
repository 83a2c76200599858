package ai.gue.train;

/**
 * One mini-batch prepared on the Java side: {@code images} holds {@code size} images as floats in
 * [0, 1], planar (N, C, H, W); {@code labels} their classes; {@code indices} their positions in the
 * source dataset.
 */
public record HostBatch(float[] images, int[] labels, int[] indices) {

    /** Number of images in the batch. */
    public int size() {
        return labels.length;
    }
}
