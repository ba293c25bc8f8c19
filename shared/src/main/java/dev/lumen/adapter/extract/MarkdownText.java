package dev.lumen.adapter.extract;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * The text of a Markdown document, with commonmark-java (CommonMark accepts every input, so there
 * is no malformed Markdown to reject). Markup goes (emphasis marks, link targets, list bullets,
 * code fences); blocks stay apart as in {@link HtmlText}. commonmark's own plain-text renderer is
 * not used: it keeps raw HTML and adds quotation marks around links and code, noise for search.
 */
final class MarkdownText {
    private static final Parser PARSER = Parser.builder().build();

    private MarkdownText() {
    }

    static String of(String markdown) {
        PlainTextWriter writer = new PlainTextWriter();
        PARSER.parse(markdown).accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                writer.text(text.getLiteral());
            }

            @Override
            public void visit(Code code) {
                writer.text(code.getLiteral());
            }

            @Override
            public void visit(SoftLineBreak softLineBreak) {
                // a line wrapped in the source, not in the text: the same paragraph goes on
                writer.text(" ");
            }

            @Override
            public void visit(HardLineBreak hardLineBreak) {
                writer.lineBreak();
            }

            @Override
            public void visit(HtmlInline htmlInline) {
                // a lone tag such as <span>; the text around it is in Text nodes
            }

            @Override
            public void visit(HtmlBlock htmlBlock) {
                block(() -> writer.text(HtmlText.ofFragment(htmlBlock.getLiteral())));
            }

            @Override
            public void visit(FencedCodeBlock code) {
                block(() -> writer.text(code.getLiteral().stripTrailing()));
            }

            @Override
            public void visit(IndentedCodeBlock code) {
                block(() -> writer.text(code.getLiteral().stripTrailing()));
            }

            @Override
            public void visit(Paragraph paragraph) {
                // a tight list's items hold paragraphs too: there, a line break separates them
                if (paragraph.getParent() instanceof ListItem) {
                    writer.lineBreak();
                    visitChildren(paragraph);
                    writer.lineBreak();
                } else {
                    block(() -> visitChildren(paragraph));
                }
            }

            @Override
            public void visit(Heading heading) {
                block(() -> visitChildren(heading));
            }

            @Override
            public void visit(BlockQuote blockQuote) {
                block(() -> visitChildren(blockQuote));
            }

            @Override
            public void visit(BulletList list) {
                block(() -> visitChildren(list));
            }

            @Override
            public void visit(OrderedList list) {
                block(() -> visitChildren(list));
            }

            @Override
            public void visit(ListItem item) {
                writer.lineBreak();
                visitChildren(item);
                writer.lineBreak();
            }

            @Override
            public void visit(ThematicBreak thematicBreak) {
                writer.paragraphBreak();
            }

            private void block(Runnable body) {
                writer.paragraphBreak();
                body.run();
                writer.paragraphBreak();
            }
        });
        return writer.toString();
    }
}
