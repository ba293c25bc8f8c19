package dev.lumen.functions.config;

import dev.lumen.adapter.bedrock.BedrockChatModel;
import dev.lumen.adapter.bedrock.BedrockClients;
import dev.lumen.adapter.bedrock.TitanEmbeddingModel;
import dev.lumen.adapter.dynamodb.DynamoDbClients;
import dev.lumen.adapter.dynamodb.DynamoDbConversationRepository;
import dev.lumen.adapter.dynamodb.DynamoDbCreatorRepository;
import dev.lumen.adapter.dynamodb.DynamoDbDocumentRepository;
import dev.lumen.adapter.dynamodb.DynamoDbHealthCheck;
import dev.lumen.adapter.dynamodb.DynamoDbLearningRepository;
import dev.lumen.adapter.dynamodb.DynamoDbPendingInteractions;
import dev.lumen.adapter.dynamodb.DynamoDbPersonaRepository;
import dev.lumen.adapter.dynamodb.DynamoDbStatsRepository;
import dev.lumen.adapter.dynamodb.DynamoDbTypingRepository;
import dev.lumen.adapter.extract.DocumentTextExtractor;
import dev.lumen.adapter.files.FileDocumentContentStore;
import dev.lumen.adapter.lucene.LuceneVectorStore;
import dev.lumen.adapter.model.ModelTraitExtractor;
import dev.lumen.adapter.offline.OfflineChatModel;
import dev.lumen.adapter.onnx.MiniLmEmbeddingModel;
import dev.lumen.adapter.opensearch.OpenSearchClients;
import dev.lumen.adapter.opensearch.OpenSearchVectorStore;
import dev.lumen.adapter.s3.S3Clients;
import dev.lumen.adapter.s3.S3DocumentContentStore;
import dev.lumen.adapter.sqs.SqsClients;
import dev.lumen.adapter.sqs.SqsIngestPublisher;
import dev.lumen.adapter.sqs.SqsInteractionPublisher;
import dev.lumen.adapter.sqs.SqsQueueDepth;
import dev.lumen.domain.chat.ChatModel;
import dev.lumen.domain.chat.ChatService;
import dev.lumen.domain.chat.ConversationRepository;
import dev.lumen.domain.chat.SessionHistory;
import dev.lumen.domain.health.HealthCheck;
import dev.lumen.domain.learning.LearningRepository;
import dev.lumen.domain.learning.LearningService;
import dev.lumen.domain.knowledge.Coaching;
import dev.lumen.domain.knowledge.ContentDrafts;
import dev.lumen.domain.knowledge.CreatorProfiles;
import dev.lumen.domain.knowledge.DocumentContentStore;
import dev.lumen.domain.knowledge.DocumentIngestion;
import dev.lumen.domain.knowledge.DocumentRepository;
import dev.lumen.domain.knowledge.KnowledgeBase;
import dev.lumen.domain.knowledge.KnowledgeIndexer;
import dev.lumen.domain.knowledge.KnowledgeQuery;
import dev.lumen.domain.knowledge.KnowledgeSearch;
import dev.lumen.domain.knowledge.TextSplitter;
import dev.lumen.domain.learning.UserInsights;
import dev.lumen.domain.memory.InteractionSweeper;
import dev.lumen.domain.memory.MemoryLookup;
import dev.lumen.domain.memory.MemoryService;
import dev.lumen.domain.persona.PersonaService;
import dev.lumen.domain.presence.TypingService;
import dev.lumen.domain.stats.StatsService;
import dev.lumen.domain.vector.EmbeddingModel;
import dev.lumen.domain.vector.RecentEmbeddings;
import dev.lumen.domain.vector.VectorStore;
import dev.lumen.functions.config.FunctionConfig.DocumentConfig;
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
    private EmbeddingModel embeddingModel;
    private VectorStore vectorStore;
    private MemoryService memory;
    private KnowledgeIndexer indexer;
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
                    new SqsInteractionPublisher(sqs(), config.queues().requireInteractionsQueueUrl()),
                    new Coaching(new DynamoDbCreatorRepository(dynamoDb, config.tableName()), learning,
                            new KnowledgeSearch(embeddingModel(), vectorStore())), clock);
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

    public KnowledgeBase knowledgeBase() {
        return new KnowledgeBase(documents(), contentStore(),
                new SqsIngestPublisher(sqs(), config.queues().requireIngestQueueUrl()), indexer(), clock);
    }

    public DocumentIngestion ingestion() {
        return new DocumentIngestion(documents(), contentStore(), new DocumentTextExtractor(), indexer(), clock);
    }

    public KnowledgeQuery knowledgeQuery() {
        return new KnowledgeQuery(new KnowledgeSearch(embeddingModel(), vectorStore()), chatModel());
    }

    public ContentDrafts contentDrafts() {
        return new ContentDrafts(new DynamoDbCreatorRepository(dynamoDb, config.tableName()),
                new KnowledgeSearch(embeddingModel(), vectorStore()), chatModel());
    }

    public CreatorProfiles creators() {
        return new CreatorProfiles(new DynamoDbCreatorRepository(dynamoDb, config.tableName()), clock);
    }

    public List<HealthCheck> healthChecks() {
        return List.of(new DynamoDbHealthCheck(dynamoDb, config.tableName()));
    }

    private DocumentRepository documents() {
        return new DynamoDbDocumentRepository(dynamoDb, config.tableName());
    }

    private DocumentContentStore contentStore() {
        DocumentConfig documents = config.documents();
        return switch (documents.store()) {
            case S3 -> new S3DocumentContentStore(S3Clients.create(config.region(), documents.s3Endpoint()),
                    documents.requireBucket());
            case FILES -> new FileDocumentContentStore(documents.requireDirectory());
        };
    }

    private synchronized KnowledgeIndexer indexer() {
        if (indexer == null) {
            indexer = new KnowledgeIndexer(embeddingModel(), vectorStore(), TextSplitter.defaults(), clock);
        }
        return indexer;
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

    /** One per container: memories and knowledge share the model (and, locally, its loaded weights). */
    private synchronized EmbeddingModel embeddingModel() {
        if (embeddingModel == null) {
            embeddingModel = new RecentEmbeddings(newEmbeddingModel());
        }
        return embeddingModel;
    }

    /** One per container: an embedded Lucene store must have a single writer per folder. */
    private synchronized VectorStore vectorStore() {
        if (vectorStore == null) {
            vectorStore = newVectorStore();
        }
        return vectorStore;
    }

    private EmbeddingModel newEmbeddingModel() {
        MemoryConfig memoryConfig = config.memory();
        return switch (memoryConfig.embedding()) {
            case TITAN -> new TitanEmbeddingModel(bedrock(), memoryConfig.embeddingModelId(),
                    memoryConfig.embeddingDimensions(), TitanEmbeddingModel.DEFAULT_PARALLELISM);
            case MINILM -> new MiniLmEmbeddingModel();
        };
    }

    private VectorStore newVectorStore() {
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
