package dev.lumen.domain.proactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.domain.error.UnavailableException;
import dev.lumen.domain.realtime.Connection;
import dev.lumen.fakes.InMemoryConnectionRegistry;
import dev.lumen.fakes.InMemoryProactiveOutbox;
import dev.lumen.fakes.MutableClock;
import dev.lumen.fakes.RecordingPush;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProactiveDeliveryTest {
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryProactiveOutbox outbox = new InMemoryProactiveOutbox();
    private final InMemoryConnectionRegistry connections = new InMemoryConnectionRegistry();
    private final RecordingPush push = new RecordingPush();
    private final RecordingWebhook webhook = new RecordingWebhook();

    /** A webhook that records what it was sent, failing the first {@code failures} sends. */
    static final class RecordingWebhook implements Webhook {
        final List<String> sent = new ArrayList<>();
        int failures;

        @Override
        public boolean configured() {
            return true;
        }

        @Override
        public void send(String messageId, String payload) {
            if (failures > 0) {
                failures--;
                throw new UnavailableException("webhook_rejected", "HTTP 500", null);
            }
            sent.add(payload);
        }
    }

    private ProactiveDelivery delivery(Webhook hook) {
        return new ProactiveDelivery(outbox, connections, push, hook, clock);
    }

    private ProactiveMessage planned(String userId, Channel channel) {
        ProactiveMessage message = new ProactiveMessage(ProactivePlanner.messageId(userId, TriggerType.INACTIVITY, NOW),
                userId, "coach", new Trigger(TriggerType.INACTIVITY, 3.04, Map.of("idleHours", "25")), "Hi, it's Mira.",
                NOW.minus(Duration.ofHours(2)), NOW, channel, ProactiveState.PLANNED);
        outbox.add(message);
        return message;
    }

    @Test
    void aConnectedUserGetsTheMessageOnEveryLiveConnectionAndGoneOnesAreForgotten() {
        // GIVEN ann with two connections, one of them gone
        ProactiveMessage message = planned("ann", Channel.WEBSOCKET);
        connections.register(new Connection("c-live", "ann", NOW.minusSeconds(60), NOW.plus(Duration.ofHours(2))));
        connections.register(new Connection("c-gone", "ann", NOW.minusSeconds(90), NOW.plus(Duration.ofHours(2))));
        push.gone("c-gone");

        // WHEN
        ProactiveDelivery.Result result = delivery(webhook).deliver("ann", message.id(), false);

        // THEN
        assertThat(result).isEqualTo(ProactiveDelivery.Result.SENT);
        assertThat(push.payloadsTo("c-live")).singleElement().asString()
                .contains("\"messageId\":\"" + message.id() + "\"").contains("\"text\":\"Hi, it's Mira.\"");
        assertThat(connections.ofUser("ann", NOW)).extracting(Connection::connectionId).containsExactly("c-live");
        assertThat(webhook.sent).isEmpty();
        assertThat(outbox.find("ann", message.id()).orElseThrow())
                .satisfies(m -> assertThat(m.state()).isEqualTo(ProactiveState.SENT))
                .satisfies(m -> assertThat(m.settledAt()).isEqualTo(NOW));
    }

    @Test
    void aUserNoLongerConnectedGetsItOnTheWebhook() {
        // GIVEN planned for the WebSocket, but the only connection expired
        ProactiveMessage message = planned("ann", Channel.WEBSOCKET);
        connections.register(new Connection("c-old", "ann", NOW.minus(Duration.ofHours(3)), NOW.minusSeconds(1)));

        // WHEN
        ProactiveDelivery.Result result = delivery(webhook).deliver("ann", message.id(), false);

        // THEN
        assertThat(result).isEqualTo(ProactiveDelivery.Result.SENT);
        assertThat(push.frames()).isEmpty();
        assertThat(webhook.sent).singleElement().asString().contains(message.id());
        assertThat(outbox.find("ann", message.id()).orElseThrow().state()).isEqualTo(ProactiveState.SENT);
    }

    @Test
    void aFailingWebhookThrowsForARetryAndOnTheLastAttemptTheMessageFails() {
        // GIVEN a webhook that fails twice
        ProactiveMessage message = planned("ann", Channel.WEBHOOK);
        webhook.failures = 2;
        ProactiveDelivery delivery = delivery(webhook);

        // WHEN the first attempt fails: still PLANNED, thrown for the queue to retry
        assertThatThrownBy(() -> delivery.deliver("ann", message.id(), false)).isInstanceOf(UnavailableException.class);
        assertThat(outbox.find("ann", message.id()).orElseThrow().state()).isEqualTo(ProactiveState.PLANNED);

        // AND the last attempt fails too: FAILED with the reason, and still thrown (to the dead-letter queue)
        clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> delivery.deliver("ann", message.id(), true)).isInstanceOf(UnavailableException.class);
        ProactiveMessage failed = outbox.find("ann", message.id()).orElseThrow();
        assertThat(failed.state()).isEqualTo(ProactiveState.FAILED);
        assertThat(failed.failure()).contains("webhook_rejected").contains("HTTP 500");
        assertThat(failed.text()).isEqualTo(message.text());
        assertThat(webhook.sent).isEmpty();
    }

    @Test
    void aWebhookThatFailsOnceThenSucceedsSendsExactlyOnce() {
        ProactiveMessage message = planned("ann", Channel.WEBHOOK);
        webhook.failures = 1;
        ProactiveDelivery delivery = delivery(webhook);

        assertThatThrownBy(() -> delivery.deliver("ann", message.id(), false)).isInstanceOf(UnavailableException.class);
        assertThat(delivery.deliver("ann", message.id(), false)).isEqualTo(ProactiveDelivery.Result.SENT);
        // a duplicate copy from the queue is skipped
        assertThat(delivery.deliver("ann", message.id(), false)).isEqualTo(ProactiveDelivery.Result.SKIPPED);

        assertThat(webhook.sent).hasSize(1);
        assertThat(outbox.find("ann", message.id()).orElseThrow().state()).isEqualTo(ProactiveState.SENT);
    }

    @Test
    void withoutAWebhookTheMessageFailsAtOnceWithAClearReason() {
        ProactiveMessage message = planned("ann", Channel.WEBHOOK);

        ProactiveDelivery.Result result = delivery(Webhook.NONE).deliver("ann", message.id(), false);

        assertThat(result).isEqualTo(ProactiveDelivery.Result.FAILED);
        assertThat(outbox.find("ann", message.id()).orElseThrow().failure()).isEqualTo(ProactiveDelivery.NOT_CONFIGURED);
    }

    @Test
    void anUnknownOrErasedMessageIsSkipped() {
        assertThat(delivery(webhook).deliver("ann", "p-unknown", true)).isEqualTo(ProactiveDelivery.Result.SKIPPED);
        assertThat(webhook.sent).isEmpty();
    }
}
