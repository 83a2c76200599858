/**
 * Reports of runs: PNG figures (perturbation grids, accuracy and game curves, rendered headless)
 * and documents that show them: Markdown that links them, and ({@link ai.gue.report.ReportDocument})
 * one self-contained HTML page with the same blocks and the figures embedded. Everything is
 * written atomically.
 */
package ai.gue.report;
