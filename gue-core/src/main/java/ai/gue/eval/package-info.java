/**
 * Measuring classifiers and poisons: clean accuracy, loss, per-class accuracy, the victim
 * protocol as a job, and the records of a whole unlearnability run (game, poisons, victims).
 */
package ai.gue.eval;
