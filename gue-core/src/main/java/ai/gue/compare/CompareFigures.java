package ai.gue.compare;

import ai.gue.report.AccuracyPlot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The grid's figures that are drawn from cell results: one accuracy-per-epoch chart per attack. */
final class CompareFigures {

    private CompareFigures() {}

    /** Writes the clean test accuracy per epoch of every cell of {@code attack}'s row, one line per cell. */
    static void writeAccuracy(String attack, List<CellResult> row, Path target) throws IOException {
        List<AccuracyPlot.Series> series = row.stream()
                .map(r -> new AccuracyPlot.Series(r.cell().victim() + " / " + r.cell().defense() + " / seed "
                        + r.cell().seed(), r.testAccuracies()))
                .toList();
        AccuracyPlot.write("clean test accuracy per epoch, attack " + attack, series, target, true);
    }
}
