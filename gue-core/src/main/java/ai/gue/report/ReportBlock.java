package ai.gue.report;

import ai.gue.report.MarkdownReport.Align;
import java.util.List;

/**
 * One block of a report document ({@link ReportDocument}), independent of the format it is rendered
 * to, so that a Markdown file and an HTML page can carry the same content from one description.
 */
public sealed interface ReportBlock {

    /** A heading of level 1..6. */
    record Heading(int level, String text) implements ReportBlock {}

    /** A paragraph; {@code `code`} spans are the only inline markup. */
    record Paragraph(String text) implements ReportBlock {}

    /** A table; every row has as many cells as the header. */
    record Table(List<String> header, List<Align> alignment, List<List<String>> rows) implements ReportBlock {

        public Table {
            header = List.copyOf(header);
            alignment = List.copyOf(alignment);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /** A PNG figure, {@code path} relative to the document. */
    record Figure(String caption, String path) implements ReportBlock {}
}
