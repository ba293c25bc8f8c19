package dev.lumen.domain.chat;

import dev.lumen.domain.Ids;
import dev.lumen.domain.error.UnavailableException;
import dev.lumen.domain.error.ValidationException;
import dev.lumen.domain.knowledge.Coaching;
import dev.lumen.domain.knowledge.CoachingContext;
import dev.lumen.domain.knowledge.KnowledgeHit;
import dev.lumen.domain.knowledge.KnowledgeQuery;
import dev.lumen.domain.memory.InteractionPublisher;
import dev.lumen.domain.memory.InteractionRecorded;
import dev.lumen.domain.memory.MemoryService;
import dev.lumen.domain.memory.RecalledMemory;
import dev.lumen.domain.persona.CoreTraits;
import dev.lumen.domain.persona.Persona;
import dev.lumen.domain.persona.PersonaService;
import dev.lumen.domain.persona.Trait;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The chat use case: persona in character, the session's recent history and the memories most
 * like the new message, one model call, the turn stored. It does only what the reply needs:
 * learning from the turn happens in the interaction worker, which gets the turn as an
 * {@link InteractionRecorded} — stored with the turn (so it cannot be lost) and then published.
 */
public final class ChatService {
    public static final int MAX_MESSAGE_LENGTH = 4_000;
    public static final int HISTORY_SIZE = 10;
    public static final int RECALLED_MEMORIES = 5;
    static final int MAX_REPLY_TOKENS = 1_024;

    private final PersonaService personas;
    private final CoreTraits coreTraits;
    private final ConversationRepository conversations;
    private final ChatModel model;
    private final MemoryService memory;
    private final InteractionPublisher interactions;
    private final Coaching coaching;
    private final Clock clock;

    /**
     * @param coaching the creator's voice and knowledge and the user's profile for the prompt
     */
    public ChatService(PersonaService personas, CoreTraits coreTraits, ConversationRepository conversations,
                       ChatModel model, MemoryService memory, InteractionPublisher interactions, Coaching coaching,
                       Clock clock) {
        this.personas = personas;
        this.coreTraits = coreTraits;
        this.conversations = conversations;
        this.model = model;
        this.memory = memory;
        this.interactions = interactions;
        this.coaching = coaching;
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
        List<String> memories = recall(persona, userId, text, recent);
        CoachingContext context = coaching.gather(persona.creatorId(), userId, text);
        Instant askedAt = clock.instant();
        ModelReply answer = model.reply(new ModelRequest(
                PromptBuilder.systemPrompt(persona.name(), persona.description(), traits, memories, context),
                history, text, persona.name(), traits, MAX_REPLY_TOKENS, memories, ModelRequest.Task.REPLY,
                context.knowledge().stream().map(KnowledgeHit::text).toList()));

        Message userMessage = new Message(Ids.random(), persona.id(), sessionId, userId, Role.USER, text,
                askedAt, null, Usage.NONE);
        // The reply must sort after the question even when the model answers within the same millisecond.
        Instant answeredAt = clock.instant();
        if (!answeredAt.isAfter(askedAt)) {
            answeredAt = askedAt.plusMillis(1);
        }
        Message reply = new Message(Ids.random(), persona.id(), sessionId, userId, Role.ASSISTANT, answer.text(),
                answeredAt, answer.model(), answer.usage());
        InteractionRecorded interaction = new InteractionRecorded(reply.messageId(), persona.creatorId(), persona.id(),
                userId, sessionId, userMessage.messageId(), text, answer.text(), answer.model(), answer.usage(), answeredAt);
        conversations.appendTurn(userMessage, reply, interaction);
        try {
            interactions.publish(interaction);
        } catch (RuntimeException e) {
            // The publisher logged why. The turn's pending copy is already stored and the sweeper
            // publishes it, so the reply the user waits for does not fail over it.
        }

        return new ChatReply(answer.text(), persona.id(), sessionId, reply.messageId(), traits,
                confidence(answer.stopReason()), suggestedActions(text, answer.text()), answer.model(), answer.usage(),
                memories.size(), KnowledgeQuery.citations(answer.text(), context.knowledge()));
    }

    /**
     * The memories of this persona and user most similar to the message, leaving out exchanges
     * still in the recent history (the model sees those anyway). A memory store that is down
     * costs the reply its memories, not the reply itself.
     */
    private List<String> recall(Persona persona, String userId, String text, List<Message> recent) {
        Set<String> inHistory = new HashSet<>();
        recent.forEach(m -> inHistory.add(m.messageId()));
        List<RecalledMemory> found;
        try {
            found = memory.recall(persona.creatorId(), persona.id(), userId, text, RECALLED_MEMORIES + recent.size() / 2);
        } catch (UnavailableException e) {
            return List.of();
        }
        List<String> memories = new ArrayList<>(RECALLED_MEMORIES);
        for (RecalledMemory m : found) {
            if (memories.size() < RECALLED_MEMORIES && !inHistory.contains(m.memoryId())) {
                memories.add(m.text());
            }
        }
        return List.copyOf(memories);
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
