package dev.lumen.domain.learning;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The form the learning rules read a user message in: lower case, accents and curly quotes
 * flattened, whitespace collapsed. Users type "I’m" on phones and "I'm" on keyboards; the rules
 * should not care.
 */
final class PlainText {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private PlainText() {
    }

    /** The text as written (case kept, for phrases quoted back), with quotes and whitespace flattened. */
    static String tidy(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replace('\u2019', '\'').replace('\u2018', '\'').replace('\u02bc', '\'')
                .replace('\u201c', '"').replace('\u201d', '"');
        return SPACES.matcher(flat).replaceAll(" ").strip();
    }

    /** The text lower-cased and without accents, for matching rules. */
    static String of(String text) {
        if (text == null) {
            return "";
        }
        String flat = Normalizer.normalize(text, Normalizer.Form.NFD);
        flat = MARKS.matcher(flat).replaceAll("")
                .replace('\u2019', '\'').replace('\u2018', '\'').replace('\u02bc', '\'')
                .replace('\u201c', '"').replace('\u201d', '"');
        return SPACES.matcher(flat.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }
}
