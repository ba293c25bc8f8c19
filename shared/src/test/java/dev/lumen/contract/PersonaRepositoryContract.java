package dev.lumen.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.domain.Ids;
import dev.lumen.domain.error.ConflictException;
import dev.lumen.domain.persona.Persona;
import dev.lumen.domain.persona.PersonaCursor;
import dev.lumen.domain.persona.PersonaPage;
import dev.lumen.domain.persona.PersonaRepository;
import dev.lumen.domain.persona.PersonaSummary;
import dev.lumen.domain.persona.Trait;
import dev.lumen.domain.persona.TraitAction;
import dev.lumen.domain.persona.TraitChange;
import dev.lumen.domain.persona.VersionedTrait;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PersonaRepository} must do. An adapter's test extends this class and says how
 * to build the adapter; the cases use fresh random ids, so a subclass may share one store between
 * them.
 */
public abstract class PersonaRepositoryContract {
    private static final Instant CREATED = Instant.parse("2024-05-01T10:15:30.123456789Z");

    private PersonaRepository repository;

    /** A repository for one test case. */
    protected abstract PersonaRepository newRepository();

    @BeforeEach
    void createRepository() {
        repository = newRepository();
    }

    @Test
    void findReturnsTheCreatedPersonaWithItsTraitsInOrderAndExactIntensities() {
        // GIVEN intensities that a lossy number format would change
        Persona persona = persona(List.of(
                trait("warmth", 0.1 + 0.2),
                trait("wit", 1.0 / 3),
                trait("calm", 0.0),
                trait("drive", 1.0),
                trait("bravery", 0.123456789012345678)));

        // WHEN
        repository.create(persona);

        // THEN every field, trait order and every bit of each intensity survive
        Persona found = repository.find(persona.id()).orElseThrow();
        assertThat(found).isEqualTo(persona);
        assertThat(found.traits()).extracting(Trait::intensity)
                .containsExactly(0.30000000000000004, 0.3333333333333333, 0.0, 1.0, 0.12345678901234568);
    }

    @Test
    void aPersonaWithoutOwnTraitsIsFound() {
        // GIVEN
        Persona persona = persona(List.of());
        repository.create(persona);

        // WHEN / THEN
        assertThat(repository.find(persona.id())).contains(persona);
    }

    @Test
    void createdTraitsStartAtVersionOne() {
        // GIVEN
        Persona persona = persona(List.of(trait("warmth", 0.4)));

        // WHEN
        repository.create(persona);

        // THEN
        assertThat(repository.findTrait(persona.id(), "warmth"))
                .contains(new VersionedTrait(trait("warmth", 0.4), 1));
    }

    @Test
    void creatingAnExistingPersonaIsAConflictAndKeepsTheOriginal() {
        // GIVEN
        Persona original = persona(List.of(trait("warmth", 0.4)));
        repository.create(original);
        Persona impostor = new Persona(original.id(), "Impostor", "", "other", List.of(trait("wit", 0.9)), CREATED);

        // WHEN / THEN
        assertThatThrownBy(() -> repository.create(impostor))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("persona_exists"));
        assertThat(repository.find(original.id())).contains(original);
        assertThat(repository.findTrait(original.id(), "wit")).isEmpty();
    }

    @Test
    void findOfAnUnknownPersonaIsEmpty() {
        assertThat(repository.find(Ids.random())).isEmpty();
    }

    @Test
    void findTraitIsEmptyForATraitThePersonaDoesNotOwnOrAnUnknownPersona() {
        // GIVEN
        Persona persona = persona(List.of(trait("warmth", 0.4)));
        repository.create(persona);

        // WHEN / THEN
        assertThat(repository.findTrait(persona.id(), "empathy")).isEmpty();
        assertThat(repository.findTrait(Ids.random(), "warmth")).isEmpty();
    }

    @Test
    void saveTraitAtTheCurrentVersionWritesTheTraitAndItsAuditRecord() {
        // GIVEN
        Persona persona = persona(List.of(trait("warmth", 0.4)));
        repository.create(persona);
        TraitChange change = change(persona.id(), "warmth", TraitAction.INCREASE, 0.25, 0.4, 0.65, CREATED.plusSeconds(1));

        // WHEN
        boolean saved = repository.saveTrait(persona.id(), trait("warmth", 0.65), 1, change);

        // THEN
        assertThat(saved).isTrue();
        assertThat(repository.findTrait(persona.id(), "warmth")).contains(new VersionedTrait(trait("warmth", 0.65), 2));
        assertThat(repository.find(persona.id()).orElseThrow().traits()).containsExactly(trait("warmth", 0.65));
        assertThat(repository.traitHistory(persona.id(), "warmth")).containsExactly(change);
    }

    @Test
    void saveTraitAtAStaleVersionWritesNothing() {
        // GIVEN a trait already moved on to version 2
        Persona persona = persona(List.of(trait("warmth", 0.4)));
        repository.create(persona);
        TraitChange first = change(persona.id(), "warmth", TraitAction.SET, 0.5, 0.4, 0.5, CREATED.plusSeconds(1));
        assertThat(repository.saveTrait(persona.id(), trait("warmth", 0.5), 1, first)).isTrue();

        // WHEN a writer that read version 1 tries to save
        TraitChange stale = change(persona.id(), "warmth", TraitAction.SET, 0.9, 0.4, 0.9, CREATED.plusSeconds(2));
        boolean saved = repository.saveTrait(persona.id(), trait("warmth", 0.9), 1, stale);

        // THEN neither the trait nor the audit trail changed
        assertThat(saved).isFalse();
        assertThat(repository.findTrait(persona.id(), "warmth")).contains(new VersionedTrait(trait("warmth", 0.5), 2));
        assertThat(repository.traitHistory(persona.id(), "warmth")).containsExactly(first);
    }

    @Test
    void saveTraitExpectingNoTraitFailsWhenThePersonaAlreadyOwnsIt() {
        // GIVEN
        Persona persona = persona(List.of(trait("warmth", 0.4)));
        repository.create(persona);
        TraitChange change = change(persona.id(), "warmth", TraitAction.SET, 0.9, 0.7, 0.9, CREATED.plusSeconds(1));

        // WHEN
        boolean saved = repository.saveTrait(persona.id(), trait("warmth", 0.9), 0, change);

        // THEN
        assertThat(saved).isFalse();
        assertThat(repository.findTrait(persona.id(), "warmth")).contains(new VersionedTrait(trait("warmth", 0.4), 1));
        assertThat(repository.traitHistory(persona.id(), "warmth")).isEmpty();
    }

    @Test
    void saveTraitExpectingAVersionFailsWhenThePersonaDoesNotOwnTheTrait() {
        // GIVEN
        Persona persona = persona(List.of());
        repository.create(persona);
        TraitChange change = change(persona.id(), "empathy", TraitAction.SET, 0.9, 0.7, 0.9, CREATED.plusSeconds(1));

        // WHEN
        boolean saved = repository.saveTrait(persona.id(), trait("empathy", 0.9), 3, change);

        // THEN
        assertThat(saved).isFalse();
        assertThat(repository.findTrait(persona.id(), "empathy")).isEmpty();
        assertThat(repository.traitHistory(persona.id(), "empathy")).isEmpty();
    }

    @Test
    void saveTraitExpectingNoTraitAddsAnOwnTraitAfterTheCreatedOnes() {
        // GIVEN a persona that only inherits "empathy"
        Persona persona = persona(List.of(trait("warmth", 0.4), trait("bravery", 0.6)));
        repository.create(persona);
        TraitChange change = change(persona.id(), "empathy", TraitAction.INCREASE, 0.1, 0.7, 0.8, CREATED.plusSeconds(1));

        // WHEN it gets its own value
        boolean saved = repository.saveTrait(persona.id(), trait("empathy", 0.8), 0, change);

        // THEN
        assertThat(saved).isTrue();
        assertThat(repository.findTrait(persona.id(), "empathy")).contains(new VersionedTrait(trait("empathy", 0.8), 1));
        assertThat(repository.find(persona.id()).orElseThrow().traits())
                .containsExactly(trait("warmth", 0.4), trait("bravery", 0.6), trait("empathy", 0.8));
        assertThat(repository.traitHistory(persona.id(), "empathy")).containsExactly(change);
    }

    @Test
    void historyIsOldestFirstAndKeepsTraitsWhoseIdsShareAPrefixApart() {
        // GIVEN changes to "a" and "ab", at instants printed with different precision
        Persona persona = persona(List.of(trait("a", 0.1), trait("ab", 0.1)));
        repository.create(persona);
        TraitChange a1 = change(persona.id(), "a", TraitAction.INCREASE, 0.1, 0.1, 0.2, Instant.parse("2024-05-02T00:00:01Z"));
        TraitChange ab1 = change(persona.id(), "ab", TraitAction.SET, 0.5, 0.1, 0.5, Instant.parse("2024-05-02T00:00:01.200Z"));
        TraitChange a2 = change(persona.id(), "a", TraitAction.DECREASE, 0.05, 0.2, 0.15, Instant.parse("2024-05-02T00:00:01.500Z"));
        TraitChange a3 = change(persona.id(), "a", TraitAction.SET, 1.0, 0.15, 1.0, Instant.parse("2024-05-02T00:00:02.000000001Z"));

        // WHEN
        assertThat(repository.saveTrait(persona.id(), trait("a", 0.2), 1, a1)).isTrue();
        assertThat(repository.saveTrait(persona.id(), trait("ab", 0.5), 1, ab1)).isTrue();
        assertThat(repository.saveTrait(persona.id(), trait("a", 0.15), 2, a2)).isTrue();
        assertThat(repository.saveTrait(persona.id(), trait("a", 1.0), 3, a3)).isTrue();

        // THEN
        assertThat(repository.traitHistory(persona.id(), "a")).containsExactly(a1, a2, a3);
        assertThat(repository.traitHistory(persona.id(), "ab")).containsExactly(ab1);
        assertThat(repository.traitHistory(persona.id(), "abc")).isEmpty();
        assertThat(repository.find(persona.id()).orElseThrow().traits())
                .containsExactly(trait("a", 1.0), trait("ab", 0.5));
    }

    @Test
    void personasDoNotShareTraitsOrHistory() {
        // GIVEN two personas with the same trait id
        Persona first = persona(List.of(trait("warmth", 0.4)));
        Persona second = persona(List.of(trait("warmth", 0.4)));
        repository.create(first);
        repository.create(second);

        // WHEN only the first changes
        TraitChange change = change(first.id(), "warmth", TraitAction.SET, 0.9, 0.4, 0.9, CREATED.plusSeconds(1));
        assertThat(repository.saveTrait(first.id(), trait("warmth", 0.9), 1, change)).isTrue();

        // THEN
        assertThat(repository.findTrait(second.id(), "warmth")).contains(new VersionedTrait(trait("warmth", 0.4), 1));
        assertThat(repository.traitHistory(second.id(), "warmth")).isEmpty();
    }

    @Test
    void listByCreatorIsNewestFirstTiesByIdDescendingAndOnlyThatCreators() {
        // GIVEN a creator's personas created at different instants, two in the same one, and another creator's
        String creator = "creator-" + Ids.random();
        Persona oldest = owned(creator, "m-" + Ids.random(), CREATED);
        Persona tiedLow = owned(creator, "a-" + Ids.random(), CREATED.plusMillis(1500));
        Persona tiedHigh = owned(creator, "b-" + Ids.random(), CREATED.plusMillis(1500));
        Persona newest = owned(creator, "c-" + Ids.random(), CREATED.plusSeconds(86_400 * 400L));
        Persona others = owned("creator-" + Ids.random(), "z-" + Ids.random(), CREATED.plusSeconds(5));
        for (Persona p : List.of(tiedLow, others, oldest, newest, tiedHigh)) {
            repository.create(p);
        }

        // WHEN
        PersonaPage page = repository.listByCreator(creator, 100, null);

        // THEN every field of the summaries, in order, and no next page
        assertThat(page.personas()).containsExactly(PersonaSummary.of(newest), PersonaSummary.of(tiedHigh),
                PersonaSummary.of(tiedLow), PersonaSummary.of(oldest));
        assertThat(page.personas().get(0).description()).isEqualTo("A patient tutor");
        assertThat(page.personas().get(0).createdAt()).isEqualTo(newest.createdAt());
        assertThat(page.next()).isNull();
        assertThat(repository.listByCreator(others.creatorId(), 100, null).personas())
                .containsExactly(PersonaSummary.of(others));
    }

    @Test
    void listByCreatorPagesFollowOnWithoutGapsOrRepeatsAndTheLastSaysSo() {
        // GIVEN five personas, some in the same instant
        String creator = "creator-" + Ids.random();
        List<Persona> created = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Persona p = owned(creator, i + "-" + Ids.random(), CREATED.plusSeconds(i / 2));
            repository.create(p);
            created.add(p);
        }
        List<PersonaSummary> expected = created.stream().map(PersonaSummary::of)
                .sorted(PersonaCursor.NEWEST_FIRST).toList();

        // WHEN read two at a time
        PersonaPage first = repository.listByCreator(creator, 2, null);
        PersonaPage second = repository.listByCreator(creator, 2, first.next());
        PersonaPage third = repository.listByCreator(creator, 2, second.next());

        // THEN
        assertThat(first.personas()).containsExactlyElementsOf(expected.subList(0, 2));
        assertThat(first.next()).isEqualTo(expected.get(1).cursor());
        assertThat(second.personas()).containsExactlyElementsOf(expected.subList(2, 4));
        assertThat(third.personas()).containsExactlyElementsOf(expected.subList(4, 5));
        assertThat(third.next()).isNull();
        // AND a page that ends exactly at the last persona says there is no more
        PersonaPage all = repository.listByCreator(creator, 5, null);
        assertThat(all.personas()).containsExactlyElementsOf(expected);
        assertThat(all.next()).isNull();
        // AND a cursor of a persona that is not stored still places the page by time and id
        PersonaCursor between = new PersonaCursor(expected.get(2).createdAt(), expected.get(2).id() + "0");
        assertThat(repository.listByCreator(creator, 10, between).personas())
                .containsExactlyElementsOf(expected.subList(2, 5));
    }

    @Test
    void listByCreatorOfACreatorWithoutPersonasIsEmpty() {
        PersonaPage page = repository.listByCreator("creator-" + Ids.random(), 20, null);
        assertThat(page.personas()).isEmpty();
        assertThat(page.next()).isNull();
    }

    private static Persona owned(String creatorId, String id, Instant createdAt) {
        return new Persona(id, "Persona " + id, "A patient tutor", creatorId, List.of(trait("warmth", 0.5)), createdAt);
    }

    protected static Persona persona(List<Trait> traits) {
        return new Persona(Ids.random(), "Ada", "A patient tutor", "creator-1", traits, CREATED);
    }

    protected static Trait trait(String id, double intensity) {
        return new Trait(id, "Trait " + id, "What " + id + " means", intensity, false);
    }

    protected static TraitChange change(String personaId, String traitId, TraitAction action, double amount,
                                        double before, double after, Instant at) {
        return new TraitChange(Ids.random(), personaId, traitId, action, amount, before, after, "user-7", at);
    }
}
