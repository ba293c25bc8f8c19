package dev.lumen.domain.chat;

import dev.lumen.domain.persona.Trait;
import java.util.List;

/**
 * What a {@link ChatModel} is asked: the system prompt, the history (oldest first) and the new
 * user message. {@code personaName} and {@code traits} repeat what the system prompt says, in
 * structured form, for models that do not read prompts (the offline model).
 */
public record ModelRequest(String systemPrompt, List<Turn> history, String userMessage,
                           String personaName, List<Trait> traits, int maxTokens) {

    public ModelRequest {
        history = List.copyOf(history);
        traits = List.copyOf(traits);
    }

    /** One earlier message as the model sees it. */
    public record Turn(Role role, String text) {
    }
}
