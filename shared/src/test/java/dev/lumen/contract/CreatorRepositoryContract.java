package dev.lumen.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.domain.Ids;
import dev.lumen.domain.knowledge.Creator;
import dev.lumen.domain.knowledge.CreatorRepository;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CreatorRepository} must do. An adapter's test extends this class and says how
 * to build the adapter; the cases use fresh random ids, so a subclass may share one store between
 * them.
 */
public abstract class CreatorRepositoryContract {
    private static final Instant UPDATED = Instant.parse("2024-05-01T10:15:30.123456789Z");

    private CreatorRepository repository;

    /** A repository for one test case. */
    protected abstract CreatorRepository newRepository();

    @BeforeEach
    void createRepository() {
        repository = newRepository();
    }

    @Test
    void findReturnsTheSavedCreatorWithEveryField() {
        // GIVEN text beyond ASCII and several lines, as creators write it
        Creator creator = new Creator(Ids.random(), "Zoë Ångström 王", "Sleep & recovery coaching",
                "1. Track.\n2. Reflect.\n3. Adjust — weekly.", "Warm, direct; uses 🙂 sparingly", UPDATED);

        // WHEN
        repository.save(creator);

        // THEN
        assertThat(repository.find(creator.creatorId())).contains(creator);
    }

    @Test
    void anUnknownCreatorIsNotFound() {
        assertThat(repository.find(Ids.random())).isEmpty();
    }

    @Test
    void creatorsAreKeptApart() {
        // GIVEN
        Creator first = creator(Ids.random(), "First");
        Creator second = creator(Ids.random(), "Second");

        // WHEN
        repository.save(first);
        repository.save(second);

        // THEN
        assertThat(repository.find(first.creatorId())).contains(first);
        assertThat(repository.find(second.creatorId())).contains(second);
    }

    @Test
    void saveReplacesTheProfile() {
        // GIVEN
        Creator before = creator(Ids.random(), "Before");
        repository.save(before);
        Creator after = new Creator(before.creatorId(), "After", "Nutrition", "Small steps",
                "Playful", UPDATED.plusSeconds(60));

        // WHEN
        repository.save(after);

        // THEN
        assertThat(repository.find(before.creatorId())).contains(after);
    }

    private static Creator creator(String creatorId, String name) {
        return new Creator(creatorId, name, "Strength training", "Progressive overload", "Calm", UPDATED);
    }
}
