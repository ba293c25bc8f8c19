package dev.lumen.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.domain.Ids;
import dev.lumen.domain.presence.TypingRepository;
import dev.lumen.domain.presence.TypingStatus;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TypingRepository} must do. Cases use fresh random ids, so a subclass may share
 * one store between them.
 */
public abstract class TypingRepositoryContract {
    /** In the future, so a store with real TTL keeps the items while the case runs. */
    private static final Instant NOW = Instant.now().plusSeconds(3_600).plusNanos(123_456_789);

    private TypingRepository repository;

    /** A repository for one test case. */
    protected abstract TypingRepository newRepository();

    @BeforeEach
    void createRepository() {
        repository = newRepository();
    }

    @Test
    void aUserIsTypingUntilTheIndicatorExpires() {
        // GIVEN
        String sessionId = Ids.random();
        TypingStatus status = new TypingStatus(sessionId, "ann", true, NOW.plusSeconds(10));

        // WHEN
        repository.put(status);

        // THEN it is live up to, not at, its expiry
        assertThat(repository.typing(sessionId, NOW)).containsExactly(status);
        assertThat(repository.typing(sessionId, NOW.plusSeconds(10).minusNanos(1))).containsExactly(status);
        assertThat(repository.typing(sessionId, NOW.plusSeconds(10))).isEmpty();
    }

    @Test
    void typingFalseClearsTheIndicator() {
        // GIVEN
        String sessionId = Ids.random();
        repository.put(new TypingStatus(sessionId, "ann", true, NOW.plusSeconds(10)));

        // WHEN
        repository.put(new TypingStatus(sessionId, "ann", false, NOW.plusSeconds(10)));

        // THEN
        assertThat(repository.typing(sessionId, NOW)).isEmpty();
    }

    @Test
    void aRenewedIndicatorLastsLongerAndIsListedOnce() {
        // GIVEN
        String sessionId = Ids.random();
        repository.put(new TypingStatus(sessionId, "ann", true, NOW.plusSeconds(10)));
        TypingStatus renewed = new TypingStatus(sessionId, "ann", true, NOW.plusSeconds(15));

        // WHEN
        repository.put(renewed);

        // THEN
        assertThat(repository.typing(sessionId, NOW.plusSeconds(12))).containsExactly(renewed);
    }

    @Test
    void eachSessionListsItsOwnLiveUsersOnly() {
        // GIVEN two users typing in one session, one whose indicator lapsed, and a user elsewhere
        String sessionId = Ids.random();
        String otherSession = Ids.random();
        TypingStatus ann = new TypingStatus(sessionId, "ann", true, NOW.plusSeconds(10));
        TypingStatus bob = new TypingStatus(sessionId, "bob", true, NOW.plusSeconds(5));
        repository.put(bob);
        repository.put(ann);
        repository.put(new TypingStatus(sessionId, "cat", true, NOW.minusSeconds(1)));
        repository.put(new TypingStatus(otherSession, "dan", true, NOW.plusSeconds(10)));

        // WHEN / THEN (ordered by user)
        assertThat(repository.typing(sessionId, NOW)).containsExactly(ann, bob);
        assertThat(repository.typing(otherSession, NOW)).extracting(TypingStatus::userId).containsExactly("dan");
        assertThat(repository.typing(Ids.random(), NOW)).isEmpty();
    }
}
