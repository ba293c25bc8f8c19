package dev.lumen.adapter.offline;

import java.util.List;
import java.util.Locale;

/**
 * The offline model as an examiner: it cannot understand an answer, so it scores the share of the
 * rubric's key terms the answer uses, and says so. Deterministic, which is what offline runs of
 * the custody protocol need: the same answer always gets the same score, and an answer that takes
 * up more of what the rubric asks for scores higher.
 */
final class OfflineJudge {
    static final int RUBRIC_TERMS = 12;
    private static final String RUBRIC = "Rubric:\n";
    private static final String ANSWER_OPEN = "<answer>";
    private static final String ANSWER_CLOSE = "</answer>";

    private OfflineJudge() {
    }

    /** A short judgement and the closing {@code SCORE: x} line, for the grading prompt {@code prompt}. */
    static String verdict(String prompt) {
        String rubric = between(prompt, RUBRIC, ANSWER_OPEN);
        String answer = between(prompt, ANSWER_OPEN, ANSWER_CLOSE).toLowerCase(Locale.ROOT);
        List<String> terms = KeyTerms.of(rubric, RUBRIC_TERMS);
        if (terms.isEmpty()) {
            return "(Offline judge) The rubric names no terms to look for.\nSCORE: 0";
        }
        List<String> covered = terms.stream().filter(answer::contains).toList();
        double score = Math.round(100.0 * covered.size() / terms.size()) / 100.0;
        return String.format(Locale.ROOT, "(Offline judge) The answer uses %d of the rubric's %d key terms%s.%nSCORE: %.2f",
                covered.size(), terms.size(), covered.isEmpty() ? "" : " (" + String.join(", ", covered) + ")", score);
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        if (from < 0) {
            return "";
        }
        from += start.length();
        int to = text.indexOf(end, from);
        return text.substring(from, to < 0 ? text.length() : to);
    }
}
