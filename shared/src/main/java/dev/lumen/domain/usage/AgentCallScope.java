package dev.lumen.domain.usage;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Whose agent work the model calls made on this thread are for: the agent, the run (the work's
 * idempotency key) and, while a custody test is answered or graded, the test. {@link AgentModelMeter}
 * reads it to charge the agent and to give each call a receipt id that a redelivery of the same run
 * reproduces: {@code agent:{runId}:{purpose}:{testId}:{n}}, n counting calls of that purpose on that
 * test within the run (Sandbox answers one test once per variant).
 *
 * <p>A thread-local, so the call sites (examination answers, rubric grading, experiments, transfer
 * measurements) need not pass a run id through every signature: agent work runs on the worker's
 * thread from start to end (a Lambda invocation, or one queue poller locally), and nothing in it
 * fans out to other threads. {@link #run} restores what was there before, so scopes nest.
 */
public final class AgentCallScope {
    private static final ThreadLocal<AgentCallScope> CURRENT = new ThreadLocal<>();

    private final String agent;
    private final String runId;
    private final Map<String, Integer> calls = new HashMap<>();
    private String subject;

    private AgentCallScope(String agent, String runId) {
        this.agent = Objects.requireNonNull(agent, "agent");
        this.runId = Objects.requireNonNull(runId, "runId");
    }

    /** Runs {@code work} with its model calls charged to {@code agent} under {@code runId}. */
    public static <T> T run(String agent, String runId, Supplier<T> work) {
        AgentCallScope outer = CURRENT.get();
        CURRENT.set(new AgentCallScope(agent, runId));
        try {
            return work.get();
        } finally {
            restore(outer);
        }
    }

    /**
     * Runs {@code call} with its model calls about {@code subject} (a custody test id); outside an
     * agent's work it just runs it.
     */
    public static <T> T about(String subject, Supplier<T> call) {
        AgentCallScope scope = CURRENT.get();
        if (scope == null) {
            return call.get();
        }
        String outer = scope.subject;
        scope.subject = subject;
        try {
            return call.get();
        } finally {
            scope.subject = outer;
        }
    }

    /** The scope of this thread's agent work, or null outside one. */
    static AgentCallScope current() {
        return CURRENT.get();
    }

    String agent() {
        return agent;
    }

    String runId() {
        return runId;
    }

    /** The receipt id of the next call of this purpose ({@code answer}, {@code grade}, …) on the current subject. */
    String nextReceipt(String purpose) {
        String about = subject == null ? "-" : subject;
        String key = purpose.toLowerCase(Locale.ROOT) + ":" + about;
        int n = calls.merge(key, 1, Integer::sum);
        return "agent:" + runId + ":" + key + ":" + n;
    }

    private static void restore(AgentCallScope outer) {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }
}
