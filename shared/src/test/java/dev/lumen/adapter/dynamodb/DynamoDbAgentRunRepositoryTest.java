package dev.lumen.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.contract.AgentRunRepositoryContract;
import dev.lumen.domain.agent.AgentRun;
import dev.lumen.domain.agent.AgentRunRepository;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.testing.LocalDynamoDb;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbAgentRunRepositoryTest extends AgentRunRepositoryContract {
    @Override
    protected AgentRunRepository newRepository() {
        // A table per case: the contract's agents are the four fixed types, so cases must not share one.
        return new DynamoDbAgentRunRepository(LocalDynamoDb.client(), LocalDynamoDb.newTable());
    }

    @Test
    void aRunExpiresNinetyDaysAfterItStartedWhetherRunningOrFinished() {
        // GIVEN a run starting at a future time (DynamoDB Local really deletes items whose TTL has passed)
        String table = LocalDynamoDb.newTable();
        DynamoDbAgentRunRepository runs = new DynamoDbAgentRunRepository(LocalDynamoDb.client(), table);
        Instant at = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
        AgentRun run = started(AgentType.SANDBOX, "sandbox-cycle-ttl", at);
        long expected = at.plus(Duration.ofDays(90)).getEpochSecond();

        // WHEN it starts, THEN
        runs.start(run, at.minus(Duration.ofMinutes(5)));
        assertThat(expiresAt(table, run)).isEqualTo(expected);

        // WHEN it finishes, THEN still counted from its start
        runs.finish(run.finish(at.plusSeconds(40), AgentRun.Outcome.SUCCEEDED, 3, 1, List.of(), "ok"));
        assertThat(expiresAt(table, run)).isEqualTo(expected);
    }

    @Test
    void theRetentionIsConfigurable() {
        String table = LocalDynamoDb.newTable();
        Instant at = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
        AgentRun run = started(AgentType.GUARDIAN, "guardian-cycle-ttl", at);

        new DynamoDbAgentRunRepository(LocalDynamoDb.client(), table, Duration.ofDays(14))
                .start(run, at.minus(Duration.ofMinutes(5)));

        assertThat(expiresAt(table, run)).isEqualTo(at.plus(Duration.ofDays(14)).getEpochSecond());
    }

    private static long expiresAt(String table, AgentRun run) {
        Map<String, AttributeValue> item = LocalDynamoDb.client().getItem(r -> r.tableName(table).consistentRead(true)
                .key(AttributeValues.key(LumenTable.agentPk(run.agent().slug()), LumenTable.agentRunSk(run.runId()))))
                .item();
        assertThat(item).isNotEmpty();
        return Long.parseLong(item.get(LumenTable.EXPIRES_AT).n());
    }
}
