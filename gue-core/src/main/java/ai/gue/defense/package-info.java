/**
 * Defenses a data user can apply to a (possibly poisoned) training set before training a victim:
 * the image-squeezing filters of the literature (grayscale, JPEG compression, bit-depth reduction,
 * Gaussian blur; Liu et al., "Image Shortcut Squeezing", ICML 2023).
 */
package ai.gue.defense;
