/**
 * The end-to-end pipeline behind {@code gue run}: game, poisoning, victims and report in one run
 * folder. It only orchestrates the other packages; it owns no math.
 */
package ai.gue.pipeline;
