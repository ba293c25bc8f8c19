package dev.lumen.adapter.dynamodb;

import static dev.lumen.adapter.dynamodb.AttributeValues.instant;
import static dev.lumen.adapter.dynamodb.AttributeValues.integer;
import static dev.lumen.adapter.dynamodb.AttributeValues.n;
import static dev.lumen.adapter.dynamodb.AttributeValues.optionalInstant;
import static dev.lumen.adapter.dynamodb.AttributeValues.s;
import static dev.lumen.adapter.dynamodb.AttributeValues.string;
import static dev.lumen.adapter.dynamodb.AttributeValues.stringList;
import static dev.lumen.adapter.dynamodb.AttributeValues.strings;

import dev.lumen.domain.agent.AgentRun;
import dev.lumen.domain.agent.AgentRunRepository;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.agent.Trigger;
import dev.lumen.domain.agent.WorkKind;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link AgentRunRepository} on the single table (see {@link LumenTable}): one item per run, keyed
 * by agent and run id so that starting a run is one conditional put (absent, or RUNNING since
 * before the retake bound), and indexed in the GSI by start time so an agent's runs list newest
 * first with one Query. {@code startedAt} is stored in the fixed-width sortable form, which
 * {@link Instant#parse} reads back and a condition can compare as text.
 *
 * <p>Runs carry {@link LumenTable#EXPIRES_AT}: DynamoDB deletes each {@code retention} after it
 * started (default {@link #DEFAULT_RETENTION}). Status and success rates read only the latest runs,
 * and with four agents on 15–45 minute schedules runs would otherwise pile up without bound.
 */
public final class DynamoDbAgentRunRepository implements AgentRunRepository {
    /** How long a run record is kept unless configured. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);
    private static final String RUN_ID = "runId";
    private static final String AGENT = "agent";
    private static final String KIND = "kind";
    private static final String TRIGGER = "trigger";
    private static final String REQUESTED_AT = "requestedAt";
    private static final String STARTED_AT = "startedAt";
    private static final String ENDED_AT = "endedAt";
    private static final String OUTCOME = "outcome";
    private static final String ITEMS_READ = "itemsRead";
    private static final String ITEMS_WRITTEN = "itemsWritten";
    private static final String ERRORS = "errors";
    private static final String SUMMARY = "summary";

    private final DynamoDbClient client;
    private final String tableName;
    private final Duration retention;

    public DynamoDbAgentRunRepository(DynamoDbClient client, String tableName) {
        this(client, tableName, DEFAULT_RETENTION);
    }

    /** @param retention how long after its start a run record expires */
    public DynamoDbAgentRunRepository(DynamoDbClient client, String tableName, Duration retention) {
        this.client = client;
        this.tableName = tableName;
        this.retention = retention;
    }

    @Override
    public boolean start(AgentRun run, Instant retakeBefore) {
        try {
            client.putItem(r -> r.tableName(tableName).item(item(run, retention))
                    .conditionExpression("attribute_not_exists(#pk) OR (#outcome = :running AND #startedAt < :bound)")
                    .expressionAttributeNames(Map.of("#pk", LumenTable.PK, "#outcome", OUTCOME, "#startedAt", STARTED_AT))
                    .expressionAttributeValues(Map.of(":running", s(AgentRun.Outcome.RUNNING.name()),
                            ":bound", s(LumenTable.sortableInstant(retakeBefore)))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void finish(AgentRun run) {
        client.putItem(r -> r.tableName(tableName).item(item(run, retention)));
    }

    @Override
    public List<AgentRun> runs(AgentType agent, int limit) {
        return client.query(q -> q.tableName(tableName).indexName(LumenTable.GSI1)
                        .keyConditionExpression("#gpk = :gpk")
                        .expressionAttributeNames(Map.of("#gpk", LumenTable.GSI1_PK))
                        .expressionAttributeValues(Map.of(":gpk", s(LumenTable.agentRunsGsiPk(agent.slug()))))
                        .scanIndexForward(false).limit(Math.max(1, limit)))
                .items().stream().map(DynamoDbAgentRunRepository::run).toList();
    }

    private static Map<String, AttributeValue> item(AgentRun run, Duration retention) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(LumenTable.PK, s(LumenTable.agentPk(run.agent().slug())));
        item.put(LumenTable.SK, s(LumenTable.agentRunSk(run.runId())));
        item.put(LumenTable.GSI1_PK, s(LumenTable.agentRunsGsiPk(run.agent().slug())));
        item.put(LumenTable.GSI1_SK, s(LumenTable.sortableInstant(run.startedAt()) + "#" + run.runId()));
        item.put(LumenTable.TYPE, s("AGENT_RUN"));
        item.put(RUN_ID, s(run.runId()));
        item.put(AGENT, s(run.agent().slug()));
        item.put(KIND, s(run.kind().name()));
        item.put(TRIGGER, s(run.trigger().name()));
        item.put(REQUESTED_AT, instant(run.requestedAt()));
        item.put(STARTED_AT, s(LumenTable.sortableInstant(run.startedAt())));
        if (run.endedAt() != null) {
            item.put(ENDED_AT, instant(run.endedAt()));
        }
        item.put(OUTCOME, s(run.outcome().name()));
        item.put(ITEMS_READ, n((long) run.itemsRead()));
        item.put(ITEMS_WRITTEN, n((long) run.itemsWritten()));
        item.put(ERRORS, strings(run.errors()));
        item.put(SUMMARY, s(run.summary()));
        item.put(LumenTable.EXPIRES_AT, n(run.startedAt().plus(retention).getEpochSecond()));
        return item;
    }

    private static AgentRun run(Map<String, AttributeValue> item) {
        return new AgentRun(string(item, RUN_ID), AgentType.valueOf(string(item, AGENT).toUpperCase(Locale.ROOT)),
                WorkKind.valueOf(string(item, KIND)), Trigger.valueOf(string(item, TRIGGER)),
                instant(item, REQUESTED_AT), instant(item, STARTED_AT), optionalInstant(item, ENDED_AT),
                AgentRun.Outcome.valueOf(string(item, OUTCOME)), (int) integer(item, ITEMS_READ),
                (int) integer(item, ITEMS_WRITTEN), stringList(item, ERRORS), string(item, SUMMARY));
    }
}
