package dev.lumen.domain.proactive;

import dev.lumen.domain.error.UnavailableException;
import dev.lumen.domain.realtime.Connection;
import dev.lumen.domain.realtime.ConnectionRegistry;
import dev.lumen.domain.realtime.RealtimePush;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery worker's use case: sends one queued proactive message to its channel and settles it.
 *
 * <ul>
 *   <li>WEBSOCKET: pushed to every live connection of the user; a connection the management API calls
 *       gone is forgotten. With none left (the user went offline since planning) it goes to the webhook.</li>
 *   <li>WEBHOOK: a signed POST (see the {@link Webhook} adapter).</li>
 * </ul>
 *
 * A send that fails throws {@link UnavailableException}, so the queue delivers the message again; on the
 * last attempt the message is marked FAILED first, and the queue then moves it to its dead-letter queue —
 * the outbox keeps the whole message and the dead letter its id, so nothing is lost. Without a webhook
 * configured it is FAILED at once ({@link #NOT_CONFIGURED}): retrying cannot help. A message already
 * settled (a second copy from the dispatcher) or erased is skipped.
 */
public final class ProactiveDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(ProactiveDelivery.class);
    /** The failure reason of a message with nowhere to go. */
    public static final String NOT_CONFIGURED = "webhook_not_configured";

    private final ProactiveOutbox outbox;
    private final ConnectionRegistry connections;
    private final RealtimePush push;
    private final Webhook webhook;
    private final Clock clock;

    public ProactiveDelivery(ProactiveOutbox outbox, ConnectionRegistry connections, RealtimePush push, Webhook webhook,
                             Clock clock) {
        this.outbox = outbox;
        this.connections = connections;
        this.push = push;
        this.webhook = webhook;
        this.clock = clock;
    }

    /** How one delivery ended. */
    public enum Result { SENT, FAILED, SKIPPED }

    /**
     * @param lastAttempt the queue will not deliver this again: a failure settles the message as FAILED
     * @throws RuntimeException (usually {@link UnavailableException}) when the send failed, after marking
     *         the message FAILED on the last attempt
     */
    public Result deliver(String userId, String messageId, boolean lastAttempt) {
        Optional<ProactiveMessage> found = outbox.find(userId, messageId);
        if (found.isEmpty() || found.get().state() != ProactiveState.PLANNED) {
            LOG.atInfo().addKeyValue("messageId", messageId)
                    .addKeyValue("state", found.map(m -> m.state().name()).orElse("UNKNOWN"))
                    .log("proactive message not planned any more; skipped");
            return Result.SKIPPED;
        }
        ProactiveMessage message = found.get();
        String payload = ProactivePayload.of(message);
        try {
            if (message.channel() == Channel.WEBSOCKET && pushed(message, payload)) {
                return settle(message, true, null);
            }
            if (!webhook.configured()) {
                LOG.atWarn().addKeyValue("messageId", messageId).log("no webhook configured; proactive message failed");
                return settle(message, false, NOT_CONFIGURED);
            }
            webhook.send(message.id(), payload);
            return settle(message, true, null);
        } catch (RuntimeException e) {
            if (lastAttempt) {
                outbox.markFailed(userId, messageId, clock.instant(), reason(e));
                LOG.atWarn().setCause(e).addKeyValue("messageId", messageId)
                        .log("proactive message failed on its last attempt; it goes to the dead-letter queue");
            }
            throw e;
        }
    }

    /** True when at least one live connection took the frame; gone connections are forgotten. */
    private boolean pushed(ProactiveMessage message, String payload) {
        List<Connection> live = connections.ofUser(message.userId(), clock.instant());
        boolean any = false;
        for (Connection connection : live) {
            if (push.push(connection.connectionId(), payload)) {
                any = true;
            } else if (connection.goneWhenRefused(clock.instant())) {
                connections.remove(connection.connectionId());
            }
        }
        return any;
    }

    private Result settle(ProactiveMessage message, boolean sent, String reason) {
        boolean changed = sent ? outbox.markSent(message.userId(), message.id(), clock.instant())
                : outbox.markFailed(message.userId(), message.id(), clock.instant(), reason);
        if (!changed) {
            // Another worker settled it meanwhile (a duplicate copy): it went out at least once.
            LOG.atInfo().addKeyValue("messageId", message.id()).log("proactive message settled by another delivery");
        }
        return sent ? Result.SENT : Result.FAILED;
    }

    private static String reason(RuntimeException e) {
        String code = e instanceof dev.lumen.domain.error.DomainException d ? d.code() : e.getClass().getSimpleName();
        String text = code + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return text.length() > 300 ? text.substring(0, 300) : text;
    }
}
