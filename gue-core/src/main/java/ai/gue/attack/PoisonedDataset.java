package ai.gue.attack;

import ai.gue.data.ImageDataset;

/**
 * A poisoned copy of a dataset with the measured size of its perturbation on the stored bytes.
 *
 * @param dataset        the poisoned images (8-bit), same labels and order as the clean set
 * @param maxAbsDelta    the largest |x' − x| over all pixels, in grey levels (0..255)
 * @param meanL2         mean over images of ‖x' − x‖₂ on the [0, 1] scale
 * @param changedShare   share of pixel values that differ from the clean ones
 */
public record PoisonedDataset(ImageDataset dataset, int maxAbsDelta, double meanL2, double changedShare) {}
