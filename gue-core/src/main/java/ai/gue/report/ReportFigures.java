package ai.gue.report;

/**
 * The figures a run report links, as paths relative to the report; a null path leaves the figure out.
 *
 * @param accuracy      clean test accuracy per epoch of the victims
 * @param gameCurves    the game's payoff, losses and λ per step
 * @param perturbations the perturbation grid
 */
public record ReportFigures(String accuracy, String gameCurves, String perturbations) {

    /** No figures. */
    public static final ReportFigures NONE = new ReportFigures(null, null, null);
}
