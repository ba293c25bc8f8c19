package dev.lumen.local.docker;

import dev.lumen.adapter.dynamodb.DynamoDbConversationRepository;
import dev.lumen.adapter.dynamodb.DynamoDbLearningRepository;
import dev.lumen.contract.ConversationRepositoryContract;
import dev.lumen.domain.chat.ConversationRepository;
import dev.lumen.domain.learning.LearningRepository;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The conversation repository's contract (transactions, gsi1 queries, expiresAt) against the init
 * script's table in LocalStack.
 */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
class LocalStackConversationRepositoryTest extends ConversationRepositoryContract {

    @Override
    protected ConversationRepository newRepository() {
        return new DynamoDbConversationRepository(LocalStackResources.dynamoDb(), LocalStackNames.TABLE,
                Duration.ofDays(30), Clock.systemUTC());
    }

    @Override
    protected LearningRepository learningOver(ConversationRepository repository) {
        return new DynamoDbLearningRepository(LocalStackResources.dynamoDb(), LocalStackNames.TABLE, Clock.systemUTC());
    }
}
