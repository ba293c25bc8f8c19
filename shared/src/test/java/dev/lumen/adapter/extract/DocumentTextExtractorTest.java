package dev.lumen.adapter.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.domain.error.UnprocessableContentException;
import dev.lumen.domain.knowledge.ContentType;
import dev.lumen.domain.knowledge.TextExtractor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class DocumentTextExtractorTest {
    private final TextExtractor extractor = new DocumentTextExtractor();

    // ---- plain text

    @Test
    void plainTextIsDecodedAsUtf8AndCleaned() {
        // GIVEN
        byte[] content = "\uFEFFCafé  au lait\r\n\r\n\r\nSecond  paragraph.\r\n".getBytes(StandardCharsets.UTF_8);

        // WHEN
        String text = extractor.extract(content, ContentType.TEXT);

        // THEN
        assertThat(text).isEqualTo("Café au lait\n\nSecond paragraph.");
    }

    @Test
    void plainTextThatIsNotUtf8IsRejected() {
        // GIVEN "café" in Latin-1: a lone 0xE9 is malformed UTF-8
        byte[] content = "café".getBytes(StandardCharsets.ISO_8859_1);

        // WHEN / THEN
        assertUnprocessable(() -> extractor.extract(content, ContentType.TEXT), "invalid_encoding", "not valid UTF-8");
    }

    @Test
    void binaryDataSentAsTextIsRejected() {
        // GIVEN the start of a PNG file
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

        // WHEN / THEN
        assertUnprocessable(() -> extractor.extract(png, ContentType.TEXT), "binary_content", "binary data");
        assertUnprocessable(() -> extractor.extract(png, ContentType.HTML), "binary_content", "binary data");
        assertUnprocessable(() -> extractor.extract(png, ContentType.MARKDOWN), "binary_content", "binary data");
    }

    @Test
    void blankDocumentIsRejected() {
        // WHEN / THEN
        assertUnprocessable(() -> extractor.extract(" \n\t\n ".getBytes(StandardCharsets.UTF_8), ContentType.TEXT),
                "no_text", "no text");
    }

    // ---- HTML

    @Test
    void htmlKeepsTheArticleTextWithBlockBreaksAndDropsScriptsStylesAndSiteFurniture() {
        // GIVEN
        String html = """
                <!doctype html>
                <html><head><title>Page title</title><style>p { color: red }</style>
                <script>var tracking = "do not index";</script></head>
                <body>
                  <header><a href="/">Site logo</a> Menu</header>
                  <nav><ul><li>Home</li><li>About</li></ul></nav>
                  <article>
                    <header><h1>Habit   stacking</h1></header>
                    <p>Start with a <b>tiny</b>
                       habit.<br>Then grow it.</p>
                    <h2>Steps</h2>
                    <ul><li>Pick an anchor</li><li>Add <em>one</em> action</li></ul>
                    <table><tr><th>Week</th><th>Minutes</th></tr><tr><td>1</td><td>2</td></tr></table>
                    <pre>line one
                  line two</pre>
                    <script>console.log("inline")</script>
                  </article>
                  <footer>© 2026 Example · Privacy</footer>
                  <noscript>Enable JavaScript</noscript>
                </body></html>
                """;

        // WHEN
        String text = extractor.extract(utf8(html), ContentType.HTML);

        // THEN
        assertThat(text).isEqualTo("""
                Habit stacking

                Start with a tiny habit.
                Then grow it.

                Steps

                Pick an anchor
                Add one action

                Week Minutes
                1 2

                line one
                line two""");
    }

    @Test
    void malformedHtmlIsReadTheWayBrowsersReadIt() {
        // GIVEN unclosed and misnested tags
        String html = "<div><p>First <b>bold <i>both</b> italic<p>Second paragraph<li>loose item</div></span>";

        // WHEN
        String text = extractor.extract(utf8(html), ContentType.HTML);

        // THEN
        assertThat(text).isEqualTo("First bold both italic\n\nSecond paragraph\n\nloose item");
    }

    @Test
    void htmlCharsetIsTakenFromItsMetaTag() {
        // GIVEN a Windows-1252 page
        byte[] content = "<html><head><meta charset=\"windows-1252\"></head><body><p>Caf\u00e9 \u2013 cr\u00e8me</p></body></html>"
                .getBytes(java.nio.charset.Charset.forName("windows-1252"));

        // WHEN
        String text = extractor.extract(content, ContentType.HTML);

        // THEN
        assertThat(text).isEqualTo("Café – crème");
    }

    @Test
    void htmlWithOnlyScriptsHasNoText() {
        // WHEN / THEN
        assertUnprocessable(() -> extractor.extract(utf8("<script>alert(1)</script><style>p{}</style>"), ContentType.HTML),
                "no_text", "no text");
    }

    // ---- Markdown

    @Test
    void markdownIsRenderedToPlainTextWithParagraphBreaks() {
        // GIVEN
        String markdown = """
                # Habit stacking

                Start with a *tiny* habit, see [the guide](https://example.com/guide)
                and the `anchor` idea.\\
                Then grow it.

                - Pick an anchor
                - Add **one** action

                1. first
                2. second

                > Quoted advice.

                <div class="note">Raw <b>HTML</b> note</div>

                ```java
                int minutes = 2;
                ```

                ---
                Last <span>inline</span> words.
                """;

        // WHEN
        String text = extractor.extract(utf8(markdown), ContentType.MARKDOWN);

        // THEN
        assertThat(text).isEqualTo("""
                Habit stacking

                Start with a tiny habit, see the guide and the anchor idea.
                Then grow it.

                Pick an anchor
                Add one action

                first
                second

                Quoted advice.

                Raw HTML note

                int minutes = 2;

                Last inline words.""");
    }

    @Test
    void markdownThatIsNotUtf8IsRejected() {
        // GIVEN
        byte[] content = {'#', ' ', 'T', (byte) 0xC3, '(', '\n'};

        // WHEN / THEN
        assertUnprocessable(() -> extractor.extract(content, ContentType.MARKDOWN), "invalid_encoding", "markdown");
    }

    // ---- PDF

    @Test
    void pdfTextKeepsParagraphsAndPages() throws IOException {
        // GIVEN two pages: two paragraphs of two lines, then one paragraph
        byte[] pdf = pdf(null,
                List.of(List.of("Habits start small and grow", "with steady practice."),
                        List.of("An anchor is something you", "already do every day.")),
                List.of(List.of("Page two holds the summary.")));

        // WHEN
        String text = extractor.extract(pdf, ContentType.PDF);

        // THEN
        assertThat(Arrays.asList(text.split("\n\n"))).containsExactly(
                "Habits start small and grow\nwith steady practice.",
                "An anchor is something you\nalready do every day.",
                "Page two holds the summary.");
    }

    @Test
    void pdfWithoutTextLayerIsRejected() throws IOException {
        // GIVEN a blank page, as a scan without OCR looks to a text extractor
        byte[] pdf = pdf(null, List.of());

        // WHEN / THEN
        assertUnprocessable(() -> extractor.extract(pdf, ContentType.PDF), "no_text", "no extractable text");
    }

    @Test
    void bytesThatAreNotAPdfAreRejected() {
        // GIVEN
        byte[] notPdf = utf8("%PDF-1.7\nthis is not really a PDF\n%%EOF");

        // WHEN / THEN
        assertUnprocessable(() -> extractor.extract(notPdf, ContentType.PDF), "unreadable_pdf", "cannot be read");
        assertUnprocessable(() -> extractor.extract(utf8("hello"), ContentType.PDF), "unreadable_pdf", "cannot be read");
        assertUnprocessable(() -> extractor.extract(new byte[0], ContentType.PDF), "unreadable_pdf", "cannot be read");
    }

    @Test
    void passwordProtectedPdfIsRejected() throws IOException {
        // GIVEN
        byte[] pdf = pdf("secret", List.of(List.of("Hidden text.")));

        // WHEN / THEN
        assertUnprocessable(() -> extractor.extract(pdf, ContentType.PDF), "encrypted_pdf", "password-protected");
    }

    // ---- helpers

    private static void assertUnprocessable(ThrowingCallable call, String code, String messagePart) {
        assertThatThrownBy(call)
                .isInstanceOf(UnprocessableContentException.class)
                .hasMessageContaining(messagePart)
                .satisfies(e -> assertThat(((UnprocessableContentException) e).code()).isEqualTo(code));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A real PDF written by PDFBox: one page per argument, each a list of paragraphs of lines, with an
     * empty line between paragraphs (as a word processor spaces them); encrypted when a password is given.
     */
    @SafeVarargs
    private static byte[] pdf(String userPassword, List<List<String>>... pages) throws IOException {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (List<List<String>> paragraphs : pages) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream stream = new PDPageContentStream(document, page)) {
                    stream.beginText();
                    stream.setFont(font, 12);
                    stream.setLeading(14.5f);
                    stream.newLineAtOffset(72, 770);
                    for (List<String> paragraph : paragraphs) {
                        for (String line : paragraph) {
                            stream.showText(line);
                            stream.newLine();
                        }
                        stream.newLine();
                    }
                    stream.endText();
                }
            }
            if (userPassword != null) {
                StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-" + userPassword, userPassword,
                        new AccessPermission());
                policy.setEncryptionKeyLength(128);
                document.protect(policy);
            }
            document.save(out);
            return out.toByteArray();
        }
    }
}
