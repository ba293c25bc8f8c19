package dev.lumen.domain.persona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.domain.error.ConflictException;
import dev.lumen.domain.error.NotFoundException;
import dev.lumen.domain.error.ValidationException;
import dev.lumen.fakes.InMemoryPersonaRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PersonaServiceTest {
    private final InMemoryPersonaRepository repository = new InMemoryPersonaRepository();
    private final PersonaService service = new PersonaService(repository, CoreTraits.defaults(),
            Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));

    private PersonaView ada() {
        return service.create(new NewPersona("ada", "Ada", "A patient coach", null, List.of(
                new NewPersona.NewTrait(null, "Warmth", "Kind and encouraging", 0.8),
                new NewPersona.NewTrait("empathy", "Empathy", "Deeply attuned", 0.95))));
    }

    @Test
    void createdPersonaInheritsCoreTraitsAndOverridesByOwnTraitOfSameId() {
        // WHEN
        PersonaView view = ada();

        // THEN
        assertThat(view.creatorId()).isEqualTo(Persona.DEFAULT_CREATOR);
        assertThat(view.traits()).extracting(Trait::id).containsExactly("empathy", "honesty", "curiosity", "warmth");
        assertThat(view.traits()).filteredOn(t -> t.id().equals("empathy")).singleElement()
                .satisfies(t -> {
                    assertThat(t.intensity()).isEqualTo(0.95);
                    assertThat(t.inherited()).isFalse();
                });
        assertThat(view.traits()).filteredOn(t -> t.id().equals("honesty")).singleElement()
                .satisfies(t -> assertThat(t.inherited()).isTrue());
        assertThat(service.get("ada")).isEqualTo(view);
    }

    @Test
    void rejectsBadPersonas() {
        assertThatThrownBy(() -> service.create(new NewPersona(null, " ", null, null, List.of())))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'name'");
        assertThatThrownBy(() -> service.create(new NewPersona("bad id#", "X", null, null, List.of())))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'id'");
        assertThatThrownBy(() -> service.create(new NewPersona(null, "X", null, null,
                List.of(new NewPersona.NewTrait(null, "Wit", null, 1.5)))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("intensity");
        assertThatThrownBy(() -> service.create(new NewPersona(null, "X", null, null, List.of(
                new NewPersona.NewTrait(null, "Wit", null, 0.5), new NewPersona.NewTrait("wit", "WIT", null, 0.5)))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("twice");
        ada();
        assertThatThrownBy(this::ada).isInstanceOf(ConflictException.class);
    }

    @Test
    void updatesClampAndAreAudited() {
        // GIVEN
        ada();

        // WHEN
        Trait raised = service.updateTrait(new TraitUpdate("ada", "warmth", TraitAction.INCREASE, 0.5, "coach-1"));
        Trait lowered = service.updateTrait(new TraitUpdate("ada", "warmth", TraitAction.DECREASE, 0.3, null));
        Trait set = service.updateTrait(new TraitUpdate("ada", "warmth", TraitAction.SET, 0.25, null));

        // THEN
        assertThat(raised.intensity()).isEqualTo(1.0);
        assertThat(lowered.intensity()).isEqualTo(0.7);
        assertThat(set.intensity()).isEqualTo(0.25);
        assertThat(service.history("ada", "warmth"))
                .extracting(TraitChange::before, TraitChange::after, TraitChange::actor)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0.8, 1.0, "coach-1"),
                        org.assertj.core.groups.Tuple.tuple(1.0, 0.7, "anonymous"),
                        org.assertj.core.groups.Tuple.tuple(0.7, 0.25, "anonymous"));
    }

    @Test
    void updatingAnInheritedTraitGivesThePersonaItsOwnCopy() {
        // GIVEN
        ada();

        // WHEN
        Trait curiosity = service.updateTrait(new TraitUpdate("ada", "curiosity", TraitAction.INCREASE, 0.2, null));

        // THEN
        assertThat(curiosity.intensity()).isEqualTo(0.7);
        assertThat(curiosity.inherited()).isFalse();
        assertThat(service.get("ada").traits()).filteredOn(t -> t.id().equals("curiosity"))
                .singleElement().isEqualTo(curiosity);
    }

    @Test
    void unknownPersonaOrTraitIsNotFound() {
        ada();
        assertThatThrownBy(() -> service.updateTrait(new TraitUpdate("nobody", "warmth", TraitAction.SET, 0.1, null)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("nobody");
        assertThatThrownBy(() -> service.updateTrait(new TraitUpdate("ada", "nope", TraitAction.SET, 0.1, null)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("nope");
        assertThat(repository.traitHistory("ada", "nope")).isEmpty();
    }

    @Test
    void concurrentIncrementsNeverLoseAnUpdate() throws Exception {
        // GIVEN
        ada();
        service.updateTrait(new TraitUpdate("ada", "warmth", TraitAction.SET, 0.3, null));
        ExecutorService pool = Executors.newFixedThreadPool(16);

        // WHEN
        List<Future<Trait>> results = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            results.add(pool.submit(() -> service.updateTrait(new TraitUpdate("ada", "warmth", TraitAction.INCREASE, 0.01, null))));
        }
        for (Future<Trait> f : results) {
            f.get();
        }
        pool.shutdown();

        // THEN
        assertThat(service.get("ada").traits()).filteredOn(t -> t.id().equals("warmth"))
                .singleElement().extracting(Trait::intensity).isEqualTo(0.8);
        assertThat(service.history("ada", "warmth")).hasSize(51);
    }
}
