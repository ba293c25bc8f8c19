package dev.lumen.domain.chat;

import dev.lumen.domain.Ids;
import dev.lumen.domain.error.ForbiddenException;
import dev.lumen.domain.error.UnavailableException;
import dev.lumen.domain.error.ValidationException;
import dev.lumen.domain.escalation.Escalation;
import dev.lumen.domain.escalation.EscalationStatus;
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
import dev.lumen.domain.safety.CrisisAssessment;
import dev.lumen.domain.safety.InjectionVerdict;
import dev.lumen.domain.safety.ReplyValidation;
import dev.lumen.domain.safety.ReplyValidator;
import dev.lumen.domain.safety.Severity;
import dev.lumen.domain.usage.Budgets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The chat use case: persona in character, the session's recent history and the memories most
 * like the new message, one model call, the turn stored. It does only what the reply needs:
 * learning from the turn happens in the interaction worker, which gets the turn as an
 * {@link InteractionRecorded} — stored with the turn (so it cannot be lost) and then published.
 *
 * <p>Safety wraps the model call (see {@link ChatSafety}): each message is assessed for a crisis
 * and checked for prompt injection <em>before</em> any model sees it. A {@code HIGH} crisis is
 * answered by Lumen itself, out of role, with crisis lines, and handed to a person (an escalation
 * stored, then published); an injection attempt gets a fixed refusal and is stored redacted, so
 * neither the history nor the memories ever carry it to a model. {@code LOW}/{@code MEDIUM} add a
 * safety note to the system prompt. Each model reply is validated (safety, grounding, persona),
 * regenerated once with a corrective note if it fails, then replaced by a fallback that asks for a
 * person. Every turn, whichever path answered it, is stored.
 */
public final class ChatService {
    public static final int MAX_MESSAGE_LENGTH = 4_000;
    public static final int HISTORY_SIZE = 10;
    public static final int RECALLED_MEMORIES = 5;
    static final int MAX_REPLY_TOKENS = 1_024;
    /**
     * A failing reply is regenerated only when the first answer came within this: the model chain
     * may take up to 20 s, and two of those would not fit the chat function's 28 s timeout.
     */
    static final Duration REGENERATE_WITHIN = Duration.ofSeconds(8);

    private final PersonaService personas;
    private final CoreTraits coreTraits;
    private final ConversationRepository conversations;
    private final ChatModel model;
    private final MemoryService memory;
    private final InteractionPublisher interactions;
    private final Coaching coaching;
    private final Clock clock;
    /**
     * Set when wiring, right after construction ({@link #withSafety}); kept out of the constructor so
     * its long list of collaborators stays as every caller already passes it. Volatile for safe publication.
     */
    private volatile ChatSafety safety = ChatSafety.unchecked();

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

    /**
     * Spending limits checked before the model is called (after the safety checks, so a person in
     * crisis still gets help when over budget); {@link Budgets#UNLIMITED} by default.
     */
    public ChatService withBudgets(Budgets limits) {
        this.budgets = Objects.requireNonNull(limits, "limits");
        return this;
    }

    private volatile Budgets budgets = Budgets.UNLIMITED;

    /** Turns the safety checks on (the functions always do; domain tests may leave them off). */
    public ChatService withSafety(ChatSafety checks) {
        this.safety = Objects.requireNonNull(checks, "checks");
        return this;
    }

    public ChatReply chat(ChatRequest request) {
        long startedNanos = System.nanoTime();
        String text = validMessage(request.message());
        String sessionId = request.sessionId() == null ? Ids.random() : Ids.require("sessionId", request.sessionId());
        String userId = request.userId() == null ? null : Ids.require("userId", request.userId());
        ChatSafety checks = safety;
        String locale = checks.resources().localeOf(request.locale());
        Persona persona = personas.load(request.personaId());
        List<Trait> traits = coreTraits.effective(persona.traits());
        List<Message> recent = conversations.latest(persona.id(), sessionId, HISTORY_SIZE);
        // A session belongs to the one user who chats in it: nobody continues (and so reads) another's.
        // Checked before the safety paths too, since they also store the turn in this session.
        for (Message m : recent) {
            if (!Objects.equals(m.userId(), userId)) {
                throw new ForbiddenException("this session belongs to another user");
            }
        }

        // Before any model sees the message.
        CrisisAssessment crisis = checks.crisis().apply(text);
        if (crisis.reaches(Severity.HIGH)) {
            return escalate(checks, persona, traits, sessionId, userId, text, crisis, locale);
        }
        InjectionVerdict injection = checks.injection().apply(text);
        ChatReply.SafetyFlags flags = new ChatReply.SafetyFlags(crisis.severity(), crisis.categories(),
                injection.flagged(), injection.kinds());
        if (injection.flagged()) {
            return refuse(persona, traits, sessionId, userId, text, flags);
        }

        budgets.check(userId, persona.creatorId(), clock.instant());
        List<ModelRequest.Turn> history = new ArrayList<>(recent.size());
        for (Message m : recent) {
            history.add(new ModelRequest.Turn(m.role(), m.content()));
        }
        List<String> memories = recall(persona, userId, text, recent);
        CoachingContext context = coaching.gather(persona.creatorId(), userId, text);
        Instant askedAt = clock.instant();
        String systemPrompt = PromptBuilder.systemPrompt(persona.name(), persona.description(), traits, memories, context);
        if (crisis.reaches(Severity.LOW)) {
            systemPrompt += ChatSafety.safetyNote(crisis, checks.resources().linesFor(locale));
        }
        List<String> sources = context.knowledge().stream().map(KnowledgeHit::text).toList();
        ModelRequest modelRequest = new ModelRequest(systemPrompt, history, text, persona.name(), traits,
                MAX_REPLY_TOKENS, memories, ModelRequest.Task.REPLY, sources);
        ModelReply answer = model.reply(modelRequest);

        List<String> quotable = new ArrayList<>(memories);
        quotable.add(text);
        history.forEach(turn -> quotable.add(turn.text()));
        ReplyValidator.Context validationContext = new ReplyValidator.Context(persona.name(),
                PromptBuilder.systemPrompt(persona.name(), persona.description(), traits), sources, quotable,
                crisis.severity());
        ReplyValidation validation = checks.validate(answer.text(), validationContext);
        boolean requiresHuman = false;
        boolean timeForAnother = Duration.between(askedAt, clock.instant()).compareTo(REGENERATE_WITHIN) < 0;
        if (!validation.passed() && !timeForAnother) {
            // A slow first answer (retries, a fallback model) leaves no room for a second one
            // inside the function's timeout: the safe fallback now, not a gateway error later.
            answer = new ModelReply(ChatSafety.fallback(), answer.model(), answer.usage(), answer.stopReason());
            requiresHuman = true;
        } else if (!validation.passed()) {
            ModelReply retry = model.reply(new ModelRequest(systemPrompt + ChatSafety.correctiveNote(validation),
                    history, text, persona.name(), traits, MAX_REPLY_TOKENS, memories, ModelRequest.Task.REPLY, sources));
            Usage both = new Usage(answer.usage().inputTokens() + retry.usage().inputTokens(),
                    answer.usage().outputTokens() + retry.usage().outputTokens());
            validation = checks.validate(retry.text(), validationContext).afterRegeneration();
            if (validation.passed()) {
                answer = new ModelReply(retry.text(), retry.model(), both, retry.stopReason());
            } else {
                answer = new ModelReply(ChatSafety.fallback(), retry.model(), both, retry.stopReason());
                requiresHuman = true;
            }
        }

        Message userMessage = new Message(Ids.random(), persona.id(), sessionId, userId, Role.USER, text,
                askedAt, null, Usage.NONE);
        // The reply must sort after the question even when the model answers within the same millisecond.
        Instant answeredAt = clock.instant();
        if (!answeredAt.isAfter(askedAt)) {
            answeredAt = askedAt.plusMillis(1);
        }
        Message reply = new Message(Ids.random(), persona.id(), sessionId, userId, Role.ASSISTANT, answer.text(),
                answeredAt, answer.model(), answer.usage()).withValidation(validation);
        InteractionRecorded interaction = new InteractionRecorded(reply.messageId(), persona.creatorId(), persona.id(),
                userId, sessionId, userMessage.messageId(), text, answer.text(), answer.model(), answer.usage(), answeredAt,
                (System.nanoTime() - startedNanos) / 1_000_000);
        conversations.appendTurn(userMessage, reply, interaction);
        try {
            interactions.publish(interaction);
        } catch (RuntimeException e) {
            // The publisher logged why. The turn's pending copy is already stored and the sweeper
            // publishes it, so the reply the user waits for does not fail over it.
        }

        return new ChatReply(answer.text(), persona.id(), sessionId, reply.messageId(), traits,
                requiresHuman ? 0.2 : confidence(answer.stopReason()), suggestedActions(text, answer.text()),
                answer.model(), answer.usage(), memories.size(),
                requiresHuman ? List.of() : KnowledgeQuery.citations(answer.text(), context.knowledge()),
                null, flags, validation, requiresHuman);
    }

    /**
     * A {@code HIGH} crisis: no model call. The escalation is stored and published before the reply
     * is returned (see {@link dev.lumen.domain.escalation.Escalations#raise}); the turn is stored too,
     * so the session's history shows what was said and answered.
     */
    private ChatReply escalate(ChatSafety checks, Persona persona, List<Trait> traits, String sessionId,
                               String userId, String text, CrisisAssessment crisis, String locale) {
        String answerText = checks.crisisMessage(locale);
        Turn turn = storeTurn(persona, sessionId, userId, text, answerText, true);
        Escalation escalation = new Escalation(Ids.random(), persona.creatorId(), persona.id(), sessionId, userId,
                turn.userMessageId(), crisis.severity(), crisis.categories(), crisis.evidence(), locale,
                EscalationStatus.OPEN, false, turn.at(), null, null, null);
        if (checks.escalations() != null) {
            checks.escalations().raise(escalation);
        }
        return new ChatReply(answerText, persona.id(), sessionId, turn.replyMessageId(), traits, 0.9, List.of(),
                ChatSafety.SAFETY_MODEL, Usage.NONE, 0, List.of(),
                new ChatReply.Escalated(escalation.escalationId(), crisis.severity()),
                new ChatReply.SafetyFlags(crisis.severity(), crisis.categories(), false, Set.of()),
                ReplyValidation.fixed(), false);
    }

    /**
     * A prompt-injection attempt: no model call, a fixed answer, and the user's message stored
     * redacted, so that later turns' history and memories never hand its instructions to a model.
     */
    private ChatReply refuse(Persona persona, List<Trait> traits, String sessionId, String userId, String text,
                             ChatReply.SafetyFlags flags) {
        String answerText = ChatSafety.refusal();
        Turn turn = storeTurn(persona, sessionId, userId, REDACTED, answerText, false);
        return new ChatReply(answerText, persona.id(), sessionId, turn.replyMessageId(), traits, 0.9,
                suggestedActions(text, answerText), ChatSafety.SAFETY_MODEL, Usage.NONE, 0, List.of(), null, flags,
                ReplyValidation.fixed(), false);
    }

    /** What a stored user message says instead of instructions that tried to override the persona. */
    static final String REDACTED = "[message withheld: it tried to change how the assistant works]";

    private record Turn(String userMessageId, String replyMessageId, Instant at) {
    }

    /**
     * Stores a turn Lumen answered itself, with its interaction as every turn has.
     *
     * @param mustAnswer a person in crisis gets the crisis lines even when the turn cannot be stored
     *                   (the escalation is still raised and carries the ids); otherwise the failure propagates
     */
    private Turn storeTurn(Persona persona, String sessionId, String userId, String userText, String answerText,
                           boolean mustAnswer) {
        Instant askedAt = clock.instant();
        Instant answeredAt = clock.instant();
        if (!answeredAt.isAfter(askedAt)) {
            answeredAt = askedAt.plusMillis(1);
        }
        Message userMessage = new Message(Ids.random(), persona.id(), sessionId, userId, Role.USER, userText,
                askedAt, null, Usage.NONE);
        Message reply = new Message(Ids.random(), persona.id(), sessionId, userId, Role.ASSISTANT, answerText,
                answeredAt, ChatSafety.SAFETY_MODEL, Usage.NONE);
        InteractionRecorded interaction = new InteractionRecorded(reply.messageId(), persona.creatorId(), persona.id(),
                userId, sessionId, userMessage.messageId(), userText, answerText, ChatSafety.SAFETY_MODEL, Usage.NONE,
                answeredAt);
        try {
            conversations.appendTurn(userMessage, reply, interaction);
        } catch (RuntimeException e) {
            if (!mustAnswer) {
                throw e;
            }
            return new Turn(userMessage.messageId(), reply.messageId(), answeredAt);
        }
        try {
            interactions.publish(interaction);
        } catch (RuntimeException e) {
            // As for every turn: the pending copy is stored and the sweeper publishes it.
        }
        return new Turn(userMessage.messageId(), reply.messageId(), answeredAt);
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
