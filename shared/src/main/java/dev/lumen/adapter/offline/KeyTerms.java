package dev.lumen.adapter.offline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Picks the words of a text that say what it is about: lower-cased, without stopwords, longer
 * words first (they tend to carry the topic), ties in reading order. Deterministic by design.
 */
final class KeyTerms {
    private static final Pattern WORD_SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}']+");
    private static final int MIN_LENGTH = 3;
    // Longer "words" are URLs, hashes or keyboard mashing; echoing them back helps nobody.
    private static final int MAX_LENGTH = 30;

    private static final Set<String> STOPWORDS = Set.of(
            "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are",
            "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
            "can", "could", "did", "do", "does", "doing", "down", "during", "each", "even", "ever", "every",
            "few", "for", "from", "further", "get", "got", "had", "has", "have", "having", "he", "her", "here",
            "hers", "herself", "hey", "hi", "him", "himself", "his", "how", "however", "i", "if", "in", "into",
            "is", "it", "its", "itself", "just", "know", "let", "like", "lot", "me", "might", "more", "most",
            "much", "must", "my", "myself", "need", "no", "nor", "not", "now", "of", "off", "okay", "on",
            "once", "one", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "please",
            "really", "same", "say", "she", "should", "so", "some", "something", "still", "such", "tell",
            "than", "thank", "thanks", "that", "the", "their", "theirs", "them", "themselves", "then",
            "there", "these", "they", "thing", "things", "think", "this", "those", "through", "to", "too",
            "under", "until", "up", "us", "very", "want", "was", "we", "well", "were", "what", "when",
            "where", "which", "while", "who", "whom", "why", "will", "with", "would", "yeah", "yes", "yet",
            "you", "your", "yours", "yourself", "yourselves",
            "can't", "couldn't", "didn't", "doesn't", "don't", "he's", "i'd", "i'll", "i'm", "i've", "isn't",
            "it's", "let's", "she's", "that's", "there's", "they're", "wasn't", "we're", "what's", "won't",
            "wouldn't", "you'd", "you'll", "you're", "you've");

    private KeyTerms() {
    }

    /** Up to {@code limit} key terms of {@code text}, most telling first. */
    static List<String> of(String text, int limit) {
        Set<String> distinct = new LinkedHashSet<>();
        for (String raw : WORD_SEPARATORS.split(text.toLowerCase(Locale.ROOT))) {
            String word = stripQuotes(raw);
            if (STOPWORDS.contains(word)) {
                continue;
            }
            if (word.endsWith("'s")) {
                word = word.substring(0, word.length() - 2);
            }
            if (word.length() >= MIN_LENGTH && word.length() <= MAX_LENGTH && !isNumber(word)) {
                distinct.add(word);
            }
        }
        List<String> ranked = new ArrayList<>(distinct);
        // A stable sort keeps reading order among words of equal length.
        ranked.sort(Comparator.comparingInt(String::length).reversed());
        return List.copyOf(ranked.subList(0, Math.min(limit, ranked.size())));
    }

    private static String stripQuotes(String word) {
        int start = 0;
        int end = word.length();
        while (start < end && word.charAt(start) == '\'') {
            start++;
        }
        while (end > start && word.charAt(end - 1) == '\'') {
            end--;
        }
        return word.substring(start, end);
    }

    private static boolean isNumber(String word) {
        return word.chars().allMatch(Character::isDigit);
    }
}
