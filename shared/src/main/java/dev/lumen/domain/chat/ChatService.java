package dev.lumen.domain.chat;

import dev.lumen.domain.Ids;
import dev.lumen.domain.error.ValidationException;
import dev.lumen.domain.persona.CoreTraits;
import dev.lumen.domain.persona.Persona;
import dev.lumen.domain.persona.PersonaService;
import dev.lumen.domain.persona.Trait;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The chat use case: persona in character, the session's recent history, one model call, both
 * messages stored. It does only what the reply needs; learning from the turn happens elsewhere.
 */
public final class ChatService {
    public static final int MAX_MESSAGE_LENGTH = 4_000;
    public static final int HISTORY_SIZE = 10;
    static final int MAX_REPLY_TOKENS = 1_024;

    private final PersonaService personas;
    private final CoreTraits coreTraits;
    private final ConversationRepository conversations;
    private final ChatModel model;
    private final Clock clock;

    public ChatService(PersonaService personas, CoreTraits coreTraits, ConversationRepository conversations,
                       ChatModel model, Clock clock) {
        this.personas = personas;
        this.coreTraits = coreTraits;
        this.conversations = conversations;
        this.model = model;
        this.clock = clock;
    }

    public ChatReply chat(ChatRequest request) {
        String text = validMessage(request.message());
        String sessionId = request.sessionId() == null ? Ids.random() : Ids.require("sessionId", request.sessionId());
        String userId = request.userId() == null ? null : Ids.require("userId", request.userId());
        Persona persona = personas.load(request.personaId());
        List<Trait> traits = coreTraits.effective(persona.traits());

        List<Message> recent = conversations.latest(persona.id(), sessionId, HISTORY_SIZE);
        List<ModelRequest.Turn> history = new ArrayList<>(recent.size());
        for (Message m : recent) {
            history.add(new ModelRequest.Turn(m.role(), m.content()));
        }
        Instant askedAt = clock.instant();
        ModelReply answer = model.reply(new ModelRequest(
                PromptBuilder.systemPrompt(persona.name(), persona.description(), traits),
                history, text, persona.name(), traits, MAX_REPLY_TOKENS));

        Message userMessage = new Message(Ids.random(), persona.id(), sessionId, userId, Role.USER, text,
                askedAt, null, Usage.NONE);
        // The reply must sort after the question even when the model answers within the same millisecond.
        Instant answeredAt = clock.instant();
        if (!answeredAt.isAfter(askedAt)) {
            answeredAt = askedAt.plusMillis(1);
        }
        Message reply = new Message(Ids.random(), persona.id(), sessionId, userId, Role.ASSISTANT, answer.text(),
                answeredAt, answer.model(), answer.usage());
        conversations.appendTurn(userMessage, reply);

        return new ChatReply(answer.text(), persona.id(), sessionId, reply.messageId(), traits,
                confidence(answer.stopReason()), suggestedActions(text, answer.text()), answer.model(), answer.usage());
    }

    static String validMessage(String message) {
        if (message == null || message.isBlank()) {
            throw new ValidationException("missing_field", "'message' is required");
        }
        if (message.length() > MAX_MESSAGE_LENGTH) {
            throw new ValidationException("message_too_long",
                    "'message' is longer than " + MAX_MESSAGE_LENGTH + " characters");
        }
        return message.strip();
    }

    /**
     * How complete the answer is, from why the model stopped: a natural end is a full answer, a
     * token limit cut it short, a filter withheld it. Not a measure of factual accuracy.
     */
    static double confidence(String stopReason) {
        if (stopReason == null) {
            return 0.5;
        }
        return switch (stopReason) {
            case "end_turn", "stop_sequence" -> 0.9;
            case "max_tokens" -> 0.6;
            case "guardrail_intervened", "content_filtered" -> 0.2;
            default -> 0.5;
        };
    }

    /** Quick replies a client can offer, chosen from the shape of the exchange. */
    static List<String> suggestedActions(String message, String reply) {
        List<String> actions = new ArrayList<>(3);
        if (message.contains("?")) {
            actions.add("Give me an example");
        } else {
            actions.add("What do you think?");
        }
        if (reply.length() > 400) {
            actions.add("Summarise that in one sentence");
        }
        actions.add("What should I do next?");
        return List.copyOf(actions);
    }
}
