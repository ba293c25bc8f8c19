package dev.lumen.adapter.dynamodb;

import static dev.lumen.adapter.dynamodb.AttributeValues.instant;
import static dev.lumen.adapter.dynamodb.AttributeValues.integer;
import static dev.lumen.adapter.dynamodb.AttributeValues.n;
import static dev.lumen.adapter.dynamodb.AttributeValues.optionalString;
import static dev.lumen.adapter.dynamodb.AttributeValues.s;
import static dev.lumen.adapter.dynamodb.AttributeValues.string;

import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.memory.InteractionRecorded;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every field of an {@link InteractionRecorded} as top-level item attributes, one per field, so
 * that an operator reading a pending item in the console sees the turn as it was published.
 */
final class InteractionAttributes {
    private static final String INTERACTION_ID = "interactionId";
    private static final String TENANT = "tenant";
    private static final String PERSONA_ID = "personaId";
    private static final String USER_ID = "userId";
    private static final String SESSION_ID = "sessionId";
    private static final String USER_MESSAGE_ID = "userMessageId";
    private static final String USER_TEXT = "userText";
    private static final String REPLY_TEXT = "replyText";
    private static final String MODEL = "model";
    private static final String INPUT_TOKENS = "inputTokens";
    private static final String OUTPUT_TOKENS = "outputTokens";
    private static final String OCCURRED_AT = "occurredAt";
    private static final String LATENCY_MS = "latencyMs";

    private InteractionAttributes() {
    }

    /** Adds the interaction's attributes to {@code item}; null user and model are left out. */
    static void put(Map<String, AttributeValue> item, InteractionRecorded interaction) {
        item.put(INTERACTION_ID, s(interaction.interactionId()));
        item.put(TENANT, s(interaction.tenant()));
        item.put(PERSONA_ID, s(interaction.personaId()));
        if (interaction.userId() != null) {
            item.put(USER_ID, s(interaction.userId()));
        }
        item.put(SESSION_ID, s(interaction.sessionId()));
        item.put(USER_MESSAGE_ID, s(interaction.userMessageId()));
        item.put(USER_TEXT, s(interaction.userText()));
        item.put(REPLY_TEXT, s(interaction.replyText()));
        if (interaction.model() != null) {
            item.put(MODEL, s(interaction.model()));
        }
        Usage usage = interaction.usage() == null ? Usage.NONE : interaction.usage();
        item.put(INPUT_TOKENS, n((long) usage.inputTokens()));
        item.put(OUTPUT_TOKENS, n((long) usage.outputTokens()));
        item.put(OCCURRED_AT, AttributeValues.instant(interaction.occurredAt()));
        item.put(LATENCY_MS, n(interaction.latencyMs()));
    }

    static InteractionRecorded read(Map<String, AttributeValue> item) {
        return new InteractionRecorded(string(item, INTERACTION_ID), string(item, TENANT), string(item, PERSONA_ID),
                optionalString(item, USER_ID), string(item, SESSION_ID), string(item, USER_MESSAGE_ID),
                string(item, USER_TEXT), string(item, REPLY_TEXT), optionalString(item, MODEL),
                new Usage((int) integer(item, INPUT_TOKENS), (int) integer(item, OUTPUT_TOKENS)),
                instant(item, OCCURRED_AT), integer(item, LATENCY_MS, 0));
    }
}
