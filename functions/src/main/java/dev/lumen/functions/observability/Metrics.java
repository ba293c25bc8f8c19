package dev.lumen.functions.observability;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Lumen's operational metrics, written as CloudWatch EMF lines to stdout ({@link EmfLine}), in the
 * {@value #NAMESPACE} namespace. Each metric is published per {@code Service} (the stack's
 * {@code LUMEN_METRICS_SERVICE}, e.g. {@code lumen-dev}, so two stages in one account stay apart)
 * and, where one more dimension earns its cost, per route, model, queue, severity or budget scope.
 * Ids (request, user, creator) travel as properties: searchable, never a metric of their own.
 *
 * <table>
 * <caption>Metrics</caption>
 * <tr><th>Metric</th><th>Unit</th><th>Dimension sets</th></tr>
 * <tr><td>Latency, Errors4xx, Errors5xx</td><td>ms, Count</td><td>[Service], [Service, Route]</td></tr>
 * <tr><td>InputTokens, OutputTokens, CostUsd</td><td>Count, None</td><td>[Service], [Service, Model]</td></tr>
 * <tr><td>Escalations</td><td>Count</td><td>[Service], [Service, Severity]</td></tr>
 * <tr><td>QueueLag</td><td>ms</td><td>[Service, Queue]</td></tr>
 * <tr><td>Latency, Errors (invocations that are not API requests)</td><td>ms, Count</td><td>[Service, Kind], [Service, Kind, Handler]</td></tr>
 * <tr><td>BudgetUse</td><td>None (fraction of one budget)</td><td>[Service, Budget]</td></tr>
 * </table>
 *
 * <p>Errors are 0 or 1 on every request line, so their Average is the error rate and their Sum the count.
 */
public final class Metrics {
    public static final String NAMESPACE = "Lumen";
    /** Set by Lambda (and {@code sam local}); the in-process local runner has no such variable. */
    private static final boolean IN_LAMBDA = System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null;
    /** {@code -Dlumen.metrics=emf} writes the lines outside Lambda too (tests, a curious local run). */
    public static final String ENABLE_PROPERTY = "lumen.metrics";
    private static final Metrics STANDARD = new Metrics(serviceFromEnvironment(),
            () -> IN_LAMBDA || "emf".equals(System.getProperty(ENABLE_PROPERTY)) ? System.out : null,
            System::currentTimeMillis);

    private final String service;
    private final Supplier<PrintStream> out;
    private final LongSupplier clock;

    /** @param out where each line goes, asked per line; null from it means metrics are off */
    public Metrics(String service, Supplier<PrintStream> out, LongSupplier clock) {
        this.service = service;
        this.out = out;
        this.clock = clock;
    }

    /**
     * The container's metrics: stdout, which Lambda sends to CloudWatch Logs. Outside Lambda they
     * are off unless {@link #ENABLE_PROPERTY} asks, so the local runner's console stays readable.
     */
    public static Metrics standard() {
        return STANDARD;
    }

    private static String serviceFromEnvironment() {
        String service = System.getenv("LUMEN_METRICS_SERVICE");
        return service == null || service.isBlank() ? "lumen" : service;
    }

    private EmfLine line() {
        return new EmfLine(NAMESPACE).dimension("Service", service);
    }

    private void emit(EmfLine line) {
        PrintStream stream = out.get();
        if (stream == null) {
            return;
        }
        String function = Invocation.get(Invocation.FUNCTION);
        line.property("function", function).property("requestId", Invocation.get(Invocation.REQUEST_ID));
        stream.println(line.toJson(clock.getAsLong()));
    }

    /** One API request: its latency and whether it ended in a 4xx or a 5xx. */
    public void request(String route, int status, long latencyMs) {
        emit(line().dimension("Route", route).dimensionSet("Service").dimensionSet("Service", "Route")
                .metric("Latency", latencyMs, EmfLine.Unit.Milliseconds)
                .metric("Errors4xx", status >= 400 && status < 500 ? 1 : 0, EmfLine.Unit.Count)
                .metric("Errors5xx", status >= 500 ? 1 : 0, EmfLine.Unit.Count)
                .property("status", status));
    }

    /**
     * One invocation that is not an API request (a schedule, a worker batch, a WebSocket event, the
     * authorizer): its latency and whether it failed. {@code Kind} keeps these apart from the API's
     * [Service] latency the p99 alarm watches; {@code Errors} is 0 or 1, so its Average is the failure rate.
     */
    public void invocation(String kind, String handler, boolean failed, long latencyMs) {
        emit(line().dimension("Kind", kind).dimension("Handler", handler)
                .dimensionSet("Service", "Kind").dimensionSet("Service", "Kind", "Handler")
                .metric("Latency", latencyMs, EmfLine.Unit.Milliseconds)
                .metric("Errors", failed ? 1 : 0, EmfLine.Unit.Count));
    }

    /** One model call: tokens in and out, and what it cost at the configured prices. */
    public void modelCall(String model, int inputTokens, int outputTokens, BigDecimal costUsd) {
        emit(line().dimension("Model", model).dimensionSet("Service").dimensionSet("Service", "Model")
                .metric("InputTokens", inputTokens, EmfLine.Unit.Count)
                .metric("OutputTokens", outputTokens, EmfLine.Unit.Count)
                .metric("CostUsd", costUsd == null ? 0 : costUsd.doubleValue(), EmfLine.Unit.None));
    }

    /** An escalation handed to the people who follow up. */
    public void escalation(String severity, String tenant) {
        emit(line().dimension("Severity", severity).dimensionSet("Service").dimensionSet("Service", "Severity")
                .metric("Escalations", 1, EmfLine.Unit.Count).property("tenant", tenant));
    }

    /** How long the oldest message of a batch waited in its queue before this receive. */
    public void queueLag(String queue, long lagMs, int messages) {
        emit(line().dimension("Queue", queue).dimensionSet("Service", "Queue")
                .metric("QueueLag", lagMs, EmfLine.Unit.Milliseconds).property("messages", messages));
    }

    /**
     * How much of one budget an account has spent (1.0 = used up), seen when the budget is checked
     * before a model call. {@code budget} names it ({@link BudgetGauge.Budget}, e.g.
     * {@code user-monthly}): one metric per budget the ledger enforces, so one alarm covers them all.
     * The creator's or agent's id is a property (a user's is not written: usage detail is erasable,
     * logs are not).
     */
    public void budgetUse(BudgetGauge.Budget budget, double fraction, String accountId) {
        EmfLine line = line().dimension("Budget", budget.dimension()).dimensionSet("Service", "Budget")
                .metric("BudgetUse", fraction, EmfLine.Unit.None);
        switch (budget.kind()) {
            case CREATOR -> line.property("creatorId", accountId);
            case AGENT -> line.property("agent", accountId);
            default -> { }
        }
        emit(line);
    }
}
