package dev.lumen.adapter.dynamodb;

import static dev.lumen.adapter.dynamodb.AttributeValues.instant;
import static dev.lumen.adapter.dynamodb.AttributeValues.integer;
import static dev.lumen.adapter.dynamodb.AttributeValues.n;
import static dev.lumen.adapter.dynamodb.AttributeValues.s;
import static dev.lumen.adapter.dynamodb.AttributeValues.string;

import dev.lumen.domain.custody.CustodyCategory;
import dev.lumen.domain.custody.ExamTranscripts;
import dev.lumen.domain.custody.Tier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link ExamTranscripts} on the single table: one item per examination
 * ({@code CUSTODY#{agent} / TRANSCRIPT#{runId}}), its answers a list of maps. Answers are trimmed
 * to {@link ExamTranscripts#MAX_ANSWER_CHARS} and feedback to {@link ExamTranscripts#MAX_FEEDBACK_CHARS},
 * so even a run of the largest tier (8 categories × about 5 tests) stays far below DynamoDB's
 * 400 KB item limit (about 50 KB at worst). Put only if absent: the first delivery of a run wins.
 * Transcripts expire (TTL) after {@link #DEFAULT_RETENTION}: only an agent's latest ones are read
 * back, and examinations on a schedule would otherwise pile up without bound.
 */
public final class DynamoDbExamTranscripts implements ExamTranscripts {
    public static final java.time.Duration DEFAULT_RETENTION = java.time.Duration.ofDays(30);

    private final DynamoDbClient client;
    private final String tableName;
    private final java.time.Duration retention;

    public DynamoDbExamTranscripts(DynamoDbClient client, String tableName) {
        this(client, tableName, DEFAULT_RETENTION);
    }

    public DynamoDbExamTranscripts(DynamoDbClient client, String tableName, java.time.Duration retention) {
        this.client = client;
        this.tableName = tableName;
        this.retention = retention;
    }

    @Override
    public Transcript saveIfAbsent(Transcript transcript) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(LumenTable.PK, s(LumenTable.custodyPk(transcript.agent())));
        item.put(LumenTable.SK, s(LumenTable.custodyTranscriptSk(transcript.runId())));
        item.put(LumenTable.TYPE, s("CUSTODY_TRANSCRIPT"));
        item.put("agent", s(transcript.agent()));
        item.put("runId", s(transcript.runId()));
        item.put("at", AttributeValues.instant(transcript.at()));
        item.put("xpBefore", n(transcript.xpBefore()));
        item.put(LumenTable.EXPIRES_AT, n(transcript.at().plus(retention).getEpochSecond()));
        item.put("answers", AttributeValue.fromL(transcript.answers().stream().map(a -> {
            Map<String, AttributeValue> answer = new HashMap<>();
            answer.put("testId", s(a.testId()));
            answer.put("category", s(a.category().name()));
            answer.put("tier", s(a.tier().name()));
            answer.put("score", n(a.score()));
            answer.put("passed", AttributeValue.fromBool(a.passed()));
            answer.put("feedback", s(a.feedback()));
            answer.put("xp", n(a.xpEarned()));
            answer.put("answer", s(a.answer()));
            return AttributeValue.fromM(answer);
        }).toList()));
        if (PutIfAbsent.put(client, tableName, item)) {
            return transcript;
        } else {
            return find(transcript.agent(), transcript.runId())
                    .orElseThrow(() -> new IllegalStateException("transcript vanished after a conditional put failed"));
        }
    }

    @Override
    public Optional<Transcript> find(String agent, String runId) {
        Map<String, AttributeValue> item = client.getItem(r -> r.tableName(tableName).consistentRead(true)
                .key(AttributeValues.key(LumenTable.custodyPk(agent), LumenTable.custodyTranscriptSk(runId)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        List<Answer> answers = item.get("answers").l().stream().map(AttributeValue::m).map(a -> new Answer(
                string(a, "testId"), CustodyCategory.valueOf(string(a, "category")), Tier.valueOf(string(a, "tier")),
                Double.parseDouble(a.get("score").n()), Boolean.TRUE.equals(a.get("passed").bool()),
                string(a, "feedback"), integer(a, "xp"), string(a, "answer"))).toList();
        return Optional.of(new Transcript(string(item, "agent"), string(item, "runId"), instant(item, "at"),
                integer(item, "xpBefore"), answers));
    }
}
