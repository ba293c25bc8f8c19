package dev.lumen.domain.privacy;

import dev.lumen.domain.Ids;
import dev.lumen.domain.chat.ConversationRepository;
import dev.lumen.domain.chat.UserSession;
import dev.lumen.domain.learning.LearningRepository;
import dev.lumen.domain.memory.MemoryService;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The right to erasure: removes a user's messages, the memories made from them (vectors too),
 * what was learned about the user (emotional state, profile, patterns), their usage detail, and what
 * proactive engagement keeps (messages, goal statuses, time zone).
 *
 * <p>Order matters. Each session goes first: its turns are marked as applied before they are
 * deleted, so a turn still travelling through the interaction queue cannot re-create a memory or
 * a profile afterwards; then its memories; the user's own records last, because the user's
 * index of sessions lives among them and is what a retry after a failure walks again.
 * Idempotent: erasing an erased user finds nothing and reports zeros.
 */
public final class UserErasure {

    /** What was removed, for the response and the audit log. */
    public record Report(String userId, int sessions, int messages, int learnedRecords, int usageRecords) {
    }

    private final ConversationRepository conversations;
    private final MemoryService memory;
    private final LearningRepository learning;
    private final ToIntFunction<String> usageDetail;
    private final ToIntFunction<String> engagement;

    /**
     * @param usageDetail erases the user's usage ledger and returns how many records it deleted
     */
    public UserErasure(ConversationRepository conversations, MemoryService memory, LearningRepository learning,
                       ToIntFunction<String> usageDetail) {
        this(conversations, memory, learning, usageDetail, userId -> 0);
    }

    /**
     * @param engagement erases what proactive engagement keeps about the user (their proactive messages,
     *                   goal statuses and time zone) and returns how many records it deleted; counted
     *                   with the learned records. It runs before the learned records: a message speaks
     *                   of the user's goals and moods, and must not outlive them if erasure stops halfway.
     */
    public UserErasure(ConversationRepository conversations, MemoryService memory, LearningRepository learning,
                       ToIntFunction<String> usageDetail, ToIntFunction<String> engagement) {
        this.engagement = engagement;
        this.conversations = conversations;
        this.memory = memory;
        this.learning = learning;
        this.usageDetail = usageDetail;
    }

    /**
     * The same erasure, also forgetting the user's open WebSocket connections (with the engagement
     * records, so counted with the learned ones): an erased user's devices get nothing pushed any more.
     */
    public UserErasure withConnections(dev.lumen.domain.realtime.ConnectionRegistry connections) {
        ToIntFunction<String> others = engagement;
        return new UserErasure(conversations, memory, learning, usageDetail,
                userId -> connections.eraseUser(userId) + others.applyAsInt(userId));
    }

    public Report erase(String userId) {
        String user = Ids.require("userId", userId);
        List<UserSession> sessions = conversations.sessionsOf(user);
        int messages = 0;
        for (UserSession session : sessions) {
            List<String> erased = conversations.eraseUserSession(user, session);
            messages += erased.size();
            if (session.tenant() != null) {
                // A memory is kept under its reply's id; question ids match nothing and are ignored.
                memory.forget(session.tenant(), erased);
            }
        }
        int usage = usageDetail.applyAsInt(user);
        int learned = engagement.applyAsInt(user) + learning.eraseUser(user);
        return new Report(user, sessions.size(), messages, learned, usage);
    }
}
