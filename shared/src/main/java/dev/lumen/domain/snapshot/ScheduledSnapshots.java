package dev.lumen.domain.snapshot;

import dev.lumen.domain.activity.Activity;
import dev.lumen.domain.activity.ActivityFeed;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.error.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schedule's run: snapshots what changed recently, cheaply.
 *
 * <p>Candidates come from the activity feed, not from a scan: the personas and users of the chat
 * turns and answers in the window (a chat turn is what changes a user's learned state, and what the
 * learner and agents change personas after), plus the four agents (a fixed, tiny set). Each
 * candidate is then snapshotted only if its encoded state's checksum differs from its newest
 * snapshot, so an overlapping window, a late or repeated run, or an active-but-unchanged persona
 * stores nothing. A trait changed through the API on a persona nobody chats with is not in the feed:
 * it is caught the next time the persona is active, or by an on-demand snapshot.
 */
public final class ScheduledSnapshots {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledSnapshots.class);
    /** How many feed entries one run reads at most (a busy window yields fewer distinct ids than this). */
    static final int FEED_LIMIT = 10_000;

    private final Snapshots snapshots;
    private final ActivityFeed feed;
    private final Clock clock;

    public ScheduledSnapshots(Snapshots snapshots, ActivityFeed feed, Clock clock) {
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What one run did: versions stored, candidates unchanged (or with nothing to snapshot), candidates that failed. */
    public record Summary(List<Snapshot> taken, int unchanged, int failed) {
        public Summary {
            taken = List.copyOf(taken);
        }
    }

    /** Snapshots the candidates active in the last {@code window} (the schedule passes twice its period). */
    public Summary run(Duration window) {
        Instant now = clock.instant();
        TreeSet<String> personas = new TreeSet<>();
        TreeSet<String> users = new TreeSet<>();
        for (Activity activity : feed.between(now.minus(window), now, FEED_LIMIT)) {
            if (activity.personaId() != null) {
                personas.add(activity.personaId());
            }
            if (activity.userId() != null) {
                users.add(activity.userId());
            }
        }
        List<Snapshot> taken = new ArrayList<>();
        int[] unchanged = {0};
        int[] failed = {0};
        personas.forEach(id -> one(SnapshotKind.PERSONA, id, taken, unchanged, failed));
        users.forEach(id -> one(SnapshotKind.USER, id, taken, unchanged, failed));
        for (AgentType agent : AgentType.values()) {
            one(SnapshotKind.AGENT, agent.slug(), taken, unchanged, failed);
        }
        LOG.info("scheduled snapshots taken={} unchanged={} failed={}", taken.size(), unchanged[0], failed[0]);
        return new Summary(taken, unchanged[0], failed[0]);
    }

    private void one(SnapshotKind kind, String id, List<Snapshot> taken, int[] unchanged, int[] failed) {
        try {
            snapshots.takeIfChanged(kind, id).ifPresentOrElse(taken::add, () -> unchanged[0]++);
        } catch (NotFoundException e) {
            // Active but nothing stored yet (a user whose first turn is still being learned from).
            unchanged[0]++;
        } catch (RuntimeException e) {
            // One bad candidate must not stop the others; the next run tries it again.
            LOG.warn("scheduled snapshot failed kind={} id={}", kind.slug(), id, e);
            failed[0]++;
        }
    }
}
