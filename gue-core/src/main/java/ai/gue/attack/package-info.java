/**
 * Poison attacks: budgets, the GUE generator as a poison, the model-free baselines (noise, LSP, OPS,
 * AR), the ones crafted against a classifier (EM, REM, TAP, and DeepConfuse, which trains the GUE
 * UNet in Feng et al.'s pseudo-update game), and applying a poison to a dataset with the budget
 * enforced on the stored bytes.
 */
package ai.gue.attack;
