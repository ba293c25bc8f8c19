package dev.lumen.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.domain.Ids;
import dev.lumen.domain.learning.InteractionLearning;
import dev.lumen.domain.learning.ProfileUpdate;
import dev.lumen.domain.memory.InteractionRecorded;
import dev.lumen.domain.memory.InteractionSweeper;
import dev.lumen.domain.memory.PendingInteraction;
import dev.lumen.domain.memory.PendingInteractions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PendingInteractions} must do, together with the writers that fill and empty
 * it. {@link PendingInteractions#due} sees the whole store, so each case needs a fresh one.
 */
public abstract class PendingInteractionsContract {
    private static final Instant T = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    private static final Instant LATER = T.plus(Duration.ofDays(1));

    private InteractionStores stores;
    private PendingInteractions pending;

    /** Empty stores over one fresh backing store, for one test case. */
    protected abstract InteractionStores newStores();

    @BeforeEach
    void createStores() {
        stores = newStores();
        pending = stores.pending();
    }

    @Test
    void aStoredTurnIsDueOnceTheGraceHasPassedAndNotBefore() {
        // GIVEN
        InteractionRecorded interaction = Turns.store(stores.conversations(),
                Turns.turn(Ids.random(), Ids.random(), "user-7", T, 0));
        Instant dueAt = interaction.occurredAt().plus(InteractionSweeper.GRACE);

        // WHEN / THEN every field comes back, with no attempt made yet
        assertThat(pending.due(dueAt.minusNanos(1), 10)).isEmpty();
        assertThat(pending.due(dueAt, 10)).containsExactly(new PendingInteraction(interaction, 0, dueAt));
    }

    @Test
    void anAnonymousInteractionKeepsItsNullUser() {
        // GIVEN
        InteractionRecorded interaction = Turns.store(stores.conversations(),
                Turns.turn(Ids.random(), Ids.random(), null, T, 3));

        // WHEN
        List<PendingInteraction> due = pending.due(LATER, 10);

        // THEN
        assertThat(due).extracting(PendingInteraction::interaction).containsExactly(interaction);
        assertThat(due.get(0).interaction().userId()).isNull();
    }

    @Test
    void dueIsOldestFirstAndStopsAtTheLimit() {
        // GIVEN three turns, stored newest first
        InteractionRecorded third = Turns.store(stores.conversations(), Turns.turn(Ids.random(), Ids.random(), "u", T.plusSeconds(2), 2));
        InteractionRecorded first = Turns.store(stores.conversations(), Turns.turn(Ids.random(), Ids.random(), "u", T, 0));
        InteractionRecorded second = Turns.store(stores.conversations(), Turns.turn(Ids.random(), Ids.random(), "u", T.plusSeconds(1), 1));

        // WHEN / THEN
        assertThat(pending.due(LATER, 2)).extracting(PendingInteraction::interaction).containsExactly(first, second);
        assertThat(pending.due(LATER, 10)).extracting(PendingInteraction::interaction)
                .containsExactly(first, second, third);
    }

    @Test
    void rescheduledCountsAnAttemptAndMovesTheNextOne() {
        // GIVEN
        InteractionRecorded interaction = Turns.store(stores.conversations(),
                Turns.turn(Ids.random(), Ids.random(), "user-7", T, 0));
        Instant next = T.plus(Duration.ofMinutes(10));

        // WHEN rescheduled twice
        pending.rescheduled(interaction.interactionId(), T.plus(Duration.ofMinutes(5)));
        pending.rescheduled(interaction.interactionId(), next);

        // THEN
        assertThat(pending.due(next.minusNanos(1), 10)).isEmpty();
        assertThat(pending.due(next, 10)).containsExactly(new PendingInteraction(interaction, 2, next));
    }

    @Test
    void aParkedInteractionIsNoLongerDueNorRescheduledBack() {
        // GIVEN two pending interactions
        InteractionRecorded parked = Turns.store(stores.conversations(), Turns.turn(Ids.random(), Ids.random(), "u", T, 0));
        InteractionRecorded other = Turns.store(stores.conversations(), Turns.turn(Ids.random(), Ids.random(), "u", T, 1));

        // WHEN one is parked, then (a late sweeper) rescheduled
        pending.parked(parked.interactionId());
        pending.rescheduled(parked.interactionId(), T.plusSeconds(1));

        // THEN only the other is still swept
        assertThat(pending.due(LATER, 10)).extracting(PendingInteraction::interaction).containsExactly(other);
    }

    @Test
    void anAppliedInteractionIsNoLongerPendingAndARescheduleDoesNotBringItBack() {
        // GIVEN
        InteractionRecorded interaction = Turns.store(stores.conversations(),
                Turns.turn(Ids.random(), Ids.random(), "user-7", T, 0));

        // WHEN the worker applies it, and a sweeper that read it just before reschedules it
        stores.learning().apply(new InteractionLearning(interaction, List.of(), null, ProfileUpdate.NOTHING, "greet"));
        pending.rescheduled(interaction.interactionId(), T.plusSeconds(1));

        // THEN
        assertThat(pending.due(LATER, 10)).isEmpty();
    }

    @Test
    void changingAnUnknownInteractionIsHarmless() {
        // WHEN
        pending.rescheduled(Ids.random(), T);
        pending.parked(Ids.random());

        // THEN
        assertThat(pending.due(LATER, 10)).isEmpty();
    }
}
