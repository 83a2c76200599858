/** Measuring classifiers: clean accuracy, loss, per-class accuracy. */
package ai.gue.eval;
