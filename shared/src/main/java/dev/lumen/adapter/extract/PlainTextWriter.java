package dev.lumen.adapter.extract;

/**
 * Collects the text of a document tree walk. Breaks asked for between blocks are held back until
 * more text comes, and the strongest wins, so nested blocks ({@code <li><p>…}) give one break,
 * not a pile of empty lines, and nothing trails at the end.
 */
final class PlainTextWriter {
    private static final int NONE = 0;
    private static final int LINE = 1;
    private static final int PARAGRAPH = 2;

    private final StringBuilder text = new StringBuilder();
    private int pendingBreak = NONE;

    void text(String value) {
        if (value.isEmpty()) {
            return;
        }
        if (pendingBreak != NONE && text.length() > 0) {
            text.append(pendingBreak == PARAGRAPH ? "\n\n" : "\n");
        }
        pendingBreak = NONE;
        text.append(value);
    }

    void lineBreak() {
        pendingBreak = Math.max(pendingBreak, LINE);
    }

    void paragraphBreak() {
        pendingBreak = PARAGRAPH;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
