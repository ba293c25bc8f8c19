package dev.lumen.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.contract.TypingRepositoryContract;
import dev.lumen.domain.Ids;
import dev.lumen.domain.presence.TypingRepository;
import dev.lumen.domain.presence.TypingStatus;
import dev.lumen.testing.LocalDynamoDb;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbTypingRepositoryTest extends TypingRepositoryContract {
    private static final String TABLE = LocalDynamoDb.newTable();

    @Override
    protected TypingRepository newRepository() {
        return new DynamoDbTypingRepository(LocalDynamoDb.client(), TABLE);
    }

    @Test
    void theTtlAttributeIsTheExpiryRoundedUpToAWholeSecond() {
        // GIVEN an expiry between two seconds
        String sessionId = Ids.random();
        Instant expiry = Instant.ofEpochSecond(Instant.now().getEpochSecond() + 60, 1);

        // WHEN
        newRepository().put(new TypingStatus(sessionId, "ann", true, expiry));

        // THEN TTL never removes it early, and the GSI orders it by its exact expiry
        Map<String, AttributeValue> item = LocalDynamoDb.client().getItem(r -> r.tableName(TABLE)
                .key(AttributeValues.key(LumenTable.typingPk(sessionId), LumenTable.typingSk("ann")))).item();
        assertThat(item.get(LumenTable.EXPIRES_AT).n()).isEqualTo(Long.toString(expiry.getEpochSecond() + 1));
        assertThat(item.get(LumenTable.GSI1_PK).s()).isEqualTo("TYPING");
        assertThat(item.get(LumenTable.GSI1_SK).s()).isEqualTo(LumenTable.typingGsiSk(expiry, sessionId, "ann"));
    }
}
