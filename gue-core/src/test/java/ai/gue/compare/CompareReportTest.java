package ai.gue.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.gue.report.ReportDocument;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as a pure function of cell results: a fixture grid (two seeds, a missing cell, failed
 * and diverged cells) must give exactly the checked-in golden Markdown, and the HTML page must carry
 * the same figures embedded, with nothing external.
 */
class CompareReportTest {

    private static final String GOLDEN = "/ai/gue/compare/golden-report.md";

    static Experiment fixtureExperiment() throws Exception {
        Path folder = Path.of(CompareReportTest.class.getResource("/ai/gue/compare/tiny-victim.yaml").toURI())
                .getParent();
        return ExperimentParser.parse("""
                name: fixture
                attacks: [clean, noise-sign, {kind: lsp, seed: 3}]
                victims: [tiny-victim.yaml]
                defenses: [none, jpeg]
                seeds: [0, 1]
                """.getBytes(StandardCharsets.UTF_8), "fixture.yaml", folder);
    }

    static CellResult done(String attack, String defense, long seed, double... accuracies) {
        List<Double> curve = java.util.Arrays.stream(accuracies).boxed().toList();
        return new CellResult(new CellKey(attack, "tiny-victim", defense, seed), CellOutcome.DONE,
                accuracies[accuracies.length - 1], curve, 50_000, 10_000, 420 + seed, 400 - 10 * seed, null);
    }

    static CellResult failed(String attack, String defense, long seed) {
        return CellResult.failed(new CellKey(attack, "tiny-victim", defense, seed), "java.lang.IllegalStateException: "
                + "boom", 12);
    }

    static List<CellResult> fixtureResults() {
        return List.of(
                done("clean", "none", 0, 0.5, 0.8212),
                done("clean", "none", 1, 0.5, 0.8188),
                done("clean", "jpeg", 0, 0.4, 0.75),
                done("noise-sign", "none", 0, 0.6, 0.8085),
                failed("noise-sign", "none", 1),
                failed("noise-sign", "jpeg", 0),
                failed("noise-sign", "jpeg", 1),
                done("lsp", "none", 0, 0.3, Double.NaN),
                // a cell of another grid (victim not in this experiment) is ignored
                new CellResult(new CellKey("lsp", "other", "none", 0), CellOutcome.DONE, 0.1, List.of(0.1), 1, 1, 1,
                        1, null));
    }

    static CompareReport.Inputs fixture(Map<String, String> accuracy, Map<String, String> galleries) throws Exception {
        return new CompareReport.Inputs(fixtureExperiment(), fixtureResults(),
                List.of(new PoisonRecord("lsp", "LSP", "L2 1.0", 12, 0.9987, 0.95, 90)), accuracy, galleries);
    }

    @Test
    void theMarkdownReportEqualsTheGoldenFile() throws Exception {
        String markdown = CompareReport.document(fixture(Map.of(), Map.of())).markdown();
        if (Boolean.getBoolean("gue.updateGolden")) {
            Files.writeString(Path.of("src/test/resources" + GOLDEN), markdown);
        }
        String golden = new String(CompareReportTest.class.getResourceAsStream(GOLDEN).readAllBytes(),
                StandardCharsets.UTF_8);
        assertEquals(golden, markdown, "regenerate with -Dgue.updateGolden=true only after checking the difference");
    }

    @Test
    void aValueSummarisesItsSeeds() {
        // 82.12 and 81.88: mean 82.00, sample std sqrt(2·0.12²/1) = 0.1697.
        assertEquals("82.00 ± 0.17 (2)", ComparisonTable.summarize(fixtureResults().subList(0, 2), true));
        assertEquals("75.00 (1)", ComparisonTable.summarize(fixtureResults().subList(2, 3), true));
        assertEquals("75.00", ComparisonTable.summarize(fixtureResults().subList(2, 3), false));
        assertEquals("80.85 (1)", ComparisonTable.summarize(fixtureResults().subList(3, 5), true),
                "a failed seed does not count");
        assertEquals(ComparisonTable.FAILED, ComparisonTable.summarize(fixtureResults().subList(5, 7), true));
        assertEquals(ComparisonTable.NOT_A_NUMBER, ComparisonTable.summarize(fixtureResults().subList(7, 8), true));
        assertEquals(ComparisonTable.NOT_RUN, ComparisonTable.summarize(List.of(), true));
    }

    @Test
    void theCsvHasOneLinePerCellThatRan() throws Exception {
        List<String> lines = ComparisonTable.csv(fixtureExperiment(), fixtureResults()).lines().toList();
        assertEquals(1 + 8, lines.size(), "header + the fixture's 8 cells of this grid");
        assertEquals("clean,tiny-victim,none,0,done,0.821200,2,50000,10000,420.000,400.0", lines.get(1));
        assertEquals("noise-sign,tiny-victim,jpeg,0,failed,NaN,0,0,0,12.000,NaN", lines.get(4));
    }

    @Test
    void theTableHasOneRowPerAttackAndOneColumnPerDefense() throws Exception {
        var table = ComparisonTable.accuracy(fixtureExperiment(), fixtureResults());
        assertEquals(List.of("attack", "none", "jpeg"), table.header());
        assertEquals(List.of(List.of("clean", "82.00 ± 0.17 (2)", "75.00 (1)"),
                List.of("noise-sign", "80.85 (1)", "failed"),
                List.of("lsp", "n/a", "—")), table.rows());
    }

    @Test
    void theHtmlPageEmbedsEveryFigureAndLinksNothing(@TempDir Path folder) throws Exception {
        Path figures = Files.createDirectories(folder.resolve("figures"));
        BufferedImage image = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0xFF0000);
        ImageIO.write(image, "png", figures.resolve("a.png").toFile());
        byte[] png = Files.readAllBytes(figures.resolve("a.png"));
        ReportDocument document = CompareReport.document(fixture(Map.of("clean", "figures/a.png"),
                Map.of("lsp", "figures/a.png")));
        String markdown = document.markdown();
        assertTrue(markdown.contains("![clean test accuracy per epoch, attack clean](figures/a.png)"), markdown);
        String html = document.html("Comparison <fixture>", folder);
        assertFalse(html.toLowerCase().contains("http"), "no external link");
        assertFalse(html.toLowerCase().contains("<script"), "no script");
        assertFalse(html.contains("<link"), "no external style sheet");
        assertTrue(html.contains("<title>Comparison &lt;fixture&gt;</title>"), "text is escaped");
        Matcher sources = Pattern.compile("src=\"([^\"]*)\"").matcher(html);
        int images = 0;
        while (sources.find()) {
            images++;
            assertTrue(sources.group(1).startsWith("data:image/png;base64,"), sources.group(1));
            assertArrayEquals(png, Base64.getDecoder().decode(sources.group(1).substring(22)));
        }
        assertEquals(2, images, "the accuracy plot and the gallery");
        assertTrue(html.contains("<td class=\"r\">82.00 ± 0.17 (2)</td>"), "the same table as the Markdown");
        assertTrue(html.contains("<code>cifar10</code>"), html);
    }
}
