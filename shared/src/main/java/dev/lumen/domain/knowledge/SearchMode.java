package dev.lumen.domain.knowledge;

import dev.lumen.domain.error.ValidationException;
import java.util.Locale;

/** How knowledge is retrieved: by meaning (vectors), by words (BM25), or both fused by rank. */
public enum SearchMode {
    DENSE, LEXICAL, HYBRID;

    /** {@code dense}, {@code lexical} or {@code hybrid}; null means the default, hybrid. */
    public static SearchMode parse(String value) {
        if (value == null) {
            return HYBRID;
        }
        for (SearchMode mode : values()) {
            if (mode.name().equalsIgnoreCase(value.strip())) {
                return mode;
            }
        }
        throw new ValidationException("invalid_mode", "'mode' must be dense, lexical or hybrid, not '"
                + value.toLowerCase(Locale.ROOT) + "'");
    }
}
