package dev.lumen.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.domain.persona.CoreTraits;
import dev.lumen.domain.persona.NewPersona;
import dev.lumen.domain.persona.PersonaService;
import dev.lumen.domain.persona.Trait;
import dev.lumen.domain.persona.TraitAction;
import dev.lumen.domain.persona.TraitChange;
import dev.lumen.domain.persona.TraitUpdate;
import dev.lumen.testing.LocalDynamoDb;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The trait-update use case with the real adapter: optimistic concurrency against a real store. */
class PersonaServiceOnDynamoDbTest {
    private static final String TABLE = LocalDynamoDb.newTable();

    private final DynamoDbPersonaRepository repository = new DynamoDbPersonaRepository(LocalDynamoDb.client(), TABLE);
    private final PersonaService service = new PersonaService(repository, CoreTraits.defaults(), Clock.systemUTC());

    @Test
    void fiftyConcurrentIncreasesLoseNoUpdate() throws Exception {
        // GIVEN a trait at 0.30
        String personaId = service.create(new NewPersona(null, "Ada", "A patient tutor", null,
                List.of(new NewPersona.NewTrait("focus", "Focus", "Stays on topic", 0.30)))).id();

        // WHEN 50 writers increase it by 0.01 at once, from 16 threads
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Trait>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                TraitUpdate update = new TraitUpdate(personaId, "focus", TraitAction.INCREASE, 0.01, "writer-" + i);
                results.add(pool.submit(() -> service.updateTrait(update)));
            }
            for (Future<Trait> result : results) {
                result.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        // THEN every increase landed, exactly once
        Trait focus = service.get(personaId).traits().stream().filter(t -> t.id().equals("focus")).findFirst().orElseThrow();
        assertThat(focus.intensity()).isEqualTo(0.80);
        assertThat(repository.findTrait(personaId, "focus").orElseThrow().version()).isEqualTo(51);
        // AND the audit trail has one record per update, each starting where the previous ended
        List<TraitChange> history = service.history(personaId, "focus");
        assertThat(history).hasSize(50);
        assertThat(history).extracting(TraitChange::actor).doesNotHaveDuplicates();
        assertThat(history.get(0).before()).isEqualTo(0.30);
        assertThat(history.get(49).after()).isEqualTo(0.80);
        for (int i = 1; i < history.size(); i++) {
            assertThat(history.get(i).before()).as("record %d starts where %d ended", i, i - 1)
                    .isEqualTo(history.get(i - 1).after());
        }
    }
}
