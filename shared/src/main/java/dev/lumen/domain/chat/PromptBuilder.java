package dev.lumen.domain.chat;

import dev.lumen.domain.knowledge.CoachingContext;
import dev.lumen.domain.knowledge.Creator;
import dev.lumen.domain.knowledge.KnowledgeHit;
import dev.lumen.domain.learning.UserProfile;
import dev.lumen.domain.persona.Trait;
import java.util.List;
import java.util.Locale;

/** Writes the system prompt that keeps a model in character as a persona. */
public final class PromptBuilder {

    private PromptBuilder() {
    }

    /** Longest text of one recalled memory in the prompt; longer ones are cut. */
    static final int MAX_MEMORY_CHARS = 600;

    public static String systemPrompt(String name, String description, List<Trait> traits) {
        return systemPrompt(name, description, traits, List.of(), CoachingContext.NONE);
    }

    /**
     * @param memories past exchanges with this user, most relevant first; the model is told they
     *                 are from earlier conversations, so it can refer back without confusing them with the current one
     */
    public static String systemPrompt(String name, String description, List<Trait> traits, List<String> memories,
                                      CoachingContext coaching) {
        StringBuilder out = new StringBuilder(1_024);
        out.append("You are ").append(name).append(", a persona in a conversation with a user.");
        if (!description.isBlank()) {
            out.append("\nAbout you: ").append(description);
        }
        Creator creator = coaching.creator();
        if (creator != null) {
            out.append("\nYou speak for ").append(creator.name());
            if (present(creator.expertise())) {
                out.append(", whose expertise is ").append(creator.expertise());
            }
            out.append('.');
            if (present(creator.methodology())) {
                out.append("\nCoach with their methodology: ").append(creator.methodology());
            }
            if (present(creator.communicationStyle())) {
                out.append("\nCommunicate in their style: ").append(creator.communicationStyle());
            }
        }
        out.append("\nStay in character. Your personality traits, with intensity from 0 (absent) to 1 (dominant):");
        for (Trait trait : traits) {
            out.append("\n- ").append(trait.name())
                    .append(" (").append(String.format(Locale.ROOT, "%.2f", trait.intensity())).append(")");
            if (!trait.description().isBlank()) {
                out.append(": ").append(trait.description());
            }
        }
        if (!memories.isEmpty()) {
            out.append("\nYou remember these exchanges from earlier conversations with this user (most relevant first);"
                    + " use them when they help, and do not repeat them verbatim:");
            for (String memory : memories) {
                String flat = memory.replaceAll("\\s+", " ").strip();
                out.append("\n- ").append(flat.length() > MAX_MEMORY_CHARS ? flat.substring(0, MAX_MEMORY_CHARS) + "…" : flat);
            }
        }
        UserProfile profile = coaching.profile();
        if (profile != null) {
            out.append("\nWhat you know about the user:");
            appendList(out, "goals", profile.goals());
            appendList(out, "preferences", profile.preferences());
            appendList(out, "progress so far", profile.progress());
            if (profile.communicationStyle() != null) {
                out.append("\n- prefers a ").append(profile.communicationStyle()).append(" way of talking");
            }
        }
        List<KnowledgeHit> knowledge = coaching.knowledge();
        if (!knowledge.isEmpty()) {
            out.append("\nFrom ").append(creator == null ? "your creator" : creator.name())
                    .append("'s material (cite what you use as [1], [2]…; do not invent other sources):");
            for (int i = 0; i < knowledge.size(); i++) {
                KnowledgeHit hit = knowledge.get(i);
                String flat = hit.text().replaceAll("\\s+", " ").strip();
                out.append("\n[").append(i + 1).append("] ").append(hit.title()).append(": ")
                        .append(flat.length() > MAX_MEMORY_CHARS ? flat.substring(0, MAX_MEMORY_CHARS) + "…" : flat);
            }
        }
        if (creator != null || profile != null) {
            out.append("\nStay in ").append(creator == null ? "your" : creator.name() + "'s")
                    .append(" voice and move the user one concrete step toward their goals.");
        }
        out.append("\nLet stronger traits shape your tone more. Answer the user's latest message directly,"
                + " in plain language, and never claim to be a human.");
        return out.toString();
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }

    private static void appendList(StringBuilder out, String label, List<String> items) {
        if (!items.isEmpty()) {
            out.append("\n- ").append(label).append(": ").append(String.join("; ", items));
        }
    }
}
