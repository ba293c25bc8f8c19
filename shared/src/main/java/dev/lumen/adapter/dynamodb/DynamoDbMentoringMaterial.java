package dev.lumen.adapter.dynamodb;

import static dev.lumen.adapter.dynamodb.AttributeValues.decimal;
import static dev.lumen.adapter.dynamodb.AttributeValues.instant;
import static dev.lumen.adapter.dynamodb.AttributeValues.integer;
import static dev.lumen.adapter.dynamodb.AttributeValues.n;
import static dev.lumen.adapter.dynamodb.AttributeValues.optionalInstant;
import static dev.lumen.adapter.dynamodb.AttributeValues.s;
import static dev.lumen.adapter.dynamodb.AttributeValues.string;

import dev.lumen.domain.custody.CustodyCategory;
import dev.lumen.domain.custody.MentoringMaterial;
import dev.lumen.domain.custody.WorkedExample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@link MentoringMaterial} on the single table, in the agent's custody partition: one item per
 * taught example ({@code MATERIAL#{CATEGORY}#{testId}}, so teaching the same test again replaces
 * it and a category is one prefix query) and one per transfer received ({@code TRANSFER#{runId}#{CATEGORY}},
 * put only if absent).
 */
public final class DynamoDbMentoringMaterial implements MentoringMaterial {
    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbMentoringMaterial(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    @Override
    public List<WorkedExample> examples(String agent, CustodyCategory category) {
        List<WorkedExample> examples = new ArrayList<>();
        for (Map<String, AttributeValue> item : Partitions.items(client,
                PrefixQuery.of(tableName, LumenTable.custodyPk(agent), LumenTable.materialPrefix(category.name())))) {
            examples.add(new WorkedExample(string(item, "testId"), category, string(item, "question"),
                    string(item, "answer"), string(item, "taughtBy"), optionalInstant(item, "taughtAt")));
        }
        return List.copyOf(examples);
    }

    @Override
    public void add(String agent, List<WorkedExample> examples) {
        List<WriteRequest> puts = new ArrayList<>();
        Map<String, WorkedExample> unique = new java.util.LinkedHashMap<>();
        examples.forEach(e -> unique.put(e.testId(), e));
        for (WorkedExample example : unique.values()) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put(LumenTable.PK, s(LumenTable.custodyPk(agent)));
            item.put(LumenTable.SK, s(LumenTable.materialSk(example.category().name(), example.testId())));
            item.put(LumenTable.TYPE, s("CUSTODY_MATERIAL"));
            item.put("testId", s(example.testId()));
            item.put("question", s(example.question()));
            item.put("answer", s(example.answer()));
            item.put("taughtBy", s(example.taughtBy()));
            if (example.taughtAt() != null) {
                item.put("taughtAt", AttributeValues.instant(example.taughtAt()));
            }
            puts.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
        }
        Partitions.write(client, tableName, puts);
    }

    @Override
    public void record(Transfer transfer) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(LumenTable.PK, s(LumenTable.custodyPk(transfer.student())));
        item.put(LumenTable.SK, s(LumenTable.transferSk(transfer.runId(), transfer.category().name())));
        item.put(LumenTable.TYPE, s("CUSTODY_TRANSFER"));
        item.put("runId", s(transfer.runId()));
        item.put("at", AttributeValues.instant(transfer.at()));
        item.put("mentor", s(transfer.mentor()));
        item.put("student", s(transfer.student()));
        item.put("category", s(transfer.category().name()));
        item.put("examples", n((long) transfer.examples()));
        item.put("scoreBefore", n(transfer.scoreBefore()));
        item.put("scoreAfter", n(transfer.scoreAfter()));
        PutIfAbsent.put(client, tableName, item); // false: recorded by an earlier delivery of the same cycle
    }

    @Override
    public List<Transfer> transfers(String student, int limit) {
        List<Transfer> transfers = new ArrayList<>();
        for (Map<String, AttributeValue> item : Partitions.items(client,
                PrefixQuery.of(tableName, LumenTable.custodyPk(student), LumenTable.TRANSFER_PREFIX))) {
            transfers.add(new Transfer(string(item, "runId"), instant(item, "at"), string(item, "mentor"),
                    string(item, "student"), CustodyCategory.valueOf(string(item, "category")),
                    (int) integer(item, "examples"), decimal(item, "scoreBefore"), decimal(item, "scoreAfter")));
        }
        transfers.sort(Comparator.comparing(Transfer::at).thenComparing(t -> t.category().name()).reversed());
        return List.copyOf(transfers.subList(0, Math.min(Math.max(0, limit), transfers.size())));
    }
}
