package dev.lumen.domain.custody;

import java.util.Locale;

/**
 * What a custody test examines. Each category's tests live in one data file,
 * {@code custody/<kebab-name>.json}, so a category can be reviewed and extended on its own.
 */
public enum CustodyCategory {
    KNOWLEDGE_VERIFICATION,
    CODE_QUALITY,
    SECURITY_AWARENESS,
    PERFORMANCE_OPTIMIZATION,
    INNOVATION_CAPABILITY,
    SELF_IMPROVEMENT,
    CROSS_AI_COLLABORATION,
    EXPERIMENTAL_VALIDATION;

    /** The category as it appears in file names and URLs, e.g. {@code security-awareness}. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The name of the data file holding this category's tests, e.g. {@code security-awareness.json}. */
    public String fileName() {
        return slug() + ".json";
    }
}
