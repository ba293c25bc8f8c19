package dev.lumen.domain.realtime;

import dev.lumen.domain.Ids;
import dev.lumen.domain.chat.ChatReply;
import dev.lumen.domain.chat.ChatRequest;
import dev.lumen.domain.chat.ChatService;
import dev.lumen.domain.error.UnavailableException;
import dev.lumen.domain.presence.TypingService;
import dev.lumen.domain.presence.TypingStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Chat over WebSocket: connections come and go ({@code $connect}, {@code $disconnect}), a message
 * ({@code sendMessage}) runs the very chat use case of {@code POST /api/chat} and its reply goes to
 * every live connection of the user (all their devices), framed by "the persona is typing" on and off.
 *
 * <p>Pushes that find a connection gone (HTTP 410) forget it, so the registry heals itself even when
 * a {@code $disconnect} was lost. Errors are the caller's to report (as an error frame to the one
 * connection that sent the request): this class lets domain exceptions through unchanged.
 */
public final class RealtimeChat {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RealtimeChat.class);
    /** API Gateway closes every WebSocket connection after two hours; a record never outlives that. */
    public static final Duration MAX_CONNECTION_AGE = Duration.ofHours(2);

    private final ConnectionRegistry registry;
    private final RealtimePush push;
    private final FrameWriter frames;
    private final Supplier<ChatService> chat;
    private final Supplier<TypingService> typing;
    private final Clock clock;

    /**
     * @param chat   supplied on first message, so {@code $connect} and {@code $disconnect} never build
     *               the chat graph (model clients, memory) and stay quick on a cold start
     * @param typing supplied on first {@code typing} action, for the same reason
     */
    public RealtimeChat(ConnectionRegistry registry, RealtimePush push, FrameWriter frames,
                        Supplier<ChatService> chat, Supplier<TypingService> typing, Clock clock) {
        this.registry = registry;
        this.push = push;
        this.frames = frames;
        this.chat = chat;
        this.typing = typing;
        this.clock = clock;
    }

    /**
     * {@code $connect}: remembers the user's connection for {@link #MAX_CONNECTION_AGE} and tells the user's
     * other devices (a {@link RealtimeFrame.Presence} frame). The new connection itself gets nothing: API
     * Gateway accepts no frames for a connection until its {@code $connect} has answered.
     */
    public Connection connect(String connectionId, String userId) {
        Instant now = clock.instant();
        Connection connection = new Connection(requireConnectionId(connectionId), Ids.require("userId", userId),
                now, now.plus(MAX_CONNECTION_AGE));
        registry.register(connection);
        announce(userId, connection.connectionId(), true);
        return connection;
    }

    /** {@code $disconnect}: forgets the connection and tells the user's other devices; an unknown one is no error. */
    public void disconnect(String connectionId) {
        java.util.Optional<Connection> known = registry.find(requireConnectionId(connectionId), clock.instant());
        registry.remove(connectionId);
        known.ifPresent(connection -> announce(connection.userId(), connectionId, false));
    }

    /**
     * Presence to every live connection of the user but {@code except}. Best effort: presence is a hint,
     * so an unreachable management API must not fail a connect or a disconnect.
     */
    private void announce(String userId, String except, boolean online) {
        java.util.List<Connection> live = registry.ofUser(userId, clock.instant());
        String payload = frames.write(new RealtimeFrame.Presence(online, live.size()));
        for (Connection connection : live) {
            if (connection.connectionId().equals(except)) {
                continue;
            }
            try {
                if (!push.push(connection.connectionId(), payload)) {
                    forgetIfGone(connection);
                }
            } catch (UnavailableException e) {
                LOG.atInfo().addKeyValue("connectionId", connection.connectionId())
                        .log("presence not delivered; the management API is unreachable");
            }
        }
    }

    /** The live connection's user, or empty when it is unknown or expired (so it must reconnect). */
    public java.util.Optional<Connection> connection(String connectionId) {
        return registry.find(requireConnectionId(connectionId), clock.instant());
    }

    /**
     * {@code sendMessage}: the chat use case for the request's user, whose every live connection
     * (and the sending one) gets typing on, the reply, typing off. Typing off is sent even when the
     * chat fails; then the exception goes to the caller, and nothing of the turn was stored (the chat
     * use case stores only what it answered).
     *
     * @throws dev.lumen.domain.error.DomainException what the chat use case throws (validation, access,
     *         budgets), unchanged
     */
    public ChatReply send(String connectionId, ChatRequest request) {
        Objects.requireNonNull(request.userId(), "a WebSocket message always has a user");
        String sender = requireConnectionId(connectionId);
        broadcast(request.userId(), sender, new RealtimeFrame.Typing(true, request.personaId(), request.sessionId()));
        ChatReply reply = null;
        try {
            reply = chat.get().chat(request);
            broadcast(request.userId(), sender, new RealtimeFrame.Reply(reply));
            return reply;
        } finally {
            broadcast(request.userId(), sender, new RealtimeFrame.Typing(false, request.personaId(),
                    reply == null ? request.sessionId() : reply.sessionId()));
        }
    }

    /** {@code typing}: the user's own typing indicator, as {@code PUT /api/sessions/{id}/typing} sets it. */
    public TypingStatus typing(String sessionId, String userId, boolean isTyping) {
        return typing.get().set(sessionId, userId, isTyping);
    }

    /**
     * Sends one frame to one connection; forgets the connection when it is gone.
     *
     * @return whether it was delivered
     * @throws UnavailableException when the management API cannot be reached
     */
    public boolean sendTo(String connectionId, RealtimeFrame frame) {
        if (push.push(connectionId, frames.write(frame))) {
            return true;
        }
        registry.remove(connectionId);
        return false;
    }

    /**
     * Sends one frame to every live connection of the user, and to {@code alsoTo} (the sender, even if its
     * record were missing). One unreachable connection does not keep the frame from the others; only
     * when it reached none and some failed is the failure reported.
     *
     * @return how many connections got it
     */
    public int broadcast(String userId, String alsoTo, RealtimeFrame frame) {
        Set<String> targets = new LinkedHashSet<>();
        if (alsoTo != null) {
            targets.add(alsoTo);
        }
        java.util.Map<String, Connection> live = new java.util.HashMap<>();
        registry.ofUser(userId, clock.instant()).forEach(connection -> {
            targets.add(connection.connectionId());
            live.put(connection.connectionId(), connection);
        });
        String payload = frames.write(frame);
        int delivered = 0;
        UnavailableException failure = null;
        for (String target : targets) {
            try {
                if (push.push(target, payload)) {
                    delivered++;
                } else if (target.equals(alsoTo) || !live.containsKey(target)) {
                    // The sender's connection is open (it just sent a frame): refused means gone.
                    registry.remove(target);
                } else {
                    forgetIfGone(live.get(target));
                }
            } catch (UnavailableException e) {
                failure = e;
            }
        }
        if (delivered == 0 && failure != null) {
            throw failure;
        }
        return delivered;
    }

    /** A refused push forgets the connection, unless it may still be completing its {@code $connect}. */
    private void forgetIfGone(Connection connection) {
        if (connection.goneWhenRefused(clock.instant())) {
            registry.remove(connection.connectionId());
        } else {
            LOG.atInfo().addKeyValue("connectionId", connection.connectionId())
                    .log("push refused to a connection still connecting; kept");
        }
    }

    private static String requireConnectionId(String connectionId) {
        if (connectionId == null || connectionId.isBlank() || connectionId.length() > 128) {
            throw new dev.lumen.domain.error.ValidationException("invalid_connection", "the event names no connection");
        }
        return connectionId;
    }
}
