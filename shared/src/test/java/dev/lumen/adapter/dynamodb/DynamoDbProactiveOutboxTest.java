package dev.lumen.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.contract.ProactiveOutboxContract;
import dev.lumen.domain.Ids;
import dev.lumen.domain.proactive.Channel;
import dev.lumen.domain.proactive.ProactiveMessage;
import dev.lumen.domain.proactive.ProactiveOutbox;
import dev.lumen.domain.proactive.ProactiveState;
import dev.lumen.domain.proactive.Trigger;
import dev.lumen.domain.proactive.TriggerType;
import dev.lumen.testing.LocalDynamoDb;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbProactiveOutboxTest extends ProactiveOutboxContract {
    private static final String TABLE = LocalDynamoDb.newTable();

    @Override
    protected ProactiveOutbox newOutbox() {
        return new DynamoDbProactiveOutbox(LocalDynamoDb.client(), TABLE);
    }

    @Test
    void aMessageIsOneItemInTheUsersPartitionExpiringAfterTheRetention() {
        // GIVEN
        String userId = Ids.random();
        Instant planned = Instant.now();
        ProactiveMessage message = new ProactiveMessage("p-" + Ids.random(), userId, "coach",
                new Trigger(TriggerType.MILESTONE_DUE, 5.25, Map.of("goal", "run 5k")), "Tomorrow's the day!",
                planned, planned.plusSeconds(600), Channel.WEBSOCKET, ProactiveState.PLANNED);

        // WHEN
        newOutbox().add(message);

        // THEN
        Map<String, AttributeValue> item = LocalDynamoDb.client().getItem(r -> r.tableName(TABLE)
                .key(AttributeValues.key(LumenTable.proactivePk(userId), LumenTable.proactiveSk(message.id())))).item();
        assertThat(item.get(LumenTable.EXPIRES_AT).n())
                .isEqualTo(Long.toString(planned.plus(DynamoDbProactiveOutbox.RETENTION).getEpochSecond()));
        assertThat(item.get("trigger").s()).isEqualTo("MILESTONE_DUE");
        assertThat(item.get("evidence").m().get("goal").s()).isEqualTo("run 5k");
    }
}
