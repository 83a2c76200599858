/**
 * Poison attacks: budgets, the GUE generator as a poison, and applying a poison to a dataset with
 * the budget enforced on the stored bytes.
 */
package ai.gue.attack;
