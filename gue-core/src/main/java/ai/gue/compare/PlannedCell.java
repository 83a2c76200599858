package ai.gue.compare;

/**
 * A cell of a grid with where it stands.
 *
 * @param cell     the cell
 * @param status   done, pending, failed or stale
 * @param previous its stored result (DONE or FAILED), else null
 * @param reason   why it is stale, else null
 */
public record PlannedCell(CellKey cell, CellStatus status, CellResult previous, String reason) {}
