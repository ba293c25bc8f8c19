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

    private static ProactiveMessage message(String userId, Instant plannedAt) {
        return new ProactiveMessage("p-" + Ids.random(), userId, "coach",
                new Trigger(TriggerType.INACTIVITY, 3.04, Map.of("idleHours", "25")), "Hi, it's Coach.",
                plannedAt, plannedAt.plusSeconds(1_800), Channel.WEBHOOK, ProactiveState.PLANNED);
    }
}
