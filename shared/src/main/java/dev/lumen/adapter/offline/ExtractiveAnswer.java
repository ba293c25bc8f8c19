package dev.lumen.adapter.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The offline model's grounded answer: no generation, only the sentences of the sources that share
 * the most key terms with the question, each cited with its source's number. Honest about being
 * extractive, and enough to build and test a client's citation handling without a model.
 */
final class ExtractiveAnswer {
    static final int MAX_SENTENCES = 3;
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");

    private ExtractiveAnswer() {
    }

    /** One line for a chat reply: the source sentence closest to the message, cited. */
    static String bestSentence(String message, List<String> sources) {
        String best = of(message, sources, 1).replace(PREFIX, "").strip();
        return "From your coach's material: " + best;
    }

    static String of(String question, List<String> sources) {
        return of(question, sources, MAX_SENTENCES);
    }

    private static final String PREFIX = "(Offline mode) From the sources:";

    private static String of(String question, List<String> sources, int maxSentences) {
        if (sources.isEmpty()) {
            return "(Offline mode) The knowledge base has nothing on this yet, so I can't answer from it.";
        }
        List<String> terms = KeyTerms.of(question, 12);
        record Candidate(String sentence, int source, int overlap) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            for (String sentence : SENTENCE_END.split(sources.get(i).replaceAll("\\s+", " ").strip())) {
                String lower = sentence.toLowerCase(Locale.ROOT);
                int overlap = (int) terms.stream().filter(lower::contains).count();
                candidates.add(new Candidate(sentence.strip(), i + 1, overlap));
            }
        }
        // Best overlap first; among equals, the better-ranked source and the earlier sentence.
        List<Candidate> ranked = new ArrayList<>(candidates);
        ranked.sort((a, b) -> b.overlap() != a.overlap() ? Integer.compare(b.overlap(), a.overlap())
                : Integer.compare(a.source(), b.source()));
        StringBuilder answer = new StringBuilder(PREFIX);
        int used = 0;
        for (Candidate candidate : ranked) {
            if (used == maxSentences || candidate.sentence().isEmpty()) {
                break;
            }
            answer.append(' ').append(candidate.sentence()).append(" [").append(candidate.source()).append(']');
            used++;
        }
        return answer.toString();
    }
}
