package dev.lumen.domain.knowledge;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Normalises extracted text before it is split and embedded, so that the same words always give
 * the same tokens and chunk boundaries fall on real paragraphs: line endings become {@code \n},
 * Unicode is composed (NFC: "é" typed two ways is one string), control characters other than
 * line feed and tab are dropped, runs of spaces become one, lines lose their edge spaces, and
 * paragraphs are separated by exactly one blank line. Paragraph breaks are kept on purpose:
 * {@link TextSplitter} breaks at them first. Idempotent.
 */
public final class TextCleaner {
    /** Spaces, including no-break and the typographic ones (Unicode Zs), but not tabs or line feeds. */
    private static final Pattern SPACES = Pattern.compile("\\p{Zs}+");
    private static final Pattern LINE_EDGE_SPACES = Pattern.compile("(?m)^[ \\t]+|[ \\t]+$");
    private static final Pattern BLANK_LINES = Pattern.compile("\n{3,}");

    private TextCleaner() {
    }

    public static String clean(String text) {
        String unified = text.replace("\r\n", "\n").replace('\r', '\n')
                // Unicode's own line and paragraph separators, as some word processors export them
                .replace('\u2028', '\n').replace("\u2029", "\n\n");
        String composed = Normalizer.normalize(unified, Normalizer.Form.NFC);
        StringBuilder kept = new StringBuilder(composed.length());
        composed.codePoints().forEach(cp -> {
            if (cp == '\n' || cp == '\t' || !dropped(cp)) {
                kept.appendCodePoint(cp);
            }
        });
        String spaced = SPACES.matcher(kept).replaceAll(" ");
        String trimmedLines = LINE_EDGE_SPACES.matcher(spaced).replaceAll("");
        return BLANK_LINES.matcher(trimmedLines).replaceAll("\n\n").strip();
    }

    /** Control characters, plus the invisible byte-order mark and zero-width space that PDFs and editors leave. */
    private static boolean dropped(int codePoint) {
        return Character.getType(codePoint) == Character.CONTROL || codePoint == '\uFEFF' || codePoint == '\u200B';
    }
}
