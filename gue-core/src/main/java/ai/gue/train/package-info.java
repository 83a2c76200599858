/**
 * Victim training: a classifier trained from scratch on (possibly poisoned) data with SGD,
 * a learning-rate schedule and crop/flip augmentation, measured on clean test data every epoch.
 */
package ai.gue.train;
