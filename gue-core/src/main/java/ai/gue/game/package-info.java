/**
 * The GUE game (Liu, Wang, Gao, AAAI 2024): a Stackelberg game between a poison generator
 * (leader) and a victim classifier (follower), solved with BOME's first-order bilevel updates.
 * {@link ai.gue.game.BomeStep} is one step; {@link ai.gue.game.GameTrainer} owns the loop,
 * checkpoints, resume and the selection of the best generator.
 */
package ai.gue.game;
