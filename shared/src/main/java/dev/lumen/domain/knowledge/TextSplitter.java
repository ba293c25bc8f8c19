package dev.lumen.domain.knowledge;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Splits text into chunks of at most {@code chunkSize} characters that overlap by up to
 * {@code overlap} characters, breaking at the largest natural boundary that fits: paragraph,
 * then line, then word, then character (the recursive splitter of LangChain, whose behaviour
 * retrieval benchmarks are usually reported with).
 */
public final class TextSplitter {
    public static final int DEFAULT_CHUNK_SIZE = 1_000;
    public static final int DEFAULT_OVERLAP = 200;
    private static final List<String> SEPARATORS = List.of("\n\n", "\n", " ", "");

    private final int chunkSize;
    private final int overlap;

    public TextSplitter(int chunkSize, int overlap) {
        if (chunkSize < 1 || overlap < 0 || overlap >= chunkSize) {
            throw new IllegalArgumentException("need 0 <= overlap < chunkSize, got " + overlap + " and " + chunkSize);
        }
        this.chunkSize = chunkSize;
        this.overlap = overlap;
    }

    public static TextSplitter defaults() {
        return new TextSplitter(DEFAULT_CHUNK_SIZE, DEFAULT_OVERLAP);
    }

    /** The chunks of {@code text} in order; none for blank text. Every chunk is stripped and non-empty. */
    public List<String> split(String text) {
        List<String> chunks = new ArrayList<>();
        split(text, 0, chunks);
        return List.copyOf(chunks);
    }

    private void split(String text, int separatorIndex, List<String> out) {
        // The first separator that occurs in the text; "" (characters) always does.
        int index = separatorIndex;
        while (index < SEPARATORS.size() - 1 && !text.contains(SEPARATORS.get(index))) {
            index++;
        }
        String separator = SEPARATORS.get(index);
        List<String> pieces = pieces(text, separator);
        List<String> fitting = new ArrayList<>();
        for (String piece : pieces) {
            if (piece.length() <= chunkSize) {
                fitting.add(piece);
                continue;
            }
            merge(fitting, separator, out);
            fitting.clear();
            if (index == SEPARATORS.size() - 1) {
                out.add(piece);
            } else {
                split(piece, index + 1, out);
            }
        }
        merge(fitting, separator, out);
    }

    private static List<String> pieces(String text, String separator) {
        List<String> pieces = new ArrayList<>();
        if (separator.isEmpty()) {
            text.codePoints().forEach(cp -> pieces.add(new String(Character.toChars(cp))));
            return pieces;
        }
        int from = 0;
        for (int at = text.indexOf(separator); at >= 0; at = text.indexOf(separator, from)) {
            if (at > from) {
                pieces.add(text.substring(from, at));
            }
            from = at + separator.length();
        }
        if (from < text.length()) {
            pieces.add(text.substring(from));
        }
        return pieces;
    }

    /** Greedily joins pieces into chunks, carrying the last {@code overlap} characters' pieces into the next. */
    private void merge(List<String> pieces, String separator, List<String> out) {
        Deque<String> current = new ArrayDeque<>();
        int total = 0;
        for (String piece : pieces) {
            int added = piece.length() + (current.isEmpty() ? 0 : separator.length());
            if (total + added > chunkSize && !current.isEmpty()) {
                emit(current, separator, out);
                // Drop from the front until what is kept fits the overlap and leaves room for the piece.
                while (total > overlap || (total + piece.length() + separator.length() > chunkSize && total > 0)) {
                    String dropped = current.removeFirst();
                    total -= dropped.length() + (current.isEmpty() ? 0 : separator.length());
                }
            }
            total += piece.length() + (current.isEmpty() ? 0 : separator.length());
            current.addLast(piece);
        }
        emit(current, separator, out);
    }

    private static void emit(Deque<String> current, String separator, List<String> out) {
        String chunk = String.join(separator, current).strip();
        if (!chunk.isEmpty()) {
            out.add(chunk);
        }
    }
}
