package dev.lumen.adapter.dynamodb;

import dev.lumen.contract.ConversationRepositoryContract;
import dev.lumen.domain.chat.ConversationRepository;
import dev.lumen.testing.LocalDynamoDb;
import java.time.Clock;
import java.time.Duration;

class DynamoDbConversationRepositoryTest extends ConversationRepositoryContract {
    private static final String TABLE = LocalDynamoDb.newTable();

    @Override
    protected ConversationRepository newRepository() {
        return new DynamoDbConversationRepository(LocalDynamoDb.client(), TABLE, Duration.ofDays(30), Clock.systemUTC());
    }
}
