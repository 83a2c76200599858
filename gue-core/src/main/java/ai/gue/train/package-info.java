/**
 * Victim training: a classifier trained from scratch on (possibly poisoned) data with SGD,
 * a learning-rate schedule and crop/flip augmentation, measured on clean test data every epoch;
 * and the optimiser and parameter bookkeeping the game and the crafted attacks share (Adam,
 * ParameterArrays, gradient clearing).
 */
package ai.gue.train;
