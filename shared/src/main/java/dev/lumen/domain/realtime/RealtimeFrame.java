package dev.lumen.domain.realtime;

import dev.lumen.domain.chat.ChatReply;
import java.util.Objects;

/**
 * What the server sends down a WebSocket connection, one JSON text frame each; {@link FrameWriter}
 * turns them into text. Every frame carries a {@code type}: {@code typing}, {@code reply}, {@code presence} or {@code error}.
 */
public sealed interface RealtimeFrame {

    /**
     * {@code {"type":"typing","typing":true,"personaId":…,"sessionId":…}}: the persona is writing a
     * reply (true) or has finished (false). {@code sessionId} is null while a new session has no id yet.
     */
    record Typing(boolean typing, String personaId, String sessionId) implements RealtimeFrame {
    }

    /** {@code {"type":"reply", …}} with exactly the fields of {@code POST /api/chat}'s answer. */
    record Reply(ChatReply reply) implements RealtimeFrame {
        public Reply {
            Objects.requireNonNull(reply, "reply");
        }
    }

    /**
     * {@code {"type":"presence","online":…,"devices":…}}: sent to a user's other devices when one of them
     * connects ({@code online} true) or disconnects (false); {@code devices} is how many of the user's
     * connections are live now.
     */
    record Presence(boolean online, int devices) implements RealtimeFrame {
    }

    /** {@code {"type":"error","error":{"code","message"}}}: the API's error shape, sent to the one connection that erred. */
    record Error(String code, String message) implements RealtimeFrame {
        public Error {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }
}
