package ai.gue.compare;

/**
 * The content of a cell's {@code result.json}: what was asked and what was measured.
 *
 * @param config what determined the result
 * @param result what the cell measured
 */
public record CellRecord(CellConfig config, CellResult result) {}
