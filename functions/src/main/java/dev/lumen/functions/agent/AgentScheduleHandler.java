package dev.lumen.functions.agent;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.lumen.domain.agent.AgentCycles;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.agent.Trigger;
import dev.lumen.domain.agent.WorkKind;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.config.Environment;
import dev.lumen.functions.observability.Invocation;
import dev.lumen.functions.priming.Priming;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's EventBridge schedule: only enqueues the work, keyed by the event's {@code time} (the
 * scheduled time), so a duplicate invocation for the same time queues work the worker runs once.
 * {@code LUMEN_AGENT} names the agent ({@code guardian}, …, or {@code all} for every agent) and
 * {@code LUMEN_AGENT_WORK} what to do ({@code cycle}, the default, or {@code exam}). Both are read
 * when the handler is built: the local runner shows each function its own variables only then.
 *
 * @return the queued run ids
 */
public final class AgentScheduleHandler implements RequestHandler<ScheduledEvent, List<String>> {
    private static final Logger LOG = LoggerFactory.getLogger(AgentScheduleHandler.class);

    private final AgentCycles cycles;
    private final List<AgentType> agents;
    private final WorkKind kind;

    public AgentScheduleHandler() {
        this(Components.instance().agentCycles(), agents(Environment.required("LUMEN_AGENT")),
                kind(Environment.optional("LUMEN_AGENT_WORK").orElse("cycle")));
        Priming.register(this);
    }

    AgentScheduleHandler(AgentCycles cycles, List<AgentType> agents, WorkKind kind) {
        this.cycles = cycles;
        this.agents = List.copyOf(agents);
        this.kind = kind;
    }

    @Override
    public List<String> handleRequest(ScheduledEvent event, Context context) {
        return Invocation.scheduled(context, "AgentSchedule", () -> enqueue(event));
    }

    private List<String> enqueue(ScheduledEvent event) {
        if (event == null || event.getTime() == null) {
            // Without the scheduled time there is no idempotency key: refuse rather than run twice.
            throw new IllegalArgumentException("a scheduled event carries its time; this one has none");
        }
        Instant scheduled = Instant.ofEpochMilli(event.getTime().getMillis());
        List<String> queued = new ArrayList<>();
        for (AgentType agent : agents) {
            queued.add(cycles.request(agent, kind, Trigger.SCHEDULE, scheduled).key());
        }
        LOG.atInfo().setMessage("agent work queued").addKeyValue("agents", agents).addKeyValue("kind", kind)
                .addKeyValue("scheduledTime", scheduled).log();
        return queued;
    }

    static List<AgentType> agents(String value) {
        if (value.strip().equalsIgnoreCase("all")) {
            return List.of(AgentType.values());
        }
        try {
            return List.of(AgentType.parse("LUMEN_AGENT", value));
        } catch (RuntimeException e) {
            throw new IllegalStateException("LUMEN_AGENT must be imperium, guardian, sandbox, conquest or all, not '"
                    + value + "'", e);
        }
    }

    static WorkKind kind(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "cycle" -> WorkKind.CYCLE;
            case "exam" -> WorkKind.EXAM;
            default -> throw new IllegalStateException("LUMEN_AGENT_WORK must be cycle or exam, not '" + value + "'");
        };
    }
}
