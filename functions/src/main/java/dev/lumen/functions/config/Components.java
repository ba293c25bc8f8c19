package dev.lumen.functions.config;

import dev.lumen.adapter.bedrock.BedrockChatModel;
import dev.lumen.adapter.bedrock.BedrockClients;
import dev.lumen.adapter.dynamodb.DynamoDbClients;
import dev.lumen.adapter.dynamodb.DynamoDbConversationRepository;
import dev.lumen.adapter.dynamodb.DynamoDbHealthCheck;
import dev.lumen.adapter.dynamodb.DynamoDbPersonaRepository;
import dev.lumen.adapter.offline.OfflineChatModel;
import dev.lumen.domain.chat.ChatModel;
import dev.lumen.domain.chat.ChatService;
import dev.lumen.domain.chat.ConversationRepository;
import dev.lumen.domain.chat.SessionHistory;
import dev.lumen.domain.health.HealthCheck;
import dev.lumen.domain.persona.PersonaService;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The object graph of a Lambda container, built once from {@link FunctionConfig} and shared by
 * every handler in it. No DI container: plain constructors keep cold start short and explicit.
 * Clients are created only when a handler first asks for what needs them.
 */
public final class Components {
    private static volatile Components instance;

    private final FunctionConfig config;
    private final Clock clock = Clock.systemUTC();
    private final DynamoDbClient dynamoDb;
    private final PersonaService personas;
    private final ConversationRepository conversations;
    private volatile ChatService chat;

    private Components(FunctionConfig config) {
        this.config = config;
        this.dynamoDb = DynamoDbClients.create(config.region(), config.dynamoDbEndpoint());
        this.personas = new PersonaService(new DynamoDbPersonaRepository(dynamoDb, config.tableName()),
                config.coreTraits(), clock);
        this.conversations = new DynamoDbConversationRepository(dynamoDb, config.tableName(), config.messageRetention(), clock);
    }

    /** The container-wide instance, configured from the environment on first use. */
    public static Components instance() {
        Components local = instance;
        if (local == null) {
            synchronized (Components.class) {
                local = instance;
                if (local == null) {
                    local = new Components(FunctionConfig.fromEnvironment());
                    instance = local;
                }
            }
        }
        return local;
    }

    public PersonaService personas() {
        return personas;
    }

    public synchronized ChatService chat() {
        if (chat == null) {
            chat = new ChatService(personas, config.coreTraits(), conversations, chatModel(), clock);
        }
        return chat;
    }

    /** Reading a session needs no model: built without one, so those functions start faster. */
    public SessionHistory sessionHistory() {
        return new SessionHistory(personas, conversations);
    }

    public List<HealthCheck> healthChecks() {
        return List.of(new DynamoDbHealthCheck(dynamoDb, config.tableName()));
    }

    private ChatModel chatModel() {
        return switch (config.chatModel()) {
            case OFFLINE -> new OfflineChatModel();
            case BEDROCK -> new BedrockChatModel(
                    BedrockClients.create(config.region(), config.bedrockEndpoint()), config.requireBedrockModelId());
        };
    }
}
