package dev.lumen.local.template;

import java.util.List;
import java.util.Map;

/** Typed reads from the untyped tree SnakeYAML builds (maps, lists, scalars, {@link Intrinsic}s). */
final class YamlTree {

    private YamlTree() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String where) {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new TemplateException(where + " must be a map");
    }

    static List<?> list(Object value, String where) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list;
        }
        throw new TemplateException(where + " must be a list");
    }

    /** A literal scalar as text; intrinsics are refused because the caller cannot evaluate them. */
    static String text(Object value, String where) {
        if (value == null) {
            throw new TemplateException(where + " is missing");
        }
        if (value instanceof Intrinsic intrinsic) {
            throw new TemplateException(where + " must be a literal locally, not " + intrinsic.function());
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new TemplateException(where + " must be a scalar");
        }
        return value.toString();
    }

    static String optionalText(Object value, String where) {
        return value == null ? null : text(value, where);
    }
}
