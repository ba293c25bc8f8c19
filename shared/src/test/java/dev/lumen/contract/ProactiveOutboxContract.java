package dev.lumen.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.domain.Ids;
import dev.lumen.domain.proactive.Channel;
import dev.lumen.domain.proactive.ProactiveMessage;
import dev.lumen.domain.proactive.ProactiveOutbox;
import dev.lumen.domain.proactive.ProactiveState;
import dev.lumen.domain.proactive.Trigger;
import dev.lumen.domain.proactive.TriggerType;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ProactiveOutbox} must do. Cases use fresh random user ids, so a subclass may
 * share one store between them.
 */
public abstract class ProactiveOutboxContract {
    /** Now, so a store with real TTL (counted from the planning time) keeps the items while the case runs. */
    private static final Instant T0 = Instant.now().plusNanos(123_456_789);

    private ProactiveOutbox outbox;

    /** An outbox for one test case. */
    protected abstract ProactiveOutbox newOutbox();

    @BeforeEach
    void createOutbox() {
        outbox = newOutbox();
    }

    @Test
    void anAddedMessageComesBackWhole() {
        // GIVEN
        String userId = Ids.random();
        ProactiveMessage message = message(userId, T0);

        // WHEN
        boolean added = outbox.add(message);

        // THEN
        assertThat(added).isTrue();
        assertThat(outbox.recent(userId, T0)).containsExactly(message);
    }

    @Test
    void theSameIdIsAddedOnlyOnce() {
        // GIVEN
        String userId = Ids.random();
        ProactiveMessage first = message(userId, T0);
        outbox.add(first);
        ProactiveMessage again = new ProactiveMessage(first.id(), userId, "p1", first.trigger(), "other text",
                T0.plusSeconds(60), T0.plusSeconds(60), Channel.WEBSOCKET, ProactiveState.PLANNED);

        // WHEN
        boolean added = outbox.add(again);

        // THEN the first one stays
        assertThat(added).isFalse();
        assertThat(outbox.recent(userId, T0.minusSeconds(1))).containsExactly(first);
    }

    @Test
    void recentListsOnlyTheUsersMessagesSinceTheGivenTimeOldestFirst() {
        // GIVEN
        String userId = Ids.random();
        ProactiveMessage old = message(userId, T0.minusSeconds(3_600));
        ProactiveMessage later = message(userId, T0.plusSeconds(7_200));
        ProactiveMessage atSince = message(userId, T0);
        outbox.add(old);
        outbox.add(later);
        outbox.add(atSince);
        outbox.add(message(Ids.random(), T0));

        // WHEN
        var recent = outbox.recent(userId, T0);

        // THEN since is inclusive
        assertThat(recent).containsExactly(atSince, later);
        assertThat(outbox.recent(Ids.random(), T0.minusSeconds(86_400))).isEmpty();
    }

    @Test
    void erasingAUserRemovesOnlyTheirMessagesOnce() {
        // GIVEN
        String userId = Ids.random();
        String other = Ids.random();
        outbox.add(message(userId, T0));
        outbox.add(message(userId, T0.plusSeconds(60)));
        ProactiveMessage kept = message(other, T0);
        outbox.add(kept);

        // WHEN
        int erased = outbox.eraseUser(userId);

        // THEN
        assertThat(erased).isEqualTo(2);
        assertThat(outbox.recent(userId, T0.minusSeconds(1))).isEmpty();
        assertThat(outbox.recent(other, T0.minusSeconds(1))).containsExactly(kept);
        assertThat(outbox.eraseUser(userId)).isZero();
    }

    @Test
    void latestListsTheUsersMessagesNewestFirstBounded() {
        // GIVEN
        String userId = Ids.random();
        ProactiveMessage first = message(userId, T0);
        ProactiveMessage second = message(userId, T0.plusSeconds(60));
        ProactiveMessage third = message(userId, T0.plusSeconds(120));
        outbox.add(second);
        outbox.add(first);
        outbox.add(third);
        outbox.add(message(Ids.random(), T0.plusSeconds(180)));

        // WHEN / THEN
        assertThat(outbox.latest(userId, 2)).containsExactly(third, second);
        assertThat(outbox.latest(userId, 10)).containsExactly(third, second, first);
        assertThat(outbox.latest(Ids.random(), 10)).isEmpty();
    }

    @Test
    void findReturnsTheUsersMessageOnly() {
        // GIVEN
        String userId = Ids.random();
        ProactiveMessage message = message(userId, T0);
        outbox.add(message);

        // WHEN / THEN
        assertThat(outbox.find(userId, message.id())).contains(message);
        assertThat(outbox.find(Ids.random(), message.id())).isEmpty();
        assertThat(outbox.find(userId, "p-" + Ids.random())).isEmpty();
    }

    @Test
    void aPlannedMessageIsDueOnceItsTimeHasComeUntilItIsQueued() {
        // GIVEN one message due in a minute, one due an hour later
        String userId = Ids.random();
        ProactiveMessage soon = at(message(userId, T0), T0.plusSeconds(60));
        ProactiveMessage later = at(message(userId, T0.plusSeconds(1)), T0.plusSeconds(3_600));
        outbox.add(later);
        outbox.add(soon);

        // WHEN / THEN nothing is due before its time, then the earliest first
        assertThat(ours(outbox.due(T0.plusSeconds(59), 1_000), userId)).isEmpty();
        assertThat(ours(outbox.due(T0.plusSeconds(60), 1_000), userId)).containsExactly(soon);
        assertThat(ours(outbox.due(T0.plusSeconds(7_200), 1_000), userId)).containsExactly(soon, later);
        assertThat(outbox.due(T0.plusSeconds(7_200), 1)).hasSize(1);

        // AND once queued it is due no more, and queueing it again is refused
        assertThat(outbox.markQueued(userId, soon.id())).isTrue();
        assertThat(outbox.markQueued(userId, soon.id())).isFalse();
        assertThat(ours(outbox.due(T0.plusSeconds(7_200), 1_000), userId)).containsExactly(later);
        // AND it is still PLANNED, for the worker to settle
        assertThat(outbox.find(userId, soon.id()).orElseThrow().state()).isEqualTo(ProactiveState.PLANNED);
    }

    @Test
    void aPlannedMessageSettlesOnceAsSentOrFailed() {
        // GIVEN
        String userId = Ids.random();
        ProactiveMessage sent = message(userId, T0);
        ProactiveMessage failed = message(userId, T0.plusSeconds(1));
        outbox.add(sent);
        outbox.add(failed);
        Instant settled = T0.plusSeconds(1_800);

        // WHEN
        boolean markedSent = outbox.markSent(userId, sent.id(), settled);
        boolean markedFailed = outbox.markFailed(userId, failed.id(), settled, "webhook_rejected: HTTP 500");

        // THEN each settled once, with when and why
        assertThat(markedSent).isTrue();
        assertThat(markedFailed).isTrue();
        assertThat(outbox.find(userId, sent.id())).contains(sent.settled(ProactiveState.SENT, settled, null));
        assertThat(outbox.find(userId, failed.id()))
                .contains(failed.settled(ProactiveState.FAILED, settled, "webhook_rejected: HTTP 500"));
        assertThat(outbox.markSent(userId, sent.id(), settled.plusSeconds(1))).isFalse();
        assertThat(outbox.markFailed(userId, sent.id(), settled.plusSeconds(1), "late")).isFalse();
        assertThat(outbox.markSent(userId, failed.id(), settled.plusSeconds(1))).isFalse();
        assertThat(outbox.find(userId, sent.id()).orElseThrow().state()).isEqualTo(ProactiveState.SENT);
        // AND a settled message is never due, unknown ones are not marked
        assertThat(ours(outbox.due(T0.plusSeconds(86_400), 1_000), userId)).isEmpty();
        assertThat(outbox.markQueued(userId, sent.id())).isFalse();
        assertThat(outbox.markSent(Ids.random(), sent.id(), settled)).isFalse();
        assertThat(outbox.markSent(userId, "p-" + Ids.random(), settled)).isFalse();
    }

    private static java.util.List<ProactiveMessage> ours(java.util.List<ProactiveMessage> due, String userId) {
        return due.stream().filter(m -> m.userId().equals(userId)).toList();
    }

    private static ProactiveMessage at(ProactiveMessage m, Instant deliverAt) {
        return new ProactiveMessage(m.id(), m.userId(), m.personaId(), m.trigger(), m.text(), m.plannedAt(), deliverAt,
                m.channel(), m.state());
    }

    private static ProactiveMessage message(String userId, Instant plannedAt) {
        return new ProactiveMessage("p-" + Ids.random(), userId, "coach",
                new Trigger(TriggerType.INACTIVITY, 3.04, Map.of("idleHours", "25")), "Hi, it's Coach.",
                plannedAt, plannedAt.plusSeconds(1_800), Channel.WEBHOOK, ProactiveState.PLANNED);
    }
}
