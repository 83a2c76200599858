/**
 * Reports of runs: PNG figures (perturbation grids, accuracy and game curves, rendered headless)
 * and Markdown documents that link them. Everything is written atomically.
 */
package ai.gue.report;
