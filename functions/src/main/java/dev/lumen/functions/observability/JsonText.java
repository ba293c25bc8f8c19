package dev.lumen.functions.observability;

/**
 * The few JSON writing steps a log or metric line needs, by hand: Jackson's object mapper would
 * do it too, but a log call must not allocate a generator or reflect on a type, and these lines
 * are only strings, numbers and booleans.
 */
final class JsonText {

    private JsonText() {
    }

    /** {@code "name":} with the name escaped. */
    static StringBuilder key(StringBuilder out, String name) {
        return string(out, name).append(':');
    }

    /** A JSON string literal, escaped per RFC 8259 (quotes, backslashes and control characters). */
    static StringBuilder string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    /**
     * Numbers and booleans as themselves (a non-finite double as a string: JSON has no NaN), null
     * as null, anything else as its {@code toString()} in a string.
     */
    static StringBuilder value(StringBuilder out, Object value) {
        if (value == null) {
            return out.append("null");
        }
        if (value instanceof Double d && (d.isNaN() || d.isInfinite())
                || value instanceof Float f && (f.isNaN() || f.isInfinite())) {
            return string(out, value.toString());
        }
        if (value instanceof Number || value instanceof Boolean) {
            return out.append(value instanceof java.math.BigDecimal big ? big.toPlainString() : value.toString());
        }
        return string(out, value.toString());
    }
}
