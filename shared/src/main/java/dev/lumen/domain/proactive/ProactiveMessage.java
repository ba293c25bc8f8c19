package dev.lumen.domain.proactive;

import java.time.Instant;
import java.util.Objects;

/**
 * A message a persona sends without being asked.
 *
 * @param id        deterministic from user, trigger type and UTC day ({@link ProactivePlanner#messageId}),
 *                  so planning again the same day finds it already there
 * @param plannedAt when it was planned; the frequency caps count from here
 * @param deliverAt when to deliver it: outside quiet hours, within the delivery window
 */
public record ProactiveMessage(String id, String userId, String personaId, Trigger trigger, String text,
                               Instant plannedAt, Instant deliverAt, Channel channel, ProactiveState state) {

    public ProactiveMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(plannedAt, "plannedAt");
        Objects.requireNonNull(deliverAt, "deliverAt");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(state, "state");
    }
}
