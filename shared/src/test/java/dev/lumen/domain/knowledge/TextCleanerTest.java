package dev.lumen.domain.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextCleanerTest {

    @Test
    void normalisesLineEndingsAndKeepsOneBlankLineBetweenParagraphs() {
        // GIVEN
        String text = "First line\r\nsame paragraph\r\n\r\n\r\n\r\nSecond\rparagraph\n\n\n\n\nThird";

        // WHEN
        String cleaned = TextCleaner.clean(text);

        // THEN
        assertThat(cleaned).isEqualTo("First line\nsame paragraph\n\nSecond\nparagraph\n\nThird");
    }

    @Test
    void composesUnicode() {
        // GIVEN "café" with a combining acute accent (NFD)
        String decomposed = "cafe\u0301";

        // WHEN
        String cleaned = TextCleaner.clean(decomposed);

        // THEN one precomposed é
        assertThat(cleaned).isEqualTo("caf\u00e9").hasSize(4);
    }

    @Test
    void dropsControlCharactersButKeepsNewlinesAndTabs() {
        // GIVEN NUL, bell, escape, DEL, a C1 control, a byte-order mark and a zero-width space
        String text = "\uFEFFa\u0000b\u0007c\u001B[0m\u007Fd\u0085e\u200Bf\tg\nh";

        // WHEN
        String cleaned = TextCleaner.clean(text);

        // THEN
        assertThat(cleaned).isEqualTo("abc[0mdef\tg\nh");
    }

    @Test
    void collapsesRunsOfSpacesIncludingNoBreakSpacesAndTrimsLines() {
        // GIVEN
        String text = "  lots   of\u00A0\u00A0 space\u2003here   \n   indented line  \n \u00A0 \n\nnext";

        // WHEN
        String cleaned = TextCleaner.clean(text);

        // THEN a line of only spaces counts as blank
        assertThat(cleaned).isEqualTo("lots of space here\nindented line\n\nnext");
    }

    @Test
    void turnsUnicodeLineAndParagraphSeparatorsIntoBreaks() {
        // WHEN
        String cleaned = TextCleaner.clean("one\u2028two\u2029three");

        // THEN
        assertThat(cleaned).isEqualTo("one\ntwo\n\nthree");
    }

    @Test
    void isIdempotent() {
        // GIVEN
        String messy = " \r\n\r\nA\u00A0 b\t\u0001c\r\n\r\n\r\ne\u0301 \n";

        // WHEN
        String once = TextCleaner.clean(messy);

        // THEN
        assertThat(TextCleaner.clean(once)).isEqualTo(once).isEqualTo("A b\tc\n\n\u00e9");
    }

    @Test
    void blankTextCleansToEmpty() {
        // WHEN / THEN
        assertThat(TextCleaner.clean(" \n\r\n\t \u0000 ")).isEmpty();
    }
}
