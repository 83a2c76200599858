package ai.gue.report;

import ai.gue.util.AtomicOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A small Markdown document builder: headings, paragraphs, bullet lists, tables, image links and
 * code blocks, each block separated from the next by one blank line. Table cells are escaped
 * ({@code |} and line breaks) so that any text stays in its cell.
 */
public final class MarkdownReport {

    /** Column alignment of a table. */
    public enum Align {
        /** Text columns. */
        LEFT("---"),
        /** Number columns. */
        RIGHT("---:");

        private final String rule;

        Align(String rule) {
            this.rule = rule;
        }
    }

    private final StringBuilder text = new StringBuilder();

    /** A heading of {@code level} 1..6. */
    public MarkdownReport heading(int level, String title) {
        if (level < 1 || level > 6) {
            throw new IllegalArgumentException("Markdown heading level must be in [1, 6], got " + level);
        }
        return block("#".repeat(level) + " " + oneLine(title));
    }

    /** A paragraph of text (written as given; Markdown in it is kept). */
    public MarkdownReport paragraph(String paragraph) {
        return block(paragraph.strip());
    }

    /** A bullet list. */
    public MarkdownReport bullets(List<String> items) {
        StringBuilder list = new StringBuilder();
        for (String item : items) {
            list.append("- ").append(oneLine(item)).append('\n');
        }
        return block(list.toString().stripTrailing());
    }

    /** A table with left-aligned columns. */
    public MarkdownReport table(List<String> header, List<List<String>> rows) {
        return table(header, header.stream().map(h -> Align.LEFT).toList(), rows);
    }

    /** A table; every row must have as many cells as the header. */
    public MarkdownReport table(List<String> header, List<Align> alignment, List<List<String>> rows) {
        return block(tableText(header, alignment, rows));
    }

    /** An image link, {@code ![alt](path)}; {@code path} is relative to the document. */
    public MarkdownReport image(String alt, String path) {
        return block("![" + oneLine(alt).replace("]", "\\]") + "](" + path.replace(" ", "%20") + ")");
    }

    /** A fenced code block; {@code language} may be empty. */
    public MarkdownReport code(String language, String code) {
        String fence = code.contains("```") ? "~~~~" : "```";
        return block(fence + language + "\n" + code.stripTrailing() + "\n" + fence);
    }

    /** The document. */
    public String render() {
        return text.toString();
    }

    /** Writes the document as UTF-8. */
    public void write(Path target, boolean overwrite) throws IOException {
        byte[] bytes = render().getBytes(StandardCharsets.UTF_8);
        AtomicOutput.writeFile(target, overwrite, out -> out.write(bytes));
    }

    /** The text of a table alone, e.g. to print it on a terminal. */
    public static String tableText(List<String> header, List<Align> alignment, List<List<String>> rows) {
        if (header.isEmpty() || alignment.size() != header.size()) {
            throw new IllegalArgumentException("a table needs a non-empty header and one alignment per column, got "
                    + header.size() + " columns and " + alignment.size() + " alignments");
        }
        StringBuilder table = new StringBuilder();
        row(table, header);
        row(table, alignment.stream().map(a -> a.rule).toList());
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).size() != header.size()) {
                throw new IllegalArgumentException("table row " + (r + 1) + " has " + rows.get(r).size()
                        + " cells, expected " + header.size() + " (as the header " + header + ")");
            }
            row(table, rows.get(r));
        }
        return table.toString().stripTrailing();
    }

    private static void row(StringBuilder table, List<String> cells) {
        table.append('|');
        for (String cell : cells) {
            table.append(' ').append(oneLine(cell).replace("|", "\\|")).append(" |");
        }
        table.append('\n');
    }

    private MarkdownReport block(String content) {
        if (!text.isEmpty()) {
            text.append('\n');
        }
        text.append(content).append('\n');
        return this;
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
