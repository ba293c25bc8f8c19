package dev.lumen.functions.snapshot;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.lumen.domain.snapshot.ScheduledSnapshots;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.config.SnapshotConfig;
import dev.lumen.functions.observability.Invocation;
import dev.lumen.functions.priming.Priming;
import java.time.Duration;

/**
 * Runs on the template's {@code SnapshotSchedule} (default every 5 minutes): snapshots the personas
 * and users active in the last two periods and the four agents, each only if it changed since its
 * newest snapshot, pruning to the newest {@code LUMEN_SNAPSHOT_KEEP}.
 */
public final class SnapshotScheduleHandler implements RequestHandler<ScheduledEvent, SnapshotScheduleHandler.Result> {
    private final ScheduledSnapshots schedule;
    private final Duration window;

    public SnapshotScheduleHandler() {
        this(Components.instance().scheduledSnapshots(), SnapshotConfig.fromEnvironment().window());
        Priming.register(this);
    }

    SnapshotScheduleHandler(ScheduledSnapshots schedule, Duration window) {
        this.schedule = schedule;
        this.window = window;
    }

    /** What the run did, as the invocation's result (visible in the console and the local runner's log). */
    public record Result(int taken, int unchanged, int failed) {
    }

    @Override
    public Result handleRequest(ScheduledEvent event, Context context) {
        return Invocation.scheduled(context, "SnapshotSchedule", () -> {
            ScheduledSnapshots.Summary summary = schedule.run(window);
            return new Result(summary.taken().size(), summary.unchanged(), summary.failed());
        });
    }
}
