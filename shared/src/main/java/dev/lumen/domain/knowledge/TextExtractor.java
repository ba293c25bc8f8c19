package dev.lumen.domain.knowledge;

import dev.lumen.domain.error.UnprocessableContentException;

/**
 * Port: turns an uploaded document into the plain text that is split and indexed. Markup, scripts
 * and page furniture are dropped; paragraph, heading and list boundaries survive as line breaks,
 * a blank line between paragraphs, because {@link TextSplitter} splits there first. The text
 * returned is already {@link TextCleaner cleaned} (cleaning it again changes nothing).
 */
public interface TextExtractor {

    /**
     * The document's text.
     *
     * @throws UnprocessableContentException when the content is not a readable document of that type
     *                                       (invalid UTF-8, binary data, a corrupt or encrypted PDF) or
     *                                       holds no text; the message says which, and is safe to show
     */
    String extract(byte[] content, ContentType type);
}
