package dev.lumen.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.domain.Ids;
import dev.lumen.domain.activity.Activity;
import dev.lumen.domain.activity.ActivityFeed;
import dev.lumen.domain.activity.ActivityKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ActivityFeed} must do. Each case gets an empty feed. */
public abstract class ActivityFeedContract {
    /**
     * The last nanosecond of the hour before this one: recent enough that a TTL-enforcing store
     * (DynamoDB Local deletes expired items, lazily) keeps the entries, and next to an hour boundary.
     */
    private static final Instant T0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS).minusNanos(1);

    private ActivityFeed feed;

    /** An empty feed for one test case. */
    protected abstract ActivityFeed newFeed();

    @BeforeEach
    void createFeed() {
        feed = newFeed();
    }

    /** A chat turn at {@code at}. */
    public static Activity turn(String id, Instant at, String model, long latencyMs, boolean error) {
        return new Activity(id, ActivityKind.CHAT_TURN, at, "coach-sleep", "persona-ada", "user-1", "session-1",
                "POST /api/chat", model, latencyMs, 120, 40, 0.00012, error, Map.of("userMessageId", "m-" + id));
    }

    @Test
    void anEntryReadsBackExactlyIncludingOptionalFieldsLeftOut() {
        // GIVEN
        Activity chat = turn(Ids.random(), T0, "amazon.nova-lite-v1:0", 850, false);
        Activity ingest = new Activity(Ids.random(), ActivityKind.DOCUMENT_INGESTED, T0.plusMillis(1), "coach-sleep",
                null, null, null, "ingest-worker", null, 0, 0, 0, 0, false, Map.of());

        // WHEN
        feed.record(chat);
        feed.record(ingest);

        // THEN
        assertThat(feed.between(T0.minusSeconds(1), T0.plusSeconds(1), 10)).containsExactly(chat, ingest);
    }

    @Test
    void replacingAnEntryLeavesOnlyTheNewOne() {
        // GIVEN a rating entry
        String id = "feedback-" + Ids.random();
        Activity first = new Activity(id, ActivityKind.FEEDBACK, T0, null, "persona-ada", "user-1", "session-1",
                "POST /api/messages/{messageId}/feedback", "m", 0, 0, 0, 0, false, Map.of("rating", "2"));
        Activity second = new Activity(id, ActivityKind.FEEDBACK, T0.plusSeconds(2), null, "persona-ada", "user-1",
                "session-1", "POST /api/messages/{messageId}/feedback", "m", 0, 0, 0, 0, false, Map.of("rating", "5"));
        feed.replace(null, first);

        // WHEN it is replaced by a later one (across an hour boundary)
        feed.replace(first, second);

        // THEN only the new entry is read
        assertThat(feed.between(T0.minusSeconds(1), T0.plusSeconds(5), 10)).containsExactly(second);
    }

    @Test
    void theSameIdRecordedAgainIsKeptOnce() {
        Activity chat = turn(Ids.random(), T0, "m", 10, false);
        feed.record(chat);
        feed.record(turn(chat.id(), T0, "other-model", 99, true));
        assertThat(feed.between(T0, T0.plusSeconds(1), 10)).containsExactly(chat);
    }

    @Test
    void aWindowIsHalfOpenOldestFirstAcrossHoursAndLimited() {
        // GIVEN entries on both sides of an hour boundary and at the window's edges
        Activity atFrom = turn("a-" + Ids.random(), T0.minus(Duration.ofMinutes(90)), "m", 1, false);
        Activity before = turn("b-" + Ids.random(), atFrom.at().minusNanos(1), "m", 1, false);
        Activity lastOfHour = turn("c-" + Ids.random(), T0, "m", 1, false);
        Activity firstOfNext = turn("d-" + Ids.random(), T0.plusNanos(1), "m", 1, false);
        Activity later = turn("e-" + Ids.random(), T0.plus(Duration.ofHours(2)), "m", 1, false);
        Instant to = later.at();
        Activity atTo = turn("f-" + Ids.random(), to, "m", 1, false);
        for (Activity a : new Activity[] {later, atTo, firstOfNext, before, lastOfHour, atFrom}) {
            feed.record(a);
        }

        // WHEN / THEN
        assertThat(feed.between(atFrom.at(), to, 10)).extracting(Activity::id)
                .containsExactly(atFrom.id(), lastOfHour.id(), firstOfNext.id());
        assertThat(feed.between(atFrom.at(), to.plusNanos(1), 10)).extracting(Activity::id)
                .containsExactly(atFrom.id(), lastOfHour.id(), firstOfNext.id(), later.id(), atTo.id());
        assertThat(feed.between(atFrom.at(), to, 2)).extracting(Activity::id)
                .containsExactly(atFrom.id(), lastOfHour.id());
        assertThat(feed.between(to, to, 10)).isEmpty();
        assertThat(feed.between(to, atFrom.at(), 10)).isEmpty();
    }

    @Test
    void aWindowLongerThanTheMaximumIsReadFromItsLastPart() {
        Activity old = turn("old-" + Ids.random(), T0.minus(ActivityFeed.MAX_WINDOW).minusSeconds(60), "m", 1, false);
        Activity recent = turn("new-" + Ids.random(), T0.minusSeconds(60), "m", 1, false);
        feed.record(old);
        feed.record(recent);
        assertThat(feed.between(T0.minus(Duration.ofDays(30)), T0, 10)).extracting(Activity::id).containsExactly(recent.id());
    }

    @Test
    void erasingAUserRemovesTheirEntriesOnly() {
        // GIVEN two entries of user-1, one of user-2, one without a user
        Activity first = turn("a-" + Ids.random(), T0, "m", 1, false);
        Activity second = turn("b-" + Ids.random(), T0.plus(Duration.ofHours(5)), "m", 1, false);
        Activity other = new Activity("c-" + Ids.random(), ActivityKind.CHAT_TURN, T0, "coach-sleep", "persona-ada",
                "user-2", "session-2", "POST /api/chat", "m", 1, 1, 1, 0, false, Map.of());
        Activity ingest = new Activity("d-" + Ids.random(), ActivityKind.DOCUMENT_INGESTED, T0, "coach-sleep", null, null,
                null, "ingest-worker", null, 0, 0, 0, 0, false, Map.of());
        for (Activity a : new Activity[] {first, second, other, ingest}) {
            feed.record(a);
        }

        // WHEN
        int erased = feed.eraseUser("user-1");

        // THEN
        assertThat(erased).isEqualTo(2);
        assertThat(feed.between(T0.minusSeconds(1), T0.plus(Duration.ofHours(6)), 10)).extracting(Activity::id)
                .containsExactlyInAnyOrder(other.id(), ingest.id());
        assertThat(feed.eraseUser("user-1")).isZero();
    }
}
