package dev.lumen.adapter.dynamodb;

import static dev.lumen.adapter.dynamodb.AttributeValues.instant;
import static dev.lumen.adapter.dynamodb.AttributeValues.integer;
import static dev.lumen.adapter.dynamodb.AttributeValues.n;
import static dev.lumen.adapter.dynamodb.AttributeValues.s;
import static dev.lumen.adapter.dynamodb.AttributeValues.string;

import dev.lumen.domain.custody.CustodyCategory;
import dev.lumen.domain.custody.CustodyExam;
import dev.lumen.domain.custody.CustodyRepository;
import dev.lumen.domain.custody.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link CustodyRepository} on the single table (see {@link LumenTable}): an agent's partition
 * holds its standing and its runs in time order. A run is recorded in one transaction with the
 * standing's update: the run is put only if absent (a redelivered examination changes nothing)
 * and its XP is added atomically, so concurrent runs never lose experience.
 */
public final class DynamoDbCustodyRepository implements CustodyRepository {
    private static final String XP = "xp";
    private static final String ELIGIBLE = "eligible";
    private static final String LAST_RUN_AT = "lastRunAt";

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbCustodyRepository(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    @Override
    public AgentRecord agent(String agent) {
        Map<String, AttributeValue> item = client.getItem(r -> r.tableName(tableName).consistentRead(true)
                .key(AttributeValues.key(LumenTable.custodyPk(agent), LumenTable.CUSTODY_STANDING))).item();
        if (item == null || item.isEmpty()) {
            return AgentRecord.newcomer(agent);
        }
        return new AgentRecord(new CustodyExam.Standing(agent, integer(item, XP)),
                Boolean.TRUE.equals(item.get(ELIGIBLE).bool()), instant(item, LAST_RUN_AT));
    }

    @Override
    public boolean record(String runId, Instant at, CustodyExam.Result result) {
        RunSummary run = CustodyRepository.summary(runId, at, result);
        String pk = LumenTable.custodyPk(run.agent());
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(LumenTable.PK, s(pk));
        item.put(LumenTable.SK, s(LumenTable.custodyRunSk(at, runId)));
        item.put(LumenTable.TYPE, s("CUSTODY_RUN"));
        item.put("runId", s(runId));
        item.put("agent", s(run.agent()));
        item.put("at", AttributeValues.instant(at));
        item.put("tier", s(run.tier().name()));
        item.put("passRate", n(run.passRate()));
        item.put("xpEarned", n(run.xpEarned()));
        item.put("levelAfter", n((long) run.levelAfter()));
        item.put(ELIGIBLE, AttributeValue.fromBool(run.eligible()));
        Map<String, AttributeValue> scores = new HashMap<>();
        run.categoryScores().forEach((category, score) -> scores.put(category.name(), n(score)));
        item.put("categories", AttributeValue.fromM(scores));
        List<TransactWriteItem> writes = List.of(
                TransactWriteItem.builder().put(p -> p.tableName(tableName).item(item)
                        .conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", LumenTable.PK))).build(),
                TransactWriteItem.builder().update(u -> u.tableName(tableName)
                        .key(AttributeValues.key(pk, LumenTable.CUSTODY_STANDING))
                        .updateExpression("SET #type = :type, #eligible = :eligible, #last = :last ADD #xp :xp")
                        .expressionAttributeNames(Map.of("#type", LumenTable.TYPE, "#eligible", ELIGIBLE,
                                "#last", LAST_RUN_AT, "#xp", XP))
                        .expressionAttributeValues(Map.of(":type", s("CUSTODY_STANDING"),
                                ":eligible", AttributeValue.fromBool(run.eligible()),
                                ":last", AttributeValues.instant(at), ":xp", n(run.xpEarned())))).build());
        try {
            client.transactWriteItems(r -> r.transactItems(writes));
            return true;
        } catch (TransactionCanceledException e) {
            if (TransactionFailures.conditionFailed(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public List<RunSummary> runs(String agent, int limit) {
        List<RunSummary> runs = new ArrayList<>();
        client.query(PrefixQuery.of(tableName, LumenTable.custodyPk(agent), LumenTable.CUSTODY_RUN_PREFIX)
                .scanIndexForward(false).limit(Math.max(1, limit)).build()).items().forEach(item -> {
            Map<CustodyCategory, Double> scores = new EnumMap<>(CustodyCategory.class);
            item.get("categories").m().forEach((name, score) ->
                    scores.put(CustodyCategory.valueOf(name), Double.parseDouble(score.n())));
            runs.add(new RunSummary(string(item, "runId"), string(item, "agent"), instant(item, "at"),
                    Tier.valueOf(string(item, "tier")), Double.parseDouble(item.get("passRate").n()),
                    integer(item, "xpEarned"), (int) integer(item, "levelAfter"),
                    Boolean.TRUE.equals(item.get(ELIGIBLE).bool()), scores));
        });
        return List.copyOf(runs);
    }
}
