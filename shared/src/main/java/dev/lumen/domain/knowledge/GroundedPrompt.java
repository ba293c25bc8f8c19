package dev.lumen.domain.knowledge;

import java.util.List;

/** The prompt for answers from a creator's knowledge: numbered sources, cite them, invent nothing. */
final class GroundedPrompt {

    private GroundedPrompt() {
    }

    static String system() {
        return "You answer questions using only the numbered sources you are given. Cite every statement"
                + " with the number of the source it comes from in square brackets, like [1] or [2][3]."
                + " If the sources do not contain the answer, say so plainly instead of guessing.";
    }

    static String question(String query, List<KnowledgeHit> sources) {
        StringBuilder out = new StringBuilder(4_096).append("Sources:");
        for (int i = 0; i < sources.size(); i++) {
            KnowledgeHit hit = sources.get(i);
            out.append("\n\n[").append(i + 1).append("] ").append(hit.title()).append('\n').append(hit.text());
        }
        return out.append("\n\nQuestion: ").append(query).toString();
    }
}
