package dev.lumen.local;

import static dev.lumen.local.EndToEndTest.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.adapter.dynamodb.DynamoDbClients;
import dev.lumen.domain.Ids;
import dev.lumen.local.EndToEndTest.Reply;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The snapshot routes through the local runner, over HTTP: a persona snapshotted, changed,
 * snapshotted again, diffed, restored to version 1 (GET persona shows version 1's traits); then a
 * snapshot corrupted directly in the runner's table is refused with 422 and the persona is unchanged.
 */
@ExtendWith(LocalRunner.class)
class SnapshotsApiTest {

    private static DynamoDbClient dynamoDb() {
        return DynamoDbClients.create("us-east-1", Optional.of(LocalRunner.runner().dynamoDbEndpoint()));
    }

    private static Map<String, Double> traits(String persona) {
        Reply read = call("GET", "/api/personas/" + persona, null);
        assertThat(read.status()).isEqualTo(200);
        Map<String, Double> traits = new LinkedHashMap<>();
        for (JsonNode t : read.body().path("traits")) {
            traits.put(t.path("id").asText(), t.path("intensity").asDouble());
        }
        return traits;
    }

    private static void set(String persona, String trait, double value) {
        Reply updated = call("PUT", "/api/personas/" + persona + "/traits/" + trait,
                "{\"action\": \"set\", \"intensity\": " + value + "}");
        assertThat(updated.status()).as(updated.body().toString()).isEqualTo(200);
    }

    @Test
    void snapshotChangeDiffRestoreAndARefusedCorruptedSnapshot() {
        // GIVEN a persona, snapshotted
        String persona = "snap-ada-" + Ids.random();
        assertThat(call("POST", "/api/personas", """
                {"id": "%s", "name": "Ada", "traits": [{"id": "warmth", "name": "Warmth", "intensity": 0.5}]}"""
                .formatted(persona)).status()).isEqualTo(201);
        String base = "/api/snapshots/persona/" + persona;
        Reply v1 = call("POST", base, null);
        assertThat(v1.status()).as(v1.body().toString()).isEqualTo(201);
        assertThat(v1.body().path("version").asLong()).isEqualTo(1);
        Map<String, Double> atV1 = traits(persona);

        // WHEN its traits change and it is snapshotted again
        set(persona, "warmth", 0.9);
        set(persona, "empathy", 0.2);
        Reply v2 = call("POST", base, null);
        assertThat(v2.body().path("version").asLong()).isEqualTo(2);

        // THEN the versions list newest first and the diff names both changes
        assertThat(call("GET", base, null).body().path("versions").findValuesAsText("version")).containsExactly("2", "1");
        Reply diff = call("GET", base + "/diff?from=1&to=2", null);
        assertThat(diff.status()).as(diff.body().toString()).isEqualTo(200);
        Map<String, String> changed = new LinkedHashMap<>();
        for (JsonNode c : diff.body().at("/traits/changed")) {
            changed.put(c.path("id").asText(), c.path("from").asDouble() + "->" + c.path("to").asDouble());
        }
        assertThat(changed).containsOnly(Map.entry("warmth", "0.5->0.9"), Map.entry("empathy", "0.7->0.2"));
        Reply detail = call("GET", base + "/1", null);
        assertThat(detail.body().at("/snapshot/checksum").asText()).isEqualTo(v1.body().path("checksum").asText());
        assertThat(detail.body().at("/state/name").asText()).isEqualTo("Ada");

        // WHEN version 1 is restored
        Reply restored = call("POST", base + "/1/restore", null);

        // THEN the persona shows version 1's traits, and the state before it is version 3
        assertThat(restored.status()).as(restored.body().toString()).isEqualTo(200);
        assertThat(restored.body().at("/undo/version").asLong()).isEqualTo(3);
        assertThat(traits(persona)).isEqualTo(atV1);

        // WHEN version 2 is corrupted in the runner's table (one flipped bit) and restored
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("SNAPSHOT#persona#" + persona),
                "sk", AttributeValue.fromS("V#000000000002"));
        try (DynamoDbClient client = dynamoDb()) {
            String table = LocalRunner.runner().tableName();
            byte[] bytes = client.getItem(r -> r.tableName(table).key(key)).item().get("state").b().asByteArray();
            bytes[bytes.length / 2] ^= 0x04;
            client.updateItem(r -> r.tableName(table).key(key).updateExpression("SET #s = :s")
                    .expressionAttributeNames(Map.of("#s", "state"))
                    .expressionAttributeValues(Map.of(":s", AttributeValue.fromB(SdkBytes.fromByteArray(bytes)))));
        }
        Reply refused = call("POST", base + "/2/restore", null);

        // THEN it is refused, naming the snapshot, and nothing changed: not the traits, not the versions
        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(422);
        assertThat(refused.body().at("/error/code").asText()).isEqualTo("snapshot_corrupted");
        assertThat(refused.body().at("/error/message").asText()).contains(persona).contains("version 2");
        assertThat(traits(persona)).isEqualTo(atV1);
        assertThat(call("GET", base, null).body().path("versions").findValuesAsText("version")).containsExactly("3", "2", "1");
    }

    @Test
    void badAndUnknownRequests() {
        assertThat(call("POST", "/api/snapshots/planet/p1", null).body().at("/error/message").asText()).contains("'kind'");
        assertThat(call("GET", "/api/snapshots/persona/p1/x1", null).status()).isEqualTo(400);
        assertThat(call("GET", "/api/snapshots/persona/p1/diff?from=1", null).body().at("/error/message").asText())
                .contains("'to'");
        assertThat(call("POST", "/api/snapshots/persona/no-such-persona-" + Ids.random(), null).status()).isEqualTo(404);
        assertThat(call("POST", "/api/snapshots/agent/guardian/1/restore", null).status()).isEqualTo(409);
    }
}
