package dev.lumen.domain.chat;

import dev.lumen.domain.persona.Trait;
import java.util.List;

/**
 * What a {@link ChatModel} is asked: the system prompt, the history (oldest first) and the new
 * user message. {@code personaName}, {@code traits} and {@code memories} repeat what the system
 * prompt says, in structured form, for models that do not read prompts (the offline model).
 *
 * @param memories recalled past exchanges the system prompt includes, most similar first
 * @param task     what the answer is for: a reply in character, a JSON analysis, or an answer from sources
 * @param sources  the numbered passages ({@code sources.get(0)} is {@code [1]}) a grounded answer must
 *                 cite; the prompt carries them too
 */
public record ModelRequest(String systemPrompt, List<Turn> history, String userMessage,
                           String personaName, List<Trait> traits, int maxTokens,
                           List<String> memories, Task task, List<String> sources) {

    public ModelRequest {
        history = List.copyOf(history);
        traits = List.copyOf(traits);
        memories = memories == null ? List.of() : List.copyOf(memories);
        task = task == null ? Task.REPLY : task;
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /** A request without sources. */
    public ModelRequest(String systemPrompt, List<Turn> history, String userMessage,
                        String personaName, List<Trait> traits, int maxTokens, List<String> memories, Task task) {
        this(systemPrompt, history, userMessage, personaName, traits, maxTokens, memories, task, List.of());
    }

    /** A reply in character with no recalled memories. */
    public ModelRequest(String systemPrompt, List<Turn> history, String userMessage,
                        String personaName, List<Trait> traits, int maxTokens) {
        this(systemPrompt, history, userMessage, personaName, traits, maxTokens, List.of(), Task.REPLY, List.of());
    }

    /** One earlier message as the model sees it. */
    public record Turn(Role role, String text) {
    }

    /** Why the model is asked. */
    public enum Task {
        /** Answer the user in character. */
        REPLY,
        /**
         * Name the traits the persona showed in {@code userMessage} (which holds the exchange), as a
         * JSON array of {@code {name, description, intensity}} and nothing else.
         */
        EXTRACT_TRAITS,
        /** Answer {@code userMessage} from {@code sources} only, citing them as {@code [1]}, {@code [2]}. */
        GROUNDED_ANSWER,
        /**
         * Judge the answer in {@code userMessage} (a question, a rubric, and the answer between
         * {@code <answer>} tags) against the rubric, ending with a line {@code SCORE: x}, x in [0, 1].
         */
        GRADE,
        /**
         * Answer the custody test question in {@code userMessage} as the agent the system prompt
         * describes; {@code history} holds worked examples (question as a user turn, its answer as
         * the assistant turn after it) the agent learned from.
         */
        EXAMINATION,
        /**
         * Write, in character, a short message the persona sends on its own initiative; {@code userMessage}
         * is the instruction, its last line {@code Reason: …} a plain sentence of why.
         */
        PROACTIVE
    }
}
