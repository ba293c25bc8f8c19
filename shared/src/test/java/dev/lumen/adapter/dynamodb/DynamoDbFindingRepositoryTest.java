package dev.lumen.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.contract.FindingRepositoryContract;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.agent.Finding;
import dev.lumen.domain.agent.FindingKind;
import dev.lumen.domain.agent.FindingRepository;
import dev.lumen.testing.LocalDynamoDb;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbFindingRepositoryTest extends FindingRepositoryContract {
    @Override
    protected FindingRepository newRepository() {
        return new DynamoDbFindingRepository(LocalDynamoDb.client(), LocalDynamoDb.newTable());
    }

    @Test
    void aFindingExpiresNinetyDaysAfterItWasFoundByDefault() {
        // GIVEN a finding from a future time (DynamoDB Local really deletes items whose TTL has passed)
        String table = LocalDynamoDb.newTable();
        Instant at = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
        Finding finding = finding(AgentType.GUARDIAN, "run-ttl", 0, FindingKind.SECURITY, at);

        // WHEN
        new DynamoDbFindingRepository(LocalDynamoDb.client(), table).saveAll(List.of(finding));

        // THEN
        assertThat(expiresAt(table, finding)).isEqualTo(at.plus(Duration.ofDays(90)).getEpochSecond());
    }

    @Test
    void theRetentionIsConfigurable() {
        // GIVEN
        String table = LocalDynamoDb.newTable();
        Instant at = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
        Finding finding = finding(AgentType.CONQUEST, "run-ttl", 1, FindingKind.RECOMMENDATION, at);

        // WHEN kept for a week
        new DynamoDbFindingRepository(LocalDynamoDb.client(), table, Duration.ofDays(7)).saveAll(List.of(finding));

        // THEN
        assertThat(expiresAt(table, finding)).isEqualTo(at.plus(Duration.ofDays(7)).getEpochSecond());
    }

    private static long expiresAt(String table, Finding finding) {
        Map<String, AttributeValue> item = LocalDynamoDb.client().getItem(r -> r.tableName(table).consistentRead(true)
                .key(AttributeValues.key(LumenTable.findingPk(finding.agent().slug(), finding.id()), LumenTable.FINDING)))
                .item();
        assertThat(item).isNotEmpty();
        return Long.parseLong(item.get(LumenTable.EXPIRES_AT).n());
    }
}
