package ai.gue.pipeline;

import ai.gue.report.EfficacyPlot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** An efficacy curve's measurements grouped per point: means over victim seeds, plot series, the Markdown table. */
final class CurveTable {

    private CurveTable() {}

    /** The victims of one point (or of the clean reference). */
    record Row(String label, String series, int gameImages, int gameEpochs, long gameSteps,
            List<CurveMeasurement> victims) {

        double meanAccuracy() {
            return victims.stream().mapToDouble(CurveMeasurement::testAccuracy).average().orElse(Double.NaN);
        }

        /** Sample standard deviation over the seeds; NaN for one seed. */
        double stdAccuracy() {
            if (victims.size() < 2) {
                return Double.NaN;
            }
            double mean = meanAccuracy();
            double squares = victims.stream().mapToDouble(v -> (v.testAccuracy() - mean) * (v.testAccuracy() - mean))
                    .sum();
            return Math.sqrt(squares / (victims.size() - 1));
        }

        double meanTrainAccuracy() {
            return victims.stream().mapToDouble(CurveMeasurement::trainAccuracy).average().orElse(Double.NaN);
        }
    }

    /** Rows in measurement order, one per label. */
    static List<Row> rows(List<CurveMeasurement> measured) {
        Map<String, List<CurveMeasurement>> byLabel = measured.stream()
                .collect(Collectors.groupingBy(CurveMeasurement::label, LinkedHashMap::new, Collectors.toList()));
        List<Row> rows = new ArrayList<>();
        byLabel.forEach((label, victims) -> {
            CurveMeasurement first = victims.get(0);
            rows.add(new Row(label, first.series(), first.gameImages(), first.gameEpochs(), first.gameSteps(),
                    victims));
        });
        return rows;
    }

    /** Mean clean-reference accuracy, NaN without one. */
    static double cleanMean(List<CurveMeasurement> measured) {
        return measured.stream().filter(CurveMeasurement::cleanReference).mapToDouble(CurveMeasurement::testAccuracy)
                .average().orElse(Double.NaN);
    }

    /** One line per series (in order of first appearance), mean over seeds at each point. */
    static List<EfficacyPlot.Series> plotSeries(List<CurveMeasurement> measured) {
        Map<String, List<EfficacyPlot.Point>> bySeries = new LinkedHashMap<>();
        for (Row row : rows(measured)) {
            if (!row.label().equals(EfficacyCurve.CLEAN)) {
                bySeries.computeIfAbsent(row.series(), k -> new ArrayList<>())
                        .add(new EfficacyPlot.Point(row.gameSteps(), row.meanAccuracy()));
            }
        }
        List<EfficacyPlot.Series> series = new ArrayList<>();
        bySeries.forEach((name, points) -> series.add(new EfficacyPlot.Series(name, points)));
        return series;
    }

    /** The curve as a Markdown page: recipe, table (mean ± std over seeds, each seed), plot. */
    static String markdown(List<CurveMeasurement> measured, EfficacyCurveConfig config, String png) {
        StringBuilder md = new StringBuilder("# Efficacy curve\n\n");
        md.append(String.format(Locale.ROOT, "Victim: %s x%.2f, %d epochs, batch %d, seeds %s; trained from scratch "
                + "on the whole training set poisoned by each generator (inference mode, stored as 8-bit images), "
                + "measured on the clean test set.%n%n", config.victim().arch().cliName(),
                config.victim().widthMultiplier(), config.victim().epochs(), config.victim().batchSize(),
                config.victimSeeds()));
        md.append("| poison | series | game images | game epochs | game steps | victim clean test accuracy | per seed "
                + "| train accuracy |\n|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows(measured)) {
            boolean clean = row.label().equals(EfficacyCurve.CLEAN);
            String perSeed = row.victims().stream()
                    .map(v -> String.format(Locale.ROOT, "%.2f", 100 * v.testAccuracy()))
                    .collect(Collectors.joining(" / "));
            String accuracy = Double.isNaN(row.stdAccuracy())
                    ? String.format(Locale.ROOT, "%.2f%%", 100 * row.meanAccuracy())
                    : String.format(Locale.ROOT, "%.2f ± %.2f%%", 100 * row.meanAccuracy(), 100 * row.stdAccuracy());
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %.2f%% |%n",
                    clean ? "none (clean training set)" : "`" + row.victims().get(0).generator() + "`",
                    clean ? "-" : row.series(),
                    clean ? "-" : String.format(Locale.ROOT, "%,d", row.gameImages()),
                    clean ? "-" : Integer.toString(row.gameEpochs()),
                    clean ? "-" : String.format(Locale.ROOT, "%,d", row.gameSteps()),
                    accuracy, perSeed, 100 * row.meanTrainAccuracy()));
        }
        md.append("\n![victim accuracy against game steps](").append(png).append(")\n");
        return md.toString();
    }
}
