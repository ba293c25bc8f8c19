package dev.lumen.fakes;

import dev.lumen.domain.chat.ConversationRepository;
import dev.lumen.domain.chat.Message;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link ConversationRepository} for domain unit tests. */
public final class InMemoryConversationRepository implements ConversationRepository {
    private static final Comparator<Message> ORDER =
            Comparator.comparing(Message::createdAt).thenComparing(Message::messageId);
    private final Map<String, List<Message>> sessions = new ConcurrentHashMap<>();

    @Override
    public synchronized List<Message> latest(String personaId, String sessionId, int limit) {
        List<Message> all = new ArrayList<>(sessions.getOrDefault(key(personaId, sessionId), List.of()));
        all.sort(ORDER);
        return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
    }

    @Override
    public synchronized void appendTurn(Message userMessage, Message reply) {
        List<Message> list = sessions.computeIfAbsent(key(userMessage.personaId(), userMessage.sessionId()),
                k -> new ArrayList<>());
        list.add(userMessage);
        list.add(reply);
    }

    private static String key(String personaId, String sessionId) {
        return personaId + "/" + sessionId;
    }
}
