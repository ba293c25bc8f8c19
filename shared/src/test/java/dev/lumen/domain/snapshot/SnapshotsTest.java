package dev.lumen.domain.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.adapter.cbor.CborSnapshotCodec;
import dev.lumen.domain.error.ConflictException;
import dev.lumen.domain.error.DomainException;
import dev.lumen.domain.error.NotFoundException;
import dev.lumen.domain.error.UnprocessableContentException;
import dev.lumen.domain.error.ValidationException;
import dev.lumen.domain.learning.EmotionalState;
import dev.lumen.domain.learning.LearningRepository;
import dev.lumen.domain.learning.UserProfile;
import dev.lumen.domain.persona.CoreTraits;
import dev.lumen.domain.persona.NewPersona;
import dev.lumen.domain.persona.PersonaService;
import dev.lumen.domain.persona.Trait;
import dev.lumen.domain.persona.TraitAction;
import dev.lumen.domain.persona.TraitChange;
import dev.lumen.domain.persona.TraitUpdate;
import dev.lumen.fakes.InMemoryCustodyRepository;
import dev.lumen.fakes.InMemoryMentoringMaterial;
import dev.lumen.fakes.InMemoryPersonaRepository;
import dev.lumen.fakes.InMemorySnapshotStore;
import dev.lumen.fakes.InMemoryStores;
import dev.lumen.fakes.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SnapshotsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));
    private final InMemoryPersonaRepository personaRepository = new InMemoryPersonaRepository();
    private final PersonaService personas = new PersonaService(personaRepository, CoreTraits.defaults(), clock);
    private final LearningRepository learning = InMemoryStores.create().learning();
    private final InMemorySnapshotStore store = new InMemorySnapshotStore();
    private final CborSnapshotCodec codec = new CborSnapshotCodec();

    private Snapshots snapshots(int keep) {
        return new Snapshots(store, codec, List.of(new PersonaStateAccess(personas), new UserStateAccess(learning, clock),
                new AgentStateAccess(new InMemoryCustodyRepository(), new InMemoryMentoringMaterial())), keep, clock);
    }

    private final Snapshots snapshots = snapshots(Snapshots.DEFAULT_KEEP);

    private String persona() {
        return personas.create(new NewPersona(null, "Coach", "A coach", null,
                List.of(new NewPersona.NewTrait(null, "Patience", "Waits", 0.5)))).id();
    }

    private void set(String personaId, String traitId, double value) {
        personas.updateTrait(new TraitUpdate(personaId, traitId, TraitAction.SET, value, "test"));
    }

    private List<Trait> traits(String personaId) {
        return personas.get(personaId).traits();
    }

    @Test
    void restoringVersionNBringsBackExactlyTheTraitsOfVersionN() {
        // GIVEN three versions with different traits
        String id = persona();
        set(id, "patience", 0.2);
        Snapshot v1 = snapshots.take(SnapshotKind.PERSONA, id, SnapshotReason.MANUAL);
        List<Trait> atV1 = traits(id);
        set(id, "patience", 0.9);
        set(id, "empathy", 0.1);
        snapshots.take(SnapshotKind.PERSONA, id, SnapshotReason.MANUAL);
        set(id, "honesty", 0.3);
        snapshots.take(SnapshotKind.PERSONA, id, SnapshotReason.MANUAL);

        // WHEN version 1 is restored
        Snapshots.Restore restore = snapshots.restore(SnapshotKind.PERSONA, id, v1.version());

        // THEN every trait has its version-1 intensity; the two core traits overridden since stay own traits
        assertThat(traits(id)).extracting(Trait::id, Trait::intensity)
                .containsExactlyElementsOf(atV1.stream().map(t -> org.assertj.core.groups.Tuple.tuple(t.id(), t.intensity())).toList());
        assertThat(restore.changed()).containsExactlyInAnyOrder("traits.patience.intensity",
                "traits.empathy.intensity", "traits.honesty.intensity");
        assertThat(restore.unrestorable()).containsExactlyInAnyOrder("traits.empathy.inherited", "traits.honesty.inherited");
        assertThat(restore.undo().version()).isEqualTo(4);
        assertThat(restore.undo().reason()).isEqualTo(SnapshotReason.PRE_RESTORE);
        List<TraitChange> audit = personas.history(id, "patience");
        assertThat(audit.get(audit.size() - 1).actor()).isEqualTo("snapshot:persona/" + id + "@1");
    }

    @Test
    void aRestoreCanBeUndoneByRestoringItsPreRestoreSnapshot() {
        String id = persona();
        Snapshot v1 = snapshots.take(SnapshotKind.PERSONA, id, SnapshotReason.MANUAL);
        set(id, "patience", 0.95);
        List<Trait> before = traits(id);
        Snapshots.Restore restore = snapshots.restore(SnapshotKind.PERSONA, id, v1.version());
        assertThat(traits(id)).isNotEqualTo(before);
        snapshots.restore(SnapshotKind.PERSONA, id, restore.undo().version());
        assertThat(traits(id)).isEqualTo(before);
    }

    @Test
    void aFlippedByteIsRefusedBeforeDecodingAndNothingChanges() {
        // GIVEN
        String id = persona();
        Snapshot v1 = snapshots.take(SnapshotKind.PERSONA, id, SnapshotReason.MANUAL);
        set(id, "patience", 0.9);
        byte[] bytes = store.get(SnapshotKind.PERSONA, id, 1).orElseThrow().bytes();
        bytes[bytes.length - 2] ^= 0x10;
        store.overwrite(SnapshotKind.PERSONA, id, 1, bytes);
        List<Trait> before = traits(id);

        // WHEN / THEN
        assertThatThrownBy(() -> snapshots.restore(SnapshotKind.PERSONA, id, v1.version()))
                .isInstanceOf(UnprocessableContentException.class)
                .hasMessageContaining("persona '" + id + "'").hasMessageContaining("version 1")
                .extracting(e -> ((DomainException) e).code()).isEqualTo("snapshot_corrupted");
        assertThat(traits(id)).isEqualTo(before);
        assertThat(snapshots.versions(SnapshotKind.PERSONA, id)).as("no pre-restore snapshot either").hasSize(1);
        assertThatThrownBy(() -> snapshots.get(SnapshotKind.PERSONA, id, 1))
                .isInstanceOf(UnprocessableContentException.class);
    }

    @Test
    void pruningKeepsTheNewestN() {
        Snapshots keepThree = snapshots(3);
        String id = persona();
        for (int i = 1; i <= 7; i++) {
            set(id, "patience", i / 10.0);
            keepThree.take(SnapshotKind.PERSONA, id, SnapshotReason.MANUAL);
        }
        assertThat(keepThree.versions(SnapshotKind.PERSONA, id)).extracting(Snapshot::version).containsExactly(7L, 6L, 5L);
        assertThatThrownBy(() -> keepThree.get(SnapshotKind.PERSONA, id, 4)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void anUnchangedStateIsSkippedByTheScheduleButNotOnDemand() {
        String id = persona();
        assertThat(snapshots.takeIfChanged(SnapshotKind.PERSONA, id)).isPresent();
        assertThat(snapshots.takeIfChanged(SnapshotKind.PERSONA, id)).isEmpty();
        set(id, "patience", 0.7);
        assertThat(snapshots.takeIfChanged(SnapshotKind.PERSONA, id)).get().extracting(Snapshot::version).isEqualTo(2L);
        assertThat(snapshots.take(SnapshotKind.PERSONA, id, SnapshotReason.MANUAL).version()).isEqualTo(3L);
    }

    @Test
    void concurrentTakersGetDistinctVersions() throws Exception {
        String id = persona();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Long>> tasks = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                tasks.add(() -> snapshots.take(SnapshotKind.PERSONA, id, SnapshotReason.MANUAL).version());
            }
            List<Long> versions = new ArrayList<>();
            for (Future<Long> f : pool.invokeAll(tasks)) {
                versions.add(f.get());
            }
            assertThat(versions).doesNotHaveDuplicates().hasSize(12);
            assertThat(snapshots.versions(SnapshotKind.PERSONA, id)).hasSize(12);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void diffNamesTraitChangesWithOldAndNewIntensity() {
        String id = persona();
        snapshots.take(SnapshotKind.PERSONA, id, SnapshotReason.MANUAL);
        set(id, "patience", 0.8);
        set(id, "empathy", 0.2);
        snapshots.take(SnapshotKind.PERSONA, id, SnapshotReason.MANUAL);

        SnapshotDiff diff = snapshots.diff(SnapshotKind.PERSONA, id, 1, 2);

        assertThat(diff.traits().changed()).containsExactlyInAnyOrder(
                new SnapshotDiff.IntensityChange("patience", "Patience", 0.5, 0.8),
                new SnapshotDiff.IntensityChange("empathy", "Empathy", 0.7, 0.2));
        assertThat(diff.traits().added()).isEmpty();
        assertThat(diff.traits().removed()).isEmpty();
        assertThat(diff.fields()).isEmpty();
        assertThat(snapshots.diff(SnapshotKind.PERSONA, id, 2, 1).traits().changed())
                .contains(new SnapshotDiff.IntensityChange("patience", "Patience", 0.8, 0.5));
    }

    @Test
    void userSnapshotsDiffAndRestoreTheEmotionalStateAndTheProfile() {
        String user = "user-1";
        learning.setEmotionalState(user, new EmotionalState(0.3, "calm", List.of("walk"), clock.instant(), "explicit"));
        learning.replaceProfile(new UserProfile(user, List.of("run 5k"), List.of("mornings"), List.of(), "concise", 3,
                clock.instant()));
        snapshots.take(SnapshotKind.USER, user, SnapshotReason.MANUAL);
        clock.advance(Duration.ofMinutes(5));
        learning.setEmotionalState(user, new EmotionalState(0.9, "anxious", List.of("exam"), clock.instant(), "learned"));
        learning.replaceProfile(new UserProfile(user, List.of("pass exam", "run 5k"), List.of("mornings"), List.of(),
                "concise", 4, clock.instant()));
        snapshots.take(SnapshotKind.USER, user, SnapshotReason.MANUAL);

        SnapshotDiff diff = snapshots.diff(SnapshotKind.USER, user, 1, 2);
        assertThat(diff.traits()).isNull();
        assertThat(diff.fields()).extracting(SnapshotDiff.FieldChange::field).contains("emotion.state", "emotion.level",
                "emotion.triggers", "emotionHistory.size");
        assertThat(diff.fields()).contains(new SnapshotDiff.FieldChange("emotion.state", "calm", "anxious"));

        Snapshots.Restore restore = snapshots.restore(SnapshotKind.USER, user, 1);
        EmotionalState now = learning.emotionalState(user).orElseThrow().current();
        assertThat(diff.fields()).contains(new SnapshotDiff.FieldChange("profile.goals", List.of("run 5k"),
                List.of("pass exam", "run 5k")), new SnapshotDiff.FieldChange("profile.interactions", 3L, 4L));
        assertThat(restore.changed()).containsExactly("emotion", "profile");
        assertThat(restore.unrestorable()).isEmpty();
        assertThat(learning.profile(user).orElseThrow().goals()).containsExactly("run 5k");
        assertThat(learning.profile(user).orElseThrow().interactions()).isEqualTo(3);
        assertThat(now.state()).isEqualTo("calm");
        assertThat(now.level()).isEqualTo(0.3);
        assertThat(now.triggers()).containsExactly("walk");
    }

    @Test
    void agentsAreSnapshottedButNotRestoredAndUnknownOnesAreNotFound() {
        Snapshot v1 = snapshots.take(SnapshotKind.AGENT, "guardian", SnapshotReason.MANUAL);
        assertThat(snapshots.get(SnapshotKind.AGENT, "guardian", 1).state())
                .isEqualTo(new SnapshotState.AgentState("guardian", 0, false, null, List.of()));
        assertThatThrownBy(() -> snapshots.restore(SnapshotKind.AGENT, "guardian", v1.version()))
                .isInstanceOf(ConflictException.class);
        assertThat(snapshots.versions(SnapshotKind.AGENT, "guardian")).hasSize(1);
        assertThatThrownBy(() -> snapshots.take(SnapshotKind.AGENT, "nobody", SnapshotReason.MANUAL))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void badAndUnknownInputs() {
        String id = persona();
        assertThatThrownBy(() -> snapshots.get(SnapshotKind.PERSONA, id, 0)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> snapshots.get(SnapshotKind.PERSONA, id, 1)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> snapshots.take(SnapshotKind.PERSONA, "missing", SnapshotReason.MANUAL))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> snapshots.take(SnapshotKind.PERSONA, "bad#id", SnapshotReason.MANUAL))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> SnapshotKind.parse("kind", "planet")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("'kind'");
        assertThat(store.versions(SnapshotKind.PERSONA, "missing", 10)).isEmpty();
    }
}
