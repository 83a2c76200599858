package ai.gue.report;

import ai.gue.report.MarkdownReport.Align;
import ai.gue.report.ReportBlock.Figure;
import ai.gue.report.ReportBlock.Heading;
import ai.gue.report.ReportBlock.Paragraph;
import ai.gue.report.ReportBlock.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A report as a list of blocks, rendered either as Markdown (figures linked by relative path) or as
 * one self-contained HTML page: inline CSS, every figure embedded as a base64 {@code data:} URI, no
 * script and no external reference, so the page can be mailed or archived alone and still shows
 * everything.
 *
 * @param blocks the content, in order
 */
public record ReportDocument(List<ReportBlock> blocks) {

    private static final Pattern CODE = Pattern.compile("`([^`]*)`");
    private static final String STYLE = "body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;"
            + "color:#222;line-height:1.45}table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;"
            + "padding:.3em .6em}th{background:#f3f3f3}td.r,th.r{text-align:right}code{background:#f3f3f3;"
            + "padding:0 .2em}figure{margin:1em 0}img{max-width:100%}figcaption{color:#555;font-size:.9em}";

    public ReportDocument {
        blocks = List.copyOf(blocks);
    }

    /** The document as Markdown. */
    public String markdown() {
        MarkdownReport md = new MarkdownReport();
        for (ReportBlock block : blocks) {
            // Java 17 has no pattern switch; the interface is sealed, so these four are all.
            if (block instanceof Heading h) {
                md.heading(h.level(), h.text());
            } else if (block instanceof Paragraph p) {
                md.paragraph(p.text());
            } else if (block instanceof Table t) {
                md.table(t.header(), t.alignment(), t.rows());
            } else if (block instanceof Figure f) {
                md.image(f.caption(), f.path());
            }
        }
        return md.render();
    }

    /**
     * The document as one HTML page titled {@code title}; figures are read from {@code folder} (the
     * folder the Markdown's relative paths start from) and embedded.
     *
     * @throws IOException if a figure cannot be read
     */
    public String html(String title, Path folder) throws IOException {
        StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>").append(STYLE)
                .append("</style>\n</head>\n<body>\n");
        for (ReportBlock block : blocks) {
            if (block instanceof Heading h) {
                page.append("<h").append(h.level()).append('>').append(inline(h.text())).append("</h")
                        .append(h.level()).append(">\n");
            } else if (block instanceof Paragraph p) {
                page.append("<p>").append(inline(p.text())).append("</p>\n");
            } else if (block instanceof Table t) {
                table(page, t);
            } else if (block instanceof Figure f) {
                byte[] png = Files.readAllBytes(folder.resolve(f.path()));
                page.append("<figure><img alt=\"").append(escape(f.caption()))
                        .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png))
                        .append("\"><figcaption>").append(inline(f.caption())).append("</figcaption></figure>\n");
            }
        }
        return page.append("</body>\n</html>\n").toString();
    }

    private static void table(StringBuilder page, Table t) {
        page.append("<table>\n<thead><tr>");
        for (int c = 0; c < t.header().size(); c++) {
            page.append("<th").append(cls(t.alignment().get(c))).append('>').append(inline(t.header().get(c)))
                    .append("</th>");
        }
        page.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : t.rows()) {
            page.append("<tr>");
            for (int c = 0; c < row.size(); c++) {
                page.append("<td").append(cls(t.alignment().get(c))).append('>').append(inline(row.get(c)))
                        .append("</td>");
            }
            page.append("</tr>\n");
        }
        page.append("</tbody>\n</table>\n");
    }

    private static String cls(Align align) {
        return align == Align.RIGHT ? " class=\"r\"" : "";
    }

    /** Escaped text with {@code `code`} spans as {@code <code>}. */
    static String inline(String text) {
        Matcher m = CODE.matcher(text);
        StringBuilder html = new StringBuilder();
        int last = 0;
        while (m.find()) {
            html.append(escape(text.substring(last, m.start()))).append("<code>").append(escape(m.group(1)))
                    .append("</code>");
            last = m.end();
        }
        return html.append(escape(text.substring(last))).toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
