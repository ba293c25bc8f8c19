package dev.lumen.functions.config;

import dev.lumen.adapter.bedrock.BedrockChatModel;
import dev.lumen.adapter.bedrock.BedrockClients;
import dev.lumen.adapter.bedrock.TitanEmbeddingModel;
import dev.lumen.adapter.dynamodb.DynamoDbClients;
import dev.lumen.adapter.dynamodb.DynamoDbConversationRepository;
import dev.lumen.adapter.dynamodb.DynamoDbHealthCheck;
import dev.lumen.adapter.dynamodb.DynamoDbLearningRepository;
import dev.lumen.adapter.dynamodb.DynamoDbPendingInteractions;
import dev.lumen.adapter.dynamodb.DynamoDbPersonaRepository;
import dev.lumen.adapter.dynamodb.DynamoDbStatsRepository;
import dev.lumen.adapter.dynamodb.DynamoDbTypingRepository;
import dev.lumen.adapter.lucene.LuceneVectorStore;
import dev.lumen.adapter.model.ModelTraitExtractor;
import dev.lumen.adapter.offline.OfflineChatModel;
import dev.lumen.adapter.onnx.MiniLmEmbeddingModel;
import dev.lumen.adapter.opensearch.OpenSearchClients;
import dev.lumen.adapter.opensearch.OpenSearchVectorStore;
import dev.lumen.adapter.sqs.SqsClients;
import dev.lumen.adapter.sqs.SqsInteractionPublisher;
import dev.lumen.adapter.sqs.SqsQueueDepth;
import dev.lumen.domain.chat.ChatModel;
import dev.lumen.domain.chat.ChatService;
import dev.lumen.domain.chat.ConversationRepository;
import dev.lumen.domain.chat.SessionHistory;
import dev.lumen.domain.health.HealthCheck;
import dev.lumen.domain.learning.LearningRepository;
import dev.lumen.domain.learning.LearningService;
import dev.lumen.domain.learning.UserInsights;
import dev.lumen.domain.memory.InteractionSweeper;
import dev.lumen.domain.memory.MemoryLookup;
import dev.lumen.domain.memory.MemoryService;
import dev.lumen.domain.persona.PersonaService;
import dev.lumen.domain.presence.TypingService;
import dev.lumen.domain.stats.StatsService;
import dev.lumen.domain.vector.EmbeddingModel;
import dev.lumen.domain.vector.VectorStore;
import dev.lumen.functions.config.FunctionConfig.MemoryConfig;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The object graph of a Lambda container, built once from {@link FunctionConfig} and shared by
 * every handler in it. No DI container: plain constructors keep cold start short and explicit.
 * Clients and models are created only when a handler first asks for what needs them, so a
 * function that reads a profile never loads an embedding model or an SQS client.
 *
 * <p>The local-only adapters (Lucene, MiniLM) are not in the Lambda jar; they are only named in
 * methods that run when configured, so the JVM never loads them in AWS.
 */
public final class Components {
    private static volatile Components instance;

    private final FunctionConfig config;
    private final Clock clock = Clock.systemUTC();
    private final DynamoDbClient dynamoDb;
    private final PersonaService personas;
    private final ConversationRepository conversations;
    private final LearningRepository learning;
    private ChatModel chatModel;
    private BedrockRuntimeClient bedrock;
    private SqsClient sqs;
    private MemoryService memory;
    private ChatService chat;
    private LearningService learningService;

    private Components(FunctionConfig config) {
        this.config = config;
        this.dynamoDb = DynamoDbClients.create(config.region(), config.dynamoDbEndpoint());
        this.personas = new PersonaService(new DynamoDbPersonaRepository(dynamoDb, config.tableName()),
                config.coreTraits(), clock);
        this.conversations = new DynamoDbConversationRepository(dynamoDb, config.tableName(), config.messageRetention(), clock);
        this.learning = new DynamoDbLearningRepository(dynamoDb, config.tableName(), clock);
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
            chat = new ChatService(personas, config.coreTraits(), conversations, chatModel(), memory(),
                    new SqsInteractionPublisher(sqs(), config.queues().requireInteractionsQueueUrl()), clock);
        }
        return chat;
    }

    /** Reading a session needs no model: built without one, so those functions start faster. */
    public SessionHistory sessionHistory() {
        return new SessionHistory(personas, conversations);
    }

    /** The interaction worker's use case: memory, traits, emotional state, profile, patterns, usage. */
    public synchronized LearningService learning() {
        if (learningService == null) {
            learningService = new LearningService(learning, memory(), new ModelTraitExtractor(chatModel()), clock);
        }
        return learningService;
    }

    public InteractionSweeper sweeper() {
        return new InteractionSweeper(new DynamoDbPendingInteractions(dynamoDb, config.tableName(), clock),
                new SqsInteractionPublisher(sqs(), config.queues().requireInteractionsQueueUrl()), clock);
    }

    public UserInsights insights() {
        return new UserInsights(learning, clock);
    }

    public MemoryLookup memories() {
        return new MemoryLookup(personas, memory());
    }

    public TypingService typing() {
        return new TypingService(new DynamoDbTypingRepository(dynamoDb, config.tableName()), clock);
    }

    public StatsService stats() {
        return new StatsService(new DynamoDbStatsRepository(dynamoDb, config.tableName()),
                new SqsQueueDepth(sqs(), config.queues().requireInteractionsQueueUrl()), clock);
    }

    public List<HealthCheck> healthChecks() {
        return List.of(new DynamoDbHealthCheck(dynamoDb, config.tableName()));
    }

    private synchronized MemoryService memory() {
        if (memory == null) {
            memory = new MemoryService(embeddingModel(), vectorStore());
        }
        return memory;
    }

    private synchronized ChatModel chatModel() {
        if (chatModel == null) {
            chatModel = switch (config.chatModel()) {
                case OFFLINE -> new OfflineChatModel();
                case BEDROCK -> new BedrockChatModel(bedrock(), config.requireBedrockModelId());
            };
        }
        return chatModel;
    }

    private EmbeddingModel embeddingModel() {
        MemoryConfig memoryConfig = config.memory();
        return switch (memoryConfig.embedding()) {
            case TITAN -> new TitanEmbeddingModel(bedrock(), memoryConfig.embeddingModelId(),
                    memoryConfig.embeddingDimensions(), TitanEmbeddingModel.DEFAULT_PARALLELISM);
            case MINILM -> new MiniLmEmbeddingModel();
        };
    }

    private VectorStore vectorStore() {
        MemoryConfig memoryConfig = config.memory();
        return switch (memoryConfig.vectorStore()) {
            case OPENSEARCH -> new OpenSearchVectorStore(OpenSearchClients.create(memoryConfig.requireOpenSearchUrl(),
                    config.region(), memoryConfig.openSearchSigned()), memoryConfig.openSearchIndexPrefix());
            case LUCENE -> new LuceneVectorStore(memoryConfig.requireVectorDir());
        };
    }

    private synchronized BedrockRuntimeClient bedrock() {
        if (bedrock == null) {
            bedrock = BedrockClients.create(config.region(), config.bedrockEndpoint());
        }
        return bedrock;
    }

    private synchronized SqsClient sqs() {
        if (sqs == null) {
            sqs = SqsClients.create(config.region(), config.queues().sqsEndpoint());
        }
        return sqs;
    }
}
