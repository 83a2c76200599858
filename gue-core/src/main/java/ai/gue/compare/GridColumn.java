package ai.gue.compare;

/**
 * A column of the comparison table: one victim behind one defense (the seeds of a column are
 * summarised in one value).
 *
 * @param victim  the victim's name
 * @param defense the defense's name
 */
public record GridColumn(String victim, String defense) {}
