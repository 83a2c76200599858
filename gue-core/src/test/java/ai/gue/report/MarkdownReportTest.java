package ai.gue.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.gue.report.MarkdownReport.Align;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownReportTest {

    @Test
    void blocksRenderSeparatedByBlankLines(@TempDir Path dir) throws Exception {
        MarkdownReport md = new MarkdownReport()
                .heading(1, "Title")
                .paragraph("Some *text*.\n")
                .bullets(List.of("one", "two\nlines"))
                .table(List.of("name", "value"), List.of(Align.LEFT, Align.RIGHT),
                        List.of(List.of("a|b", "1.50"), List.of("c", "2")))
                .image("a plot", "figures/my plot.png")
                .code("yaml", "epochs: 8\n");
        String expected = """
                # Title

                Some *text*.

                - one
                - two lines

                | name | value |
                | --- | ---: |
                | a\\|b | 1.50 |
                | c | 2 |

                ![a plot](figures/my%20plot.png)

                ```yaml
                epochs: 8
                ```
                """;
        assertEquals(expected, md.render());
        Path file = dir.resolve("report.md");
        md.write(file, false);
        assertEquals(expected, Files.readString(file));
    }

    @Test
    void malformedTablesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MarkdownReport().table(List.of("a", "b"), List.of(List.of("only one"))));
        assertTrue(e.getMessage().contains("row 1 has 1 cells, expected 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MarkdownReport().heading(7, "too deep"));
    }
}
