package dev.lumen.adapter.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The expected ids are what Hugging Face's own tokenizer (the Rust {@code tokenizers} library, via
 * DJL) gives for the same {@code tokenizer.json}; a different split would feed the model input it
 * never saw in training.
 */
class WordPieceTokenizerTest {
    private static final WordPieceTokenizer TOKENIZER = load();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            // punctuation is its own word
            "Hello, world!                          | 101 7592 1010 2088 999 102",
            // accents stripped, lower-cased, words split into known pieces
            "Crème Brûlée in PARIS                  | 101 13675 21382 7987 9307 2063 1999 3000 102",
            // each CJK ideograph is a word of its own
            "東京 tower                              | 101 1879 1755 3578 102",
            // ASCII symbols count as punctuation; longest known piece first
            "I'd pay $100+ for <unaffable> jokes... | 101 1045 1005 1040 3477 1002 2531 1009 2005 1026 14477 20961 3468 1028 13198 1012 1012 1012 102",
            // a word with no known split is one [UNK]
            "Emoji \uD83D\uDE00 ok                   | 101 7861 29147 2072 100 7929 102",
            // tab, newline and no-break space separate words; a zero-width space is dropped
            "tab\\tnew\\nline\u00A0nbsp\u200Bzero   | 101 21628 2047 2240 1050 5910 2361 6290 2080 102",
    })
    void givesTheIdsOfTheReferenceTokenizer(String text, String expected) {
        // WHEN
        long[] ids = TOKENIZER.encode(unescape(text), 512);

        // THEN
        assertThat(ids).containsExactly(parse(expected));
    }

    @Test
    void cutsLongInputToTheLimitKeepingTheSpecialTokens() {
        // GIVEN 300 words of one token each
        String text = "word ".repeat(300);

        // WHEN
        long[] ids = TOKENIZER.encode(text, 16);

        // THEN [CLS], 14 pieces, [SEP]
        assertThat(ids).hasSize(16);
        assertThat(ids[0]).isEqualTo(101);
        assertThat(ids[15]).isEqualTo(102);
        assertThat(ids[1]).isEqualTo(ids[14]);
    }

    @Test
    void anEmptyTextIsJustTheSpecialTokens() {
        // WHEN / THEN
        assertThat(TOKENIZER.encode("", 256)).containsExactly(101, 102);
    }

    @Test
    void refusesATokenizerItDoesNotImplement() {
        // GIVEN a cased tokenizer: lower-casing its input would change the ids
        String cased = """
                {"normalizer": {"type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": true,
                                "strip_accents": null, "lowercase": false},
                 "pre_tokenizer": {"type": "BertPreTokenizer"},
                 "model": {"type": "WordPiece", "vocab": {"[UNK]": 0, "[CLS]": 1, "[SEP]": 2}}}
                """;

        // WHEN / THEN
        assertThatThrownBy(() -> WordPieceTokenizer.fromHuggingFaceJson(
                new ByteArrayInputStream(cased.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("uncased BERT");
    }

    private static long[] parse(String ids) {
        return Arrays.stream(ids.trim().split(" ")).mapToLong(Long::parseLong).toArray();
    }

    /** CSV source text keeps backslash escapes literally; turn \t and \n into the characters. */
    private static String unescape(String text) {
        return text.replace("\\t", "\t").replace("\\n", "\n");
    }

    private static WordPieceTokenizer load() {
        try (InputStream json = WordPieceTokenizerTest.class.getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json")) {
            return WordPieceTokenizer.fromHuggingFaceJson(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
