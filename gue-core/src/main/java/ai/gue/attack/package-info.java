/**
 * Poison attacks: budgets, the GUE generator as a poison, the random-noise baseline, and applying
 * a poison to a dataset with the budget enforced on the stored bytes.
 */
package ai.gue.attack;
