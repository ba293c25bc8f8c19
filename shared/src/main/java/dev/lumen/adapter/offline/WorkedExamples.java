package dev.lumen.adapter.offline;

import dev.lumen.domain.chat.ModelRequest;
import dev.lumen.domain.chat.Role;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The offline model as an examinee: it cannot reason, so it does what an honest student with only
 * worked examples can do — find the example whose question is most like the one asked (most shared
 * key terms) and give that example's answer. With no example close enough it says it does not
 * know. Deterministic: the same question and the same examples always give the same answer, so
 * offline custody runs show exactly what the examples taught (an agent is strong where it has
 * material, weak elsewhere, and stronger after a mentor shares examples).
 */
final class WorkedExamples {
    /** Enough terms to compare whole questions. */
    static final int TERMS = 40;
    /** Fewer shared terms than this is a coincidence ("system", "user"), not the same question. */
    static final int MIN_SHARED_TERMS = 3;
    static final String UNKNOWN = "I do not know the answer to this; none of my worked examples covers it.";

    private WorkedExamples() {
    }

    /**
     * The answer of the nearest worked example in {@code history} (user turn = question, the
     * assistant turn right after it = answer), ties to the earliest; {@link #UNKNOWN} when none
     * shares at least {@link #MIN_SHARED_TERMS} key terms with {@code question}.
     */
    static String answer(String question, List<ModelRequest.Turn> history) {
        Set<String> asked = new HashSet<>(KeyTerms.of(question, TERMS));
        String best = null;
        int bestShared = MIN_SHARED_TERMS - 1;
        for (int i = 0; i + 1 < history.size(); i++) {
            ModelRequest.Turn q = history.get(i);
            ModelRequest.Turn a = history.get(i + 1);
            if (q.role() != Role.USER || a.role() != Role.ASSISTANT) {
                continue;
            }
            int shared = 0;
            for (String term : KeyTerms.of(q.text(), TERMS)) {
                if (asked.contains(term)) {
                    shared++;
                }
            }
            if (shared > bestShared) {
                bestShared = shared;
                best = a.text();
            }
        }
        return best == null ? UNKNOWN : best;
    }
}
