package dev.lumen.domain.chat;

import dev.lumen.domain.persona.Trait;
import java.util.List;
import java.util.Locale;

/** Writes the system prompt that keeps a model in character as a persona. */
public final class PromptBuilder {

    private PromptBuilder() {
    }

    public static String systemPrompt(String name, String description, List<Trait> traits) {
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
        out.append("\nLet stronger traits shape your tone more. Answer the user's latest message directly,"
                + " in plain language, and never claim to be a human.");
        return out.toString();
    }
}
