package dev.lumen.domain.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.adapter.cbor.CborSnapshotCodec;
import dev.lumen.domain.activity.Activity;
import dev.lumen.domain.activity.ActivityKind;
import dev.lumen.domain.learning.EmotionalState;
import dev.lumen.domain.learning.LearningRepository;
import dev.lumen.domain.persona.CoreTraits;
import dev.lumen.domain.persona.NewPersona;
import dev.lumen.domain.persona.PersonaService;
import dev.lumen.domain.persona.TraitAction;
import dev.lumen.domain.persona.TraitUpdate;
import dev.lumen.fakes.InMemoryActivityFeed;
import dev.lumen.fakes.InMemoryCustodyRepository;
import dev.lumen.fakes.InMemoryMentoringMaterial;
import dev.lumen.fakes.InMemoryPersonaRepository;
import dev.lumen.fakes.InMemorySnapshotStore;
import dev.lumen.fakes.InMemoryStores;
import dev.lumen.fakes.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduledSnapshotsTest {
    private static final Duration WINDOW = Duration.ofMinutes(10);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));
    private final PersonaService personas = new PersonaService(new InMemoryPersonaRepository(), CoreTraits.defaults(), clock);
    private final LearningRepository learning = InMemoryStores.create().learning();
    private final InMemoryActivityFeed feed = new InMemoryActivityFeed();
    private final InMemorySnapshotStore store = new InMemorySnapshotStore();
    private final Snapshots snapshots = new Snapshots(store, new CborSnapshotCodec(), List.of(
            new PersonaStateAccess(personas), new UserStateAccess(learning, clock),
            new AgentStateAccess(new InMemoryCustodyRepository(), new InMemoryMentoringMaterial())), 100, clock);
    private final ScheduledSnapshots schedule = new ScheduledSnapshots(snapshots, feed, clock);

    private void chatTurn(String personaId, String userId) {
        feed.record(new Activity(dev.lumen.domain.Ids.random(), ActivityKind.CHAT_TURN, clock.instant().minusSeconds(30),
                "default", personaId, userId, "s1", "POST /api/chat", "offline", 10, 1, 1, 0, false, null));
    }

    @Test
    void snapshotsTheActiveAndTheAgentsThenOnlyWhatChanged() {
        // GIVEN a persona and a user active in the window, and a persona nobody used
        String active = personas.create(new NewPersona(null, "Active", "", null, List.of())).id();
        String idle = personas.create(new NewPersona(null, "Idle", "", null, List.of())).id();
        learning.setEmotionalState("u1", new EmotionalState(0.5, "calm", List.of(), clock.instant(), "explicit"));
        chatTurn(active, "u1");
        chatTurn(active, "u-not-learned-yet");

        // WHEN the schedule runs
        ScheduledSnapshots.Summary first = schedule.run(WINDOW);

        // THEN the active persona, the user and the four agents were snapshotted; the idle persona was not
        assertThat(first.taken()).extracting(s -> s.kind().slug() + "/" + s.id()).containsExactlyInAnyOrder(
                "persona/" + active, "user/u1", "agent/imperium", "agent/guardian", "agent/sandbox", "agent/conquest");
        assertThat(first.taken()).allMatch(s -> s.reason() == SnapshotReason.SCHEDULED);
        assertThat(first.failed()).isZero();
        assertThat(store.versions(SnapshotKind.PERSONA, idle, 10)).isEmpty();

        // WHEN it runs again with nothing changed: nothing is stored
        clock.advance(Duration.ofMinutes(1));
        ScheduledSnapshots.Summary second = schedule.run(WINDOW);
        assertThat(second.taken()).isEmpty();
        assertThat(second.unchanged()).isEqualTo(7);

        // WHEN the active persona changes: only it gets a new version
        personas.updateTrait(new TraitUpdate(active, "empathy", TraitAction.SET, 0.1, "test"));
        ScheduledSnapshots.Summary third = schedule.run(WINDOW);
        assertThat(third.taken()).extracting(Snapshot::id, Snapshot::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(active, 2L));
    }

    @Test
    void activityOutsideTheWindowIsNotACandidate() {
        String persona = personas.create(new NewPersona(null, "Old", "", null, List.of())).id();
        chatTurn(persona, null);
        clock.advance(Duration.ofHours(1));
        assertThat(schedule.run(WINDOW).taken()).extracting(Snapshot::kind).containsOnly(SnapshotKind.AGENT);
    }
}
