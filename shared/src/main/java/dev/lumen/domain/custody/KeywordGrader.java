package dev.lumen.domain.custody;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scores the share of required {@code keywords} an answer mentions and passes it at
 * {@code threshold} (default 0.6). An item is a phrase or an array of alternatives, any one of
 * which counts ({@code ["refuse", "decline"]}). A phrase must start at a word boundary but may
 * end inside a word, so stems work ("authoriz" covers "authorized") while "no" does not match
 * inside "know". Matching ignores case, and hyphens and runs of whitespace count as one space,
 * so "prompt-injection" covers "prompt injection".
 */
public final class KeywordGrader implements Grader {
    public static final String TYPE = "keywords";
    static final double DEFAULT_THRESHOLD = 0.6;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void check(GraderSpec spec) {
        keywords(spec);
        spec.share("threshold", DEFAULT_THRESHOLD);
    }

    @Override
    public Grade grade(CustodyTest test, String answer) {
        GraderSpec spec = test.grader();
        List<List<String>> required = keywords(spec);
        String text = normalised(answer == null ? "" : answer);
        List<String> missing = new ArrayList<>();
        for (List<String> alternatives : required) {
            if (alternatives.stream().noneMatch(phrase -> mentions(text, phrase))) {
                missing.add(alternatives.get(0));
            }
        }
        double score = (required.size() - missing.size()) / (double) required.size();
        boolean passed = score >= spec.share("threshold", DEFAULT_THRESHOLD);
        String feedback = missing.isEmpty() ? "Covers every required point."
                : String.format(Locale.ROOT, "Covers %d of %d required points; missing: %s.",
                required.size() - missing.size(), required.size(), String.join(", ", missing));
        return new Grade(score, passed, feedback);
    }

    private static boolean mentions(String text, String phrase) {
        int from = text.indexOf(phrase);
        while (from >= 0) {
            if (from == 0 || !Character.isLetterOrDigit(text.charAt(from - 1))) {
                return true;
            }
            from = text.indexOf(phrase, from + 1);
        }
        return false;
    }

    private static List<List<String>> keywords(GraderSpec spec) {
        JsonNode items = spec.option("keywords");
        if (!items.isArray() || items.isEmpty()) {
            throw new IllegalArgumentException("grader 'keywords' needs a non-empty array 'keywords'");
        }
        List<List<String>> result = new ArrayList<>();
        for (JsonNode item : items) {
            List<String> alternatives = new ArrayList<>();
            if (item.isArray()) {
                item.forEach(alternative -> alternatives.add(phrase(alternative)));
            } else {
                alternatives.add(phrase(item));
            }
            if (alternatives.isEmpty()) {
                throw new IllegalArgumentException("grader 'keywords' has an empty list of alternatives");
            }
            result.add(alternatives);
        }
        return result;
    }

    private static String phrase(JsonNode node) {
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new IllegalArgumentException("grader 'keywords' items must be non-blank text, was " + node);
        }
        return normalised(node.asText());
    }

    private static String normalised(String text) {
        return text.toLowerCase(Locale.ROOT).replace('-', ' ').replaceAll("\\s+", " ").strip();
    }
}
