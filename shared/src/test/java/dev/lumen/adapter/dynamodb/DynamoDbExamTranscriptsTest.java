package dev.lumen.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.contract.ExamTranscriptsContract;
import dev.lumen.domain.custody.CustodyCategory;
import dev.lumen.domain.custody.ExamTranscripts;
import dev.lumen.domain.custody.Tier;
import dev.lumen.testing.LocalDynamoDb;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DynamoDbExamTranscriptsTest extends ExamTranscriptsContract {
    private static final String TABLE = LocalDynamoDb.newTable();

    @Override
    protected ExamTranscripts newTranscripts() {
        return new DynamoDbExamTranscripts(LocalDynamoDb.client(), TABLE);
    }

    @Test
    void aTranscriptExpiresAfterTheRetention() {
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        newTranscripts().saveIfAbsent(new ExamTranscripts.Transcript("agent-ttl", "run-1", at, 0, List.of(
                new ExamTranscripts.Answer("t-1", CustodyCategory.CODE_QUALITY, Tier.BASIC, 1, true, "ok", 10, "A."))));

        var item = LocalDynamoDb.client().getItem(r -> r.tableName(TABLE)
                .key(AttributeValues.key(LumenTable.custodyPk("agent-ttl"), LumenTable.custodyTranscriptSk("run-1")))).item();

        assertThat(Long.parseLong(item.get(LumenTable.EXPIRES_AT).n()))
                .isEqualTo(at.plus(DynamoDbExamTranscripts.DEFAULT_RETENTION).getEpochSecond());
    }
}
