package dev.lumen.adapter.extract;

import dev.lumen.domain.error.UnprocessableContentException;
import dev.lumen.domain.knowledge.ContentType;
import dev.lumen.domain.knowledge.TextCleaner;
import dev.lumen.domain.knowledge.TextExtractor;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * {@link TextExtractor} for every {@link ContentType}: plain text as strict UTF-8, HTML through
 * jsoup ({@link HtmlText}), Markdown through commonmark-java ({@link MarkdownText}), PDF through
 * Apache PDFBox ({@link PdfText}). Each keeps block boundaries as line breaks, then the text is
 * {@link TextCleaner cleaned}. Stateless and thread-safe.
 */
public final class DocumentTextExtractor implements TextExtractor {

    @Override
    public String extract(byte[] content, ContentType type) {
        String raw = switch (type) {
            case TEXT -> utf8(content, type);
            case MARKDOWN -> MarkdownText.of(utf8(content, type));
            case HTML -> HtmlText.of(requireNotBinary(content, type));
            case PDF -> PdfText.of(content);
        };
        String text = TextCleaner.clean(raw);
        if (text.isEmpty()) {
            throw new UnprocessableContentException("no_text", type == ContentType.PDF
                    ? "the PDF has no extractable text (a scan without a text layer?)"
                    : "the document has no text");
        }
        return text;
    }

    /**
     * The bytes as UTF-8, refusing malformed sequences instead of replacing them: a document that is
     * not UTF-8 (or not text at all) would otherwise be indexed as replacement characters.
     */
    static String utf8(byte[] content, ContentType type) {
        requireNotBinary(content, type);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new UnprocessableContentException("invalid_encoding",
                    "the " + type.label() + " document is not valid UTF-8", e);
        }
    }

    /** NUL bytes do not occur in text documents but do in nearly every binary file (images, archives, PDFs). */
    static byte[] requireNotBinary(byte[] content, ContentType type) {
        for (byte b : content) {
            if (b == 0) {
                throw new UnprocessableContentException("binary_content",
                        "the " + type.label() + " document holds binary data, not text");
            }
        }
        return content;
    }
}
