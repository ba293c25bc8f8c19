package dev.lumen.adapter.dynamodb;

import dev.lumen.contract.InteractionStores;
import dev.lumen.testing.LocalDynamoDb;
import java.time.Clock;
import java.time.Duration;

/** The conversation, pending and learning adapters over one table of the shared DynamoDB Local. */
final class DynamoDbStores {
    static final Duration RETENTION = Duration.ofDays(30);

    private DynamoDbStores() {
    }

    static InteractionStores over(String table) {
        Clock clock = Clock.systemUTC();
        return new InteractionStores(
                new DynamoDbConversationRepository(LocalDynamoDb.client(), table, RETENTION, clock),
                new DynamoDbPendingInteractions(LocalDynamoDb.client(), table, clock),
                new DynamoDbLearningRepository(LocalDynamoDb.client(), table, clock));
    }
}
