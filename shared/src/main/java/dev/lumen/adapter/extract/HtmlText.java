package dev.lumen.adapter.extract;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The readable text of an HTML page, with jsoup (which parses any HTML the way browsers do, so
 * there is no malformed HTML to reject). Scripts, styles and site navigation are dropped;
 * paragraphs, headings, lists and table rows stay apart as line breaks.
 */
final class HtmlText {
    /** Never content: code, styling, and the site's navigation around the page's own text. */
    private static final String DROPPED = "script, style, noscript, template, svg, iframe, object, nav";
    /** Separated by a blank line: the splitter's first choice of boundary. */
    private static final Set<String> PARAGRAPHS = Set.of("p", "div", "section", "article", "main", "aside",
            "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "dl", "table", "figure",
            "figcaption", "address", "details", "summary", "hr", "fieldset", "form", "header", "footer");
    /** Separated by a line break: items of one block. */
    private static final Set<String> LINES = Set.of("li", "dt", "dd", "tr", "br", "caption", "option");
    private static final Set<String> CELLS = Set.of("td", "th");

    private HtmlText() {
    }

    static String of(byte[] content) {
        Document document;
        try {
            // charset null: jsoup takes it from a byte-order mark or <meta charset>, else UTF-8
            document = Jsoup.parse(new ByteArrayInputStream(content), null, "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read HTML from memory", e); // a byte array does not fail to read
        }
        return of(document.body());
    }

    /** The text of an HTML fragment, e.g. raw HTML inside Markdown. */
    static String ofFragment(String html) {
        return of(Jsoup.parseBodyFragment(html).body());
    }

    private static String of(Element root) {
        root.select(DROPPED).remove();
        // A page's header and footer are site furniture, but an article's own header holds its title.
        root.select("header, footer").stream().filter(element -> element.closest("article") == null)
                .forEach(Node::remove);
        PlainTextWriter writer = new PlainTextWriter();
        NodeTraversor.traverse(new NodeVisitor() {
            private int preformatted;

            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode textNode) {
                    writer.text(preformatted > 0 ? textNode.getWholeText() : collapse(textNode.getWholeText()));
                } else if (node instanceof Element element) {
                    open(element.normalName());
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element) {
                    close(element.normalName());
                }
            }

            private void open(String name) {
                if (name.equals("pre")) {
                    preformatted++;
                }
                if (PARAGRAPHS.contains(name)) {
                    writer.paragraphBreak();
                } else if (LINES.contains(name)) {
                    writer.lineBreak();
                } else if (CELLS.contains(name)) {
                    writer.text(" ");
                }
            }

            private void close(String name) {
                if (name.equals("pre")) {
                    preformatted--;
                }
                if (PARAGRAPHS.contains(name)) {
                    writer.paragraphBreak();
                } else if (LINES.contains(name) && !name.equals("br")) {
                    writer.lineBreak();
                }
            }
        }, root);
        return writer.toString();
    }

    /** HTML's white-space rule outside {@code <pre>}: any run of spaces, tabs and newlines is one space. */
    private static String collapse(String text) {
        return text.replaceAll("[ \\t\\n\\r\\f]+", " ");
    }
}
