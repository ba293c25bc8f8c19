package dev.lumen.domain.chat;

import dev.lumen.domain.memory.InteractionRecorded;
import dev.lumen.domain.feedback.Satisfaction;
import java.util.List;
import java.util.Optional;

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

    /**
     * A message found by its id alone, with its feedback. Only messages stored since message
     * references were introduced are found (a reference is written with each turn); older ones,
     * and erased or expired ones, are empty.
     */
    Optional<Message> find(String messageId);

    /**
     * Puts {@code rating} on a stored message, replacing {@code message.feedback()}, and, in the same
     * atomic write, moves the message's user's {@link Satisfaction} with the persona: a rating by the
     * message's own user counts, a replaced one is taken out, so re-rating never counts twice.
     *
     * @param message the message as {@link #find} returned it: the write is refused with a
     *                {@link dev.lumen.domain.error.ConflictException} when its feedback has changed since
     */
    void rate(Message message, MessageFeedback rating);

    /** A user's satisfaction with each persona they rated, by persona id. */
    List<Satisfaction> satisfaction(String userId);
}
