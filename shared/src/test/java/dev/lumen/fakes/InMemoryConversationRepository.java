package dev.lumen.fakes;

import dev.lumen.domain.chat.ConversationRepository;
import dev.lumen.domain.chat.ExpressedTrait;
import dev.lumen.domain.chat.Message;
import dev.lumen.domain.chat.MessageFeedback;
import dev.lumen.domain.error.ConflictException;
import dev.lumen.domain.feedback.Satisfaction;
import dev.lumen.domain.chat.UserSession;
import dev.lumen.domain.memory.InteractionRecorded;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory {@link ConversationRepository} for domain unit tests. Built with an
 * {@link InMemoryPendingInteractions}, it stores each turn's interaction there as pending, as the
 * real adapter does in the same transaction as the turn.
 */
public final class InMemoryConversationRepository implements ConversationRepository {
    private static final Comparator<Message> ORDER =
            Comparator.comparing(Message::createdAt).thenComparing(Message::messageId);
    private final Map<String, List<Message>> sessions = new ConcurrentHashMap<>();
    private final InMemoryPendingInteractions pending;
    private final Map<String, Map<String, UserSession>> userSessions = new ConcurrentHashMap<>();

    public InMemoryConversationRepository() {
        this(null);
    }

    /** @param pending where turns' interactions go as pending; null to drop them */
    public InMemoryConversationRepository(InMemoryPendingInteractions pending) {
        this.pending = pending;
    }

    @Override
    public synchronized List<Message> latest(String personaId, String sessionId, int limit) {
        List<Message> all = new ArrayList<>(sessions.getOrDefault(key(personaId, sessionId), List.of()));
        all.sort(ORDER);
        return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
    }

    @Override
    public synchronized void appendTurn(Message userMessage, Message reply, InteractionRecorded interaction) {
        if (!userMessage.personaId().equals(reply.personaId()) || !userMessage.sessionId().equals(reply.sessionId())) {
            throw new IllegalArgumentException("a turn's two messages must belong to one persona and session");
        }
        // The same rule as the DynamoDB adapter: the worker finds the reply from the interaction alone.
        Objects.requireNonNull(interaction, "a turn is stored with its interaction");
        if (!interaction.interactionId().equals(reply.messageId()) || !interaction.occurredAt().equals(reply.createdAt())
                || !interaction.personaId().equals(reply.personaId())
                || !interaction.sessionId().equals(reply.sessionId())) {
            throw new IllegalArgumentException(
                    "the interaction of a turn must carry the reply's id, time, persona and session");
        }
        List<Message> list = sessions.computeIfAbsent(key(userMessage.personaId(), userMessage.sessionId()),
                k -> new ArrayList<>());
        list.add(userMessage);
        list.add(reply);
        if (userMessage.userId() != null) {
            userSessions.computeIfAbsent(userMessage.userId(), k -> new java.util.LinkedHashMap<>())
                    .put(key(userMessage.personaId(), userMessage.sessionId()),
                            new UserSession(userMessage.personaId(), userMessage.sessionId(), interaction.tenant()));
        }
        if (pending != null) {
            pending.add(interaction);
        }
    }

    @Override
    public synchronized List<UserSession> sessionsOf(String userId) {
        return List.copyOf(userSessions.getOrDefault(userId, Map.of()).values());
    }

    @Override
    public synchronized List<String> eraseUserSession(String userId, UserSession session) {
        List<String> erased = new ArrayList<>();
        List<Message> list = sessions.get(key(session.personaId(), session.sessionId()));
        if (list != null) {
            list.removeIf(m -> {
                boolean theirs = userId.equals(m.userId());
                if (theirs) {
                    erased.add(m.messageId());
                }
                return theirs;
            });
            if (list.isEmpty()) {
                sessions.remove(key(session.personaId(), session.sessionId()));
            }
        }
        if (pending != null) {
            erased.forEach(pending::remove);
        }
        Map<String, UserSession> refs = userSessions.get(userId);
        if (refs != null) {
            refs.remove(key(session.personaId(), session.sessionId()));
        }
        return List.copyOf(erased);
    }

    @Override
    public synchronized Optional<Message> find(String messageId) {
        return sessions.values().stream().flatMap(List::stream).filter(m -> m.messageId().equals(messageId)).findFirst();
    }

    @Override
    public synchronized void rate(Message message, MessageFeedback rating) {
        List<Message> list = sessions.getOrDefault(key(message.personaId(), message.sessionId()), List.of());
        for (int i = 0; i < list.size(); i++) {
            Message stored = list.get(i);
            if (stored.messageId().equals(message.messageId())) {
                if (!Objects.equals(stored.feedback(), message.feedback())) {
                    throw new ConflictException("feedback_changed", "the message's feedback changed while rating it");
                }
                list.set(i, stored.withFeedback(rating));
                return;
            }
        }
        throw new ConflictException("feedback_changed", "the message went while rating it");
    }

    /** Derived from the stored messages: each counts once with its latest rating by its own user. */
    @Override
    public synchronized List<Satisfaction> satisfaction(String userId) {
        Map<String, long[]> byPersona = new java.util.TreeMap<>();
        sessions.values().stream().flatMap(List::stream)
                .filter(m -> userId.equals(m.userId()) && m.feedback() != null && userId.equals(m.feedback().ratedBy()))
                .forEach(m -> {
                    long[] figures = byPersona.computeIfAbsent(m.personaId(), k -> new long[2]);
                    figures[0]++;
                    figures[1] += m.feedback().rating();
                });
        List<Satisfaction> out = new ArrayList<>();
        byPersona.forEach((persona, f) -> out.add(new Satisfaction(persona, f[0], f[1])));
        return List.copyOf(out);
    }

    /** The learning repository's half of erasure: the user's index of sessions. */
    synchronized int forgetSessionsOf(String userId) {
        Map<String, UserSession> refs = userSessions.remove(userId);
        return refs == null ? 0 : refs.size();
    }

    /** Puts traits on a stored message, as the learning repository does; false when there is no such message. */
    synchronized boolean storeTraits(String personaId, String sessionId, String messageId, List<ExpressedTrait> traits) {
        List<Message> list = sessions.getOrDefault(key(personaId, sessionId), List.of());
        for (int i = 0; i < list.size(); i++) {
            Message m = list.get(i);
            if (m.messageId().equals(messageId)) {
                list.set(i, m.withTraits(traits));
                return true;
            }
        }
        return false;
    }

    private static String key(String personaId, String sessionId) {
        return personaId + "/" + sessionId;
    }
}
