package dev.lumen.adapter.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The uncased BERT tokenizer that MiniLM was trained with, read from a Hugging Face
 * {@code tokenizer.json}: {@code BertNormalizer} (clean text, pad CJK ideographs, strip accents,
 * lower-case), {@code BertPreTokenizer} (split on whitespace and punctuation), then greedy
 * longest-match-first WordPiece, wrapped in {@code [CLS] … [SEP]}.
 *
 * <p>It follows the Rust {@code tokenizers} implementation rule for rule, so the ids equal what the
 * model saw in training; a different split would quietly lower retrieval quality. Immutable and
 * thread-safe.
 */
final class WordPieceTokenizer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Integer> vocabulary;
    private final int unknownId;
    private final int clsId;
    private final int sepId;
    private final String continuingPrefix;
    private final int maxCharsPerWord;

    private WordPieceTokenizer(Map<String, Integer> vocabulary, String unknownToken, String continuingPrefix,
                               int maxCharsPerWord) {
        this.vocabulary = Map.copyOf(vocabulary);
        this.unknownId = idOf(unknownToken);
        this.clsId = idOf("[CLS]");
        this.sepId = idOf("[SEP]");
        this.continuingPrefix = continuingPrefix;
        this.maxCharsPerWord = maxCharsPerWord;
    }

    /**
     * Reads a {@code tokenizer.json} and refuses one whose pipeline is not the uncased BERT one this
     * class implements, rather than tokenizing differently from the model's training.
     */
    static WordPieceTokenizer fromHuggingFaceJson(InputStream json) throws IOException {
        JsonNode root = JSON.readTree(json);
        JsonNode normalizer = root.path("normalizer");
        JsonNode model = root.path("model");
        boolean uncasedBert = normalizer.path("type").asText().equals("BertNormalizer")
                && normalizer.path("lowercase").asBoolean(false)
                && normalizer.path("clean_text").asBoolean(false)
                && normalizer.path("handle_chinese_chars").asBoolean(false)
                // null means "strip accents when lower-casing"
                && (normalizer.path("strip_accents").isNull() || normalizer.path("strip_accents").asBoolean(false))
                && root.path("pre_tokenizer").path("type").asText().equals("BertPreTokenizer")
                && model.path("type").asText().equals("WordPiece");
        if (!uncasedBert) {
            throw new IOException("not an uncased BERT WordPiece tokenizer");
        }
        Map<String, Integer> vocabulary = new HashMap<>();
        model.path("vocab").properties().forEach(e -> vocabulary.put(e.getKey(), e.getValue().asInt()));
        return new WordPieceTokenizer(vocabulary, model.path("unk_token").asText("[UNK]"),
                model.path("continuing_subword_prefix").asText("##"),
                model.path("max_input_chars_per_word").asInt(100));
    }

    /**
     * Token ids of {@code text}: {@code [CLS]}, at most {@code maxTokens - 2} word pieces, {@code [SEP]}.
     * Longer input is cut at the end, as sentence-transformers does for this model.
     */
    long[] encode(String text, int maxTokens) {
        int limit = maxTokens - 2;
        List<Integer> pieces = new ArrayList<>();
        for (String word : words(normalize(text))) {
            appendWordPieces(word, pieces);
            if (pieces.size() >= limit) {
                break;
            }
        }
        int count = Math.min(pieces.size(), limit);
        long[] ids = new long[count + 2];
        ids[0] = clsId;
        for (int i = 0; i < count; i++) {
            ids[i + 1] = pieces.get(i);
        }
        ids[count + 1] = sepId;
        return ids;
    }

    /** BertNormalizer: clean text, space out CJK ideographs, strip accents, lower-case — in that order. */
    static String normalize(String text) {
        StringBuilder cleaned = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            if (c == 0 || c == 0xFFFD || isControl(c)) {
                return;
            }
            if (isWhitespace(c)) {
                cleaned.append(' ');
            } else if (isChineseCharacter(c)) {
                cleaned.append(' ').appendCodePoint(c).append(' ');
            } else {
                cleaned.appendCodePoint(c);
            }
        });
        String decomposed = Normalizer.normalize(cleaned, Normalizer.Form.NFD);
        StringBuilder stripped = new StringBuilder(decomposed.length());
        decomposed.codePoints()
                .filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
                .forEach(stripped::appendCodePoint);
        // Rust lower-cases each character on its own; Java would turn a word-final capital sigma
        // into the final form ς, which is another token.
        return stripped.toString().replace('\u03A3', '\u03C3').toLowerCase(Locale.ROOT);
    }

    /** BertPreTokenizer: whitespace separates words and is dropped; each punctuation mark is a word. */
    static List<String> words(String normalized) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        normalized.codePoints().forEach(c -> {
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                flush(word, words);
            } else if (isPunctuation(c)) {
                flush(word, words);
                words.add(new String(Character.toChars(c)));
            } else {
                word.appendCodePoint(c);
            }
        });
        flush(word, words);
        return words;
    }

    private void appendWordPieces(String word, List<Integer> out) {
        if (word.codePointCount(0, word.length()) > maxCharsPerWord) {
            out.add(unknownId);
            return;
        }
        List<Integer> pieces = new ArrayList<>();
        int start = 0;
        while (start < word.length()) {
            int end = word.length();
            Integer id = null;
            while (start < end) {
                String candidate = word.substring(start, end);
                id = vocabulary.get(start > 0 ? continuingPrefix + candidate : candidate);
                if (id != null) {
                    break;
                }
                end = word.offsetByCodePoints(end, -1);
            }
            if (id == null) {
                // No split of the rest is in the vocabulary: the whole word is unknown.
                out.add(unknownId);
                return;
            }
            pieces.add(id);
            start = end;
        }
        out.addAll(pieces);
    }

    private int idOf(String token) {
        Integer id = vocabulary.get(token);
        if (id == null) {
            throw new IllegalArgumentException("the vocabulary has no " + token + " token");
        }
        return id;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (word.length() > 0) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    /** Tab, newline and carriage return are whitespace, not control characters, for BERT. */
    private static boolean isWhitespace(int c) {
        return c == '\t' || c == '\n' || c == '\r' || Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** Unicode "Other" categories (Cc, Cf, Cs, Co, Cn), except the whitespace controls. */
    private static boolean isControl(int c) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return false;
        }
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.PRIVATE_USE || type == Character.UNASSIGNED;
    }

    /** ASCII punctuation and symbols (BERT counts {@code $+<=>^`|~} too) and Unicode punctuation (P*). */
    private static boolean isPunctuation(int c) {
        if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /** The CJK Unified Ideographs blocks, which BERT tokenizes one character at a time. */
    private static boolean isChineseCharacter(int c) {
        return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF)
                || (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F)
                || (c >= 0x2B920 && c <= 0x2CEAF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
    }
}
