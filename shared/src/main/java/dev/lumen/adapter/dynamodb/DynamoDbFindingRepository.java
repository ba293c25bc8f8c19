package dev.lumen.adapter.dynamodb;

import static dev.lumen.adapter.dynamodb.AttributeValues.instant;
import static dev.lumen.adapter.dynamodb.AttributeValues.n;
import static dev.lumen.adapter.dynamodb.AttributeValues.s;
import static dev.lumen.adapter.dynamodb.AttributeValues.string;

import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.agent.Finding;
import dev.lumen.domain.agent.FindingKind;
import dev.lumen.domain.agent.FindingRepository;
import dev.lumen.domain.agent.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@link FindingRepository} on the single table (see {@link LumenTable}): one item per finding in
 * its own partition ({@code FINDING#{agent}#{id}}), so saving is a plain put that replaces a copy of
 * the same id (a redelivered cycle's findings), sent in batches; indexed in the GSI under
 * {@code FINDINGS#{agent}} by time, so an agent's findings list newest first with one Query (the
 * time bound in the key condition, the kind as a filter). Every agent's findings together are the
 * four agents' newest merged.
 *
 * <p>Findings carry {@link LumenTable#EXPIRES_AT}: DynamoDB deletes each {@code retention} after it
 * was found (default {@link #DEFAULT_RETENTION}). A finding is a report on a window long gone by
 * then, and agents on 15–45 minute schedules would otherwise fill the table without bound.
 */
public final class DynamoDbFindingRepository implements FindingRepository {
    /** How long a finding is kept unless configured ({@code LUMEN_FINDINGS_RETENTION_DAYS}). */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);
    private static final String ID = "findingId";
    private static final String AGENT = "agent";
    private static final String RUN_ID = "runId";
    private static final String KIND = "kind";
    private static final String SEVERITY = "severity";
    private static final String TITLE = "title";
    private static final String DETAIL = "detail";
    private static final String EVIDENCE = "evidence";
    private static final String AT = "at";

    private final DynamoDbClient client;
    private final String tableName;
    private final Duration retention;

    public DynamoDbFindingRepository(DynamoDbClient client, String tableName) {
        this(client, tableName, DEFAULT_RETENTION);
    }

    /** @param retention how long after its time a finding expires */
    public DynamoDbFindingRepository(DynamoDbClient client, String tableName, Duration retention) {
        this.client = client;
        this.tableName = tableName;
        this.retention = retention;
    }

    @Override
    public void saveAll(List<Finding> findings) {
        // One write per id: BatchWriteItem refuses two requests for the same key in one batch.
        Map<String, Finding> unique = new LinkedHashMap<>();
        findings.forEach(f -> unique.put(LumenTable.findingPk(f.agent().slug(), f.id()), f));
        List<WriteRequest> writes = unique.values().stream()
                .map(f -> WriteRequest.builder().putRequest(p -> p.item(item(f, retention))).build()).toList();
        Partitions.write(client, tableName, writes);
    }

    @Override
    public List<Finding> list(AgentType agent, FindingKind kind, Instant since, int limit) {
        List<AgentType> agents = agent == null ? List.of(AgentType.values()) : List.of(agent);
        List<Finding> found = new ArrayList<>();
        for (AgentType each : agents) {
            found.addAll(listOf(each, kind, since, Math.max(1, limit)));
        }
        return found.stream()
                .sorted(Comparator.comparing(Finding::at).thenComparing(Finding::id).reversed())
                .limit(Math.max(1, limit)).toList();
    }

    private List<Finding> listOf(AgentType agent, FindingKind kind, Instant since, int limit) {
        Map<String, String> names = new HashMap<>(Map.of("#gpk", LumenTable.GSI1_PK));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":gpk", s(LumenTable.findingsGsiPk(agent.slug()))));
        String condition = "#gpk = :gpk";
        if (since != null) {
            names.put("#gsk", LumenTable.GSI1_SK);
            values.put(":since", s(LumenTable.sortableInstant(since)));
            condition += " AND #gsk >= :since";
        }
        QueryRequest.Builder query = QueryRequest.builder().tableName(tableName).indexName(LumenTable.GSI1)
                .keyConditionExpression(condition).scanIndexForward(false);
        if (kind != null) {
            names.put("#kind", KIND);
            values.put(":kind", s(kind.name()));
            query.filterExpression("#kind = :kind");
        }
        QueryRequest request = query.expressionAttributeNames(names).expressionAttributeValues(values).build();
        List<Finding> found = new ArrayList<>();
        // A filtered page may hold fewer than the limit: follow the pages until there are enough.
        for (Map<String, AttributeValue> item : client.queryPaginator(request).items()) {
            found.add(finding(item));
            if (found.size() == limit) {
                break;
            }
        }
        return found;
    }

    private static Map<String, AttributeValue> item(Finding f, Duration retention) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(LumenTable.PK, s(LumenTable.findingPk(f.agent().slug(), f.id())));
        item.put(LumenTable.SK, s(LumenTable.FINDING));
        item.put(LumenTable.GSI1_PK, s(LumenTable.findingsGsiPk(f.agent().slug())));
        item.put(LumenTable.GSI1_SK, s(LumenTable.sortableInstant(f.at()) + "#" + f.id()));
        item.put(LumenTable.TYPE, s("FINDING"));
        item.put(ID, s(f.id()));
        item.put(AGENT, s(f.agent().slug()));
        item.put(RUN_ID, s(f.runId()));
        item.put(KIND, s(f.kind().name()));
        item.put(SEVERITY, s(f.severity().name()));
        item.put(TITLE, s(f.title()));
        item.put(DETAIL, s(f.detail()));
        Map<String, AttributeValue> evidence = new HashMap<>();
        f.evidence().forEach((key, value) -> evidence.put(key, s(value)));
        item.put(EVIDENCE, AttributeValue.fromM(evidence));
        item.put(AT, instant(f.at()));
        item.put(LumenTable.EXPIRES_AT, n(f.at().plus(retention).getEpochSecond()));
        return item;
    }

    private static Finding finding(Map<String, AttributeValue> item) {
        Map<String, String> evidence = new HashMap<>();
        AttributeValue stored = item.get(EVIDENCE);
        if (stored != null && stored.hasM()) {
            stored.m().forEach((key, value) -> evidence.put(key, value.s()));
        }
        return new Finding(string(item, ID), AgentType.valueOf(string(item, AGENT).toUpperCase(Locale.ROOT)),
                string(item, RUN_ID), FindingKind.valueOf(string(item, KIND)), Severity.valueOf(string(item, SEVERITY)),
                string(item, TITLE), string(item, DETAIL), evidence, instant(item, AT));
    }
}
