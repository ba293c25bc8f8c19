package dev.lumen.functions.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.domain.persona.CoreTraits;
import dev.lumen.domain.persona.Trait;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Configuration of every Lumen function, read once per container from the environment.
 * Fails fast with a message naming the variable that is missing or wrong.
 *
 * @param chatModel         {@code bedrock} (AWS) or {@code offline} (local, deterministic)
 * @param bedrockModelId    required only where a function talks to Bedrock (see {@link #requireBedrockModelId()})
 * @param dynamoDbEndpoint  endpoint override for a local DynamoDB
 * @param bedrockEndpoint   endpoint override for a Bedrock stand-in
 */
public record FunctionConfig(String tableName, String region, ChatModelKind chatModel, Optional<String> bedrockModelId,
                             Optional<URI> dynamoDbEndpoint, Optional<URI> bedrockEndpoint,
                             CoreTraits coreTraits, Duration messageRetention) {

    public enum ChatModelKind { BEDROCK, OFFLINE }

    public static FunctionConfig fromEnvironment() {
        return new FunctionConfig(
                Environment.required("TABLE_NAME"),
                Environment.optional("AWS_REGION").orElse("us-east-1"),
                parseKind(Environment.optional("LUMEN_CHAT_MODEL").orElse("bedrock")),
                Environment.optional("BEDROCK_MODEL_ID"),
                Environment.optional("LUMEN_DYNAMODB_ENDPOINT").map(v -> uri("LUMEN_DYNAMODB_ENDPOINT", v)),
                Environment.optional("LUMEN_BEDROCK_ENDPOINT").map(v -> uri("LUMEN_BEDROCK_ENDPOINT", v)),
                Environment.optional("LUMEN_CORE_TRAITS").map(FunctionConfig::parseCoreTraits).orElseGet(CoreTraits::defaults),
                Duration.ofDays(positiveInt("LUMEN_MESSAGE_RETENTION_DAYS",
                        Environment.optional("LUMEN_MESSAGE_RETENTION_DAYS").orElse("90"))));
    }

    /** Only the chat function needs a model id; the others must start without one. */
    public String requireBedrockModelId() {
        return bedrockModelId.orElseThrow(() ->
                new IllegalStateException("configuration variable BEDROCK_MODEL_ID is not set"));
    }

    static ChatModelKind parseKind(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "bedrock" -> ChatModelKind.BEDROCK;
            case "offline" -> ChatModelKind.OFFLINE;
            default -> throw new IllegalStateException("LUMEN_CHAT_MODEL must be 'bedrock' or 'offline', not '" + value + "'");
        };
    }

    /** Core traits as a JSON array of {@code {id, name, description, intensity}}. */
    static CoreTraits parseCoreTraits(String json) {
        try {
            JsonNode array = new ObjectMapper().readTree(json);
            if (!array.isArray()) {
                throw new IllegalArgumentException("not a JSON array");
            }
            List<Trait> traits = new ArrayList<>();
            for (JsonNode node : array) {
                traits.add(new Trait(node.path("id").asText(null), node.path("name").asText(null),
                        node.path("description").asText(""), node.path("intensity").asDouble(Double.NaN), true));
            }
            traits.forEach(t -> {
                if (t.id() == null || t.name() == null) {
                    throw new IllegalArgumentException("every core trait needs an id and a name");
                }
            });
            return new CoreTraits(traits);
        } catch (Exception e) {
            throw new IllegalStateException("LUMEN_CORE_TRAITS must be a JSON array of {id, name, description, intensity}: "
                    + e.getMessage(), e);
        }
    }

    private static URI uri(String name, String value) {
        try {
            return URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " is not a valid URI: " + value, e);
        }
    }

    private static int positiveInt(String name, String value) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalStateException(name + " must be a positive whole number, not '" + value + "'");
    }
}
