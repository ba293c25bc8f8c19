package dev.lumen.adapter.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.memory.InteractionRecorded;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InteractionJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static InteractionRecorded interaction() {
        return new InteractionRecorded("msg-2", "creator-1", "persona-1", "user-1", "session-1", "msg-1",
                "I want to run a marathon", "Then let's plan your training.", "offline",
                new Usage(12, 30), Instant.parse("2026-01-05T10:15:30.123Z"));
    }

    @Test
    void an_interaction_survives_the_round_trip_through_its_message_body() {
        // GIVEN
        InteractionRecorded interaction = interaction();

        // WHEN
        InteractionRecorded read = InteractionJson.read(InteractionJson.write(interaction));

        // THEN
        assertThat(read).isEqualTo(interaction);
    }

    @Test
    void an_anonymous_interaction_keeps_its_null_user() {
        // GIVEN
        InteractionRecorded anonymous = new InteractionRecorded("msg-2", "creator-1", "persona-1", null, "s", "msg-1",
                "hi", "hello", "offline", Usage.NONE, Instant.parse("2026-01-05T10:15:30Z"));

        // WHEN
        InteractionRecorded read = InteractionJson.read(InteractionJson.write(anonymous));

        // THEN
        assertThat(read.userId()).isNull();
        assertThat(read).isEqualTo(anonymous);
    }

    @Test
    void the_body_is_plain_json_with_an_iso_timestamp_and_nested_usage() throws Exception {
        // WHEN
        var body = JSON.readTree(InteractionJson.write(interaction()));

        // THEN
        assertThat(body.path("interactionId").asText()).isEqualTo("msg-2");
        assertThat(body.path("occurredAt").asText()).isEqualTo("2026-01-05T10:15:30.123Z");
        assertThat(body.path("usage").path("outputTokens").asInt()).isEqualTo(30);
    }

    @Test
    void unknown_fields_are_ignored_and_absent_optional_ones_get_defaults() {
        // GIVEN
        String body = """
                {"interactionId":"i","tenant":"t","personaId":"p","occurredAt":"2026-01-05T10:15:30Z","addedLater":true}
                """;

        // WHEN
        InteractionRecorded read = InteractionJson.read(body);

        // THEN
        assertThat(read.userText()).isEmpty();
        assertThat(read.replyText()).isEmpty();
        assertThat(read.usage()).isEqualTo(Usage.NONE);
        assertThat(read.userId()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"interactionId", "tenant", "personaId", "occurredAt"})
    void a_body_without_a_required_field_is_rejected_naming_the_field(String field) throws Exception {
        // GIVEN
        ObjectNode body = (ObjectNode) JSON.readTree(InteractionJson.write(interaction()));
        body.remove(field);

        // WHEN / THEN
        assertThatThrownBy(() -> InteractionJson.read(body.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(field);
    }

    @Test
    void malformed_bodies_are_rejected_with_the_reason() {
        // WHEN / THEN
        assertThatThrownBy(() -> InteractionJson.read("not json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> InteractionJson.read("[1,2]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("object");
        assertThatThrownBy(() -> InteractionJson.read(
                "{\"interactionId\":\"i\",\"tenant\":\"t\",\"personaId\":\"p\",\"occurredAt\":\"yesterday\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("occurredAt");
        assertThatThrownBy(() -> InteractionJson.read(
                "{\"interactionId\":42,\"tenant\":\"t\",\"personaId\":\"p\",\"occurredAt\":\"2026-01-05T10:15:30Z\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interactionId");
        assertThatThrownBy(() -> InteractionJson.read(
                "{\"interactionId\":\"i\",\"tenant\":\"t\",\"personaId\":\"p\",\"occurredAt\":\"2026-01-05T10:15:30Z\",\"usage\":{\"inputTokens\":-1}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("usage.inputTokens");
    }

    @Test
    void the_sample_sqs_event_carries_a_body_this_codec_reads() throws Exception {
        // GIVEN: the fixture shared with the worker's tests and `sam local invoke -e`
        var event = JSON.readTree(Files.readString(Path.of("..", "events", "sqs-interaction-recorded.json")));

        // WHEN
        InteractionRecorded read = InteractionJson.read(event.path("Records").path(0).path("body").asText());

        // THEN
        assertThat(read.interactionId()).isNotBlank();
        assertThat(read.personaId()).isNotBlank();
        assertThat(read.tenant()).isNotBlank();
        assertThat(read.occurredAt()).isNotNull();
    }
}
