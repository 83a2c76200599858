package ai.gue.train;

/**
 * One mini-batch prepared on the Java side: {@code images} holds {@code size} images as floats in
 * [0, 1], planar (N, C, H, W); {@code labels} their classes; {@code indices} their positions in the
 * source dataset. A mixed batch (mixup, CutMix) also names each image's partner class and the
 * weight of its own class in the target; an unmixed batch has both null.
 *
 * @param partnerLabels class of the image each image was mixed with, or null
 * @param ownWeights    weight of {@code labels[k]} in image k's target (the partner's is 1 − it), or null
 */
public record HostBatch(float[] images, int[] labels, int[] indices, int[] partnerLabels, float[] ownWeights) {

    /** An unmixed batch. */
    public HostBatch(float[] images, int[] labels, int[] indices) {
        this(images, labels, indices, null, null);
    }

    /** Number of images in the batch. */
    public int size() {
        return labels.length;
    }

    /** Whether the targets are mixtures of two classes. */
    public boolean mixed() {
        return partnerLabels != null;
    }
}
