package dev.lumen.domain.chat;

import dev.lumen.domain.memory.InteractionRecorded;
import java.util.List;

/** Port: where sessions and their messages are kept. */
public interface ConversationRepository {

    /** The newest {@code limit} messages of a session, returned oldest first (newest last). */
    List<Message> latest(String personaId, String sessionId, int limit);

    /**
     * Stores one turn, the user's message and the reply, together with the turn's interaction as
     * pending (see {@link dev.lumen.domain.memory.PendingInteractions}): either all are stored or
     * none is. Also records the session as active.
     */
    void appendTurn(Message userMessage, Message reply, InteractionRecorded interaction);

    /** The sessions a user has written in, each with its tenant; what erasure walks through. */
    List<UserSession> sessionsOf(String userId);

    /**
     * Erases what a user left in one session: their messages (questions and the replies to them),
     * the turns' pending copies, the session's record when it was theirs, and the user's reference
     * to the session. Running it again finds nothing and deletes nothing.
     *
     * @return the ids of the deleted messages (a reply's id is also its memory's id)
     */
    List<String> eraseUserSession(String userId, UserSession session);
}
