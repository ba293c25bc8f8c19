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
 * @param settledAt when it became {@link ProactiveState#SENT} or {@link ProactiveState#FAILED}; null while planned
 * @param failure   why delivery gave up (e.g. {@code webhook_not_configured}); null unless failed
 */
public record ProactiveMessage(String id, String userId, String personaId, Trigger trigger, String text,
                               Instant plannedAt, Instant deliverAt, Channel channel, ProactiveState state,
                               Instant settledAt, String failure) {

    /** A message not settled yet (planned, or a caller that does not care when it settled). */
    public ProactiveMessage(String id, String userId, String personaId, Trigger trigger, String text,
                            Instant plannedAt, Instant deliverAt, Channel channel, ProactiveState state) {
        this(id, userId, personaId, trigger, text, plannedAt, deliverAt, channel, state, null, null);
    }

    /** This message settled as {@code next} at {@code at}, with {@code why} when it failed. */
    public ProactiveMessage settled(ProactiveState next, Instant at, String why) {
        return new ProactiveMessage(id, userId, personaId, trigger, text, plannedAt, deliverAt, channel, next, at, why);
    }

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
