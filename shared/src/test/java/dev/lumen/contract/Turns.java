package dev.lumen.contract;

import dev.lumen.domain.Ids;
import dev.lumen.domain.chat.ConversationRepository;
import dev.lumen.domain.chat.Message;
import dev.lumen.domain.chat.Role;
import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.memory.InteractionRecorded;
import java.time.Instant;
import java.util.List;

/** Chat turns and their interactions for contract tests, shaped the way the chat use case makes them. */
public final class Turns {
    public static final String MODEL = "lumen-offline";

    private Turns() {
    }

    /** A user message at {@code at} and its reply 250 ms later. */
    public static List<Message> turn(String personaId, String sessionId, String userId, Instant at, int n) {
        Message question = new Message(Ids.random(), personaId, sessionId, userId, Role.USER,
                "question " + n, at, null, Usage.NONE);
        Message answer = new Message(Ids.random(), personaId, sessionId, userId, Role.ASSISTANT,
                "answer " + n, at.plusMillis(250), MODEL, new Usage(10 + n, 20 + n));
        return List.of(question, answer);
    }

    /** The interaction of a turn: the reply's id and time, the persona's creator as tenant. */
    public static InteractionRecorded interactionOf(Message question, Message reply) {
        return new InteractionRecorded(reply.messageId(), "tenant-" + reply.personaId(), reply.personaId(),
                reply.userId(), reply.sessionId(), question.messageId(), question.content(), reply.content(),
                reply.model(), reply.usage(), reply.createdAt());
    }

    /** Stores a turn with its interaction, as chat does, and returns the interaction. */
    public static InteractionRecorded store(ConversationRepository conversations, List<Message> turn) {
        InteractionRecorded interaction = interactionOf(turn.get(0), turn.get(1));
        conversations.appendTurn(turn.get(0), turn.get(1), interaction);
        return interaction;
    }

    /** A stored turn's interaction with a given model and usage. */
    public static InteractionRecorded store(ConversationRepository conversations, String personaId, String userId,
                                            Instant at, String model, Usage usage) {
        String sessionId = Ids.random();
        Message question = new Message(Ids.random(), personaId, sessionId, userId, Role.USER, "question", at,
                null, Usage.NONE);
        Message answer = new Message(Ids.random(), personaId, sessionId, userId, Role.ASSISTANT, "answer",
                at.plusMillis(250), model, usage);
        return store(conversations, List.of(question, answer));
    }
}
