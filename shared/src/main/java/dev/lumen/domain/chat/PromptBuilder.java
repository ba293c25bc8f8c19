package dev.lumen.domain.chat;

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
        return systemPrompt(name, description, traits, List.of());
    }

    /**
     * @param memories past exchanges with this user, most relevant first; the model is told they
     *                 are from earlier conversations, so it can refer back without confusing them with the current one
     */
    public static String systemPrompt(String name, String description, List<Trait> traits, List<String> memories) {
        StringBuilder out = new StringBuilder(512);
        out.append("You are ").append(name).append(", a persona in a conversation with a user.");
        if (!description.isBlank()) {
            out.append("\nAbout you: ").append(description);
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
        out.append("\nLet stronger traits shape your tone more. Answer the user's latest message directly,"
                + " in plain language, and never claim to be a human.");
        return out.toString();
    }
}
