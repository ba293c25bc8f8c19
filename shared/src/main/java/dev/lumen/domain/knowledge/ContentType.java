package dev.lumen.domain.knowledge;

import dev.lumen.domain.error.ValidationException;
import java.util.Locale;

/** The formats a creator's document can be uploaded in; each is turned into plain text before splitting. */
public enum ContentType {
    TEXT("text", "text/plain"),
    MARKDOWN("markdown", "text/markdown"),
    HTML("html", "text/html"),
    PDF("pdf", "application/pdf");

    private final String label;
    private final String mimeType;

    ContentType(String label, String mimeType) {
        this.label = label;
        this.mimeType = mimeType;
    }

    /** The name used in JSON bodies: {@code text}, {@code markdown}, {@code html}, {@code pdf}. */
    public String label() {
        return label;
    }

    public String mimeType() {
        return mimeType;
    }

    /**
     * A content type from its name ({@code text|markdown|html|pdf}, any case) or its MIME type
     * ({@code text/plain}, {@code text/markdown}, {@code text/html}, {@code application/pdf}; parameters
     * such as {@code ; charset=utf-8} are ignored).
     *
     * @throws ValidationException naming the value when it is none of these
     */
    public static ContentType parse(String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException("missing_field", "'contentType' is required");
        }
        int parameters = value.indexOf(';');
        String name = (parameters >= 0 ? value.substring(0, parameters) : value).strip().toLowerCase(Locale.ROOT);
        for (ContentType type : values()) {
            if (type.label.equals(name) || type.mimeType.equals(name)) {
                return type;
            }
        }
        throw new ValidationException("invalid_content_type", "'contentType' must be text, markdown, html or pdf"
                + " (or text/plain, text/markdown, text/html, application/pdf), not '" + shorten(value.strip()) + "'");
    }

    /** Echoes at most 64 characters of a caller's value, so a huge header does not end up in a message. */
    private static String shorten(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "…";
    }
}
