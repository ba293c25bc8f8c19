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
import dev.lumen.adapter.dynamodb.DynamoDbEscalationRepository;
import dev.lumen.adapter.sqs.SqsEscalationPublisher;
import dev.lumen.domain.chat.ChatModel;
import dev.lumen.domain.chat.ChatSafety;
import dev.lumen.domain.escalation.Escalations;
import dev.lumen.domain.safety.CrisisDetector;
import dev.lumen.domain.safety.InjectionDetector;
import dev.lumen.domain.safety.ReplyValidator;
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
import dev.lumen.domain.privacy.UserErasure;
import dev.lumen.domain.presence.TypingService;
import dev.lumen.domain.stats.StatsService;
import dev.lumen.domain.vector.EmbeddingModel;
import dev.lumen.domain.vector.RecentEmbeddings;
import dev.lumen.domain.vector.VectorStore;
import dev.lumen.domain.model.FallbackChatModel;
import dev.lumen.domain.usage.Budgets;
import dev.lumen.domain.usage.UsageAccounting;
import dev.lumen.domain.usage.UsageLedger;
import dev.lumen.domain.usage.UsageMeter;
import dev.lumen.domain.usage.UsageReport;
import dev.lumen.adapter.dynamodb.DynamoDbUsageLedger;
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
    private SafetyConfig safetyConfig;
    private CrisisDetector crisisDetector;
    private InjectionDetector injectionDetector;
    private UsageConfig usageConfig;

    private Components(FunctionConfig config) {
        this.config = config;
        this.dynamoDb = DynamoDbClients.create(config.region(), config.dynamoDbEndpoint());
        // Every API request of this container draws from the caller's bucket in the table.
        dev.lumen.functions.http.Access.useRateLimiter(RateLimitConfig.fromEnvironment().bucket()
                .<dev.lumen.domain.access.RateLimiter>map(bucket -> new dev.lumen.adapter.dynamodb.DynamoDbRateLimiter(
                        dynamoDb, config.tableName(), bucket, clock))
                .orElse(dev.lumen.domain.access.RateLimiter.UNLIMITED));
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
            chat.withBudgets(budgets());
            chat.withSafety(chatSafety());
        }
        return chat;
    }

    /** Spending limits per user and creator, checked before each model call. */
    public Budgets budgets() {
        // The gauge reports each checked account's share of its daily and monthly budgets (EMF BudgetUse).
        return new Budgets(new dev.lumen.functions.observability.BudgetGauge(usageLedger(), usageConfig().budgets(),
                dev.lumen.functions.observability.Metrics.standard()), usageConfig().budgets());
    }

    /** Prices each chat turn and records it, once per interaction id (the interaction worker). */
    public UsageAccounting usageAccounting() {
        return new UsageAccounting(usageLedger(), usageConfig().prices());
    }

    /** {@code GET /api/usage}. */
    public UsageReport usageReport() {
        return new UsageReport(usageLedger(), clock);
    }

    /** Budgets and accounting for model calls outside chat: knowledge answers, drafts, trait extraction. */
    private UsageMeter usageMeter() {
        return new UsageMeter(budgets(), usageLedger(), usageConfig().prices(), clock);
    }

    private UsageLedger usageLedger() {
        return new DynamoDbUsageLedger(dynamoDb, config.tableName());
    }

    private synchronized UsageConfig usageConfig() {
        if (usageConfig == null) {
            usageConfig = UsageConfig.fromEnvironment();
        }
        return usageConfig;
    }

    /** Crisis and injection checks before the model, reply validation after it, escalations for HIGH. */
    private ChatSafety chatSafety() {
        CrisisDetector crisis = crisisDetector();
        InjectionDetector injection = injectionDetector();
        // Replies are checked for crisis content by the pattern layer only: a model's reply that raises
        // self-harm unprompted does so in plain words, and the embedding layer would double the check's cost.
        return new ChatSafety(crisis::assess, injection::check, safetyConfig().crisisResources(), escalations(),
                new ReplyValidator(crisis::patternsOnly, injection::check));
    }

    /**
     * The human hand-off. The queue client is only built when an escalation is published, so the
     * list and resolve functions start without SQS.
     */
    public Escalations escalations() {
        return new Escalations(new DynamoDbEscalationRepository(dynamoDb, config.tableName()),
                escalation -> {
                    new SqsEscalationPublisher(sqs(), safetyConfig().requireEscalationsQueueUrl()).publish(escalation);
                    // Counted once handed over: a failed publish is retried by the sweeper and counted then.
                    dev.lumen.functions.observability.Metrics.standard().escalation(
                            String.valueOf(escalation.severity()), escalation.tenant());
                }, clock);
    }

    private synchronized SafetyConfig safetyConfig() {
        if (safetyConfig == null) {
            safetyConfig = SafetyConfig.fromEnvironment();
        }
        return safetyConfig;
    }

    /**
     * One per container: the exemplars' vectors are read on first use from the table, where the
     * deployment's first container stored them, and only embedded when they are not there.
     */
    private synchronized CrisisDetector crisisDetector() {
        if (crisisDetector == null) {
            crisisDetector = new CrisisDetector(embeddingModel(), exemplarVectors());
        }
        return crisisDetector;
    }

    private synchronized InjectionDetector injectionDetector() {
        if (injectionDetector == null) {
            injectionDetector = new InjectionDetector(embeddingModel(), exemplarVectors());
        }
        return injectionDetector;
    }

    /** The safety exemplars' vectors per embedding model, kept in the table (see {@link dev.lumen.domain.vector.VectorSetCache}). */
    private dev.lumen.domain.vector.VectorSetCache exemplarVectors() {
        return new dev.lumen.adapter.dynamodb.DynamoDbVectorSetCache(dynamoDb, config.tableName(), clock);
    }

    /** {@code DELETE /api/users/{userId}}: no chat model, only the stores and the vector index. */
    public UserErasure userErasure() {
        UsageLedger ledger = usageLedger();
        dev.lumen.domain.activity.ActivityFeed feed = activityFeed();
        // The agents' activity feed is usage detail too: each entry names the user, session and tokens.
        dev.lumen.domain.proactive.ProactiveOutbox outbox = proactiveOutbox();
        dev.lumen.domain.proactive.GoalStore goals = new dev.lumen.adapter.dynamodb.DynamoDbGoalStore(dynamoDb, config.tableName());
        return new UserErasure(conversations, memory(), learning, userId -> ledger.eraseUser(userId) + feed.eraseUser(userId),
                userId -> outbox.eraseUser(userId) + goals.eraseUser(userId)).withConnections(connectionRegistry());
    }

    /** {@code POST /api/messages/{messageId}/feedback}: stores only, no model, so the function starts fast. */
    public dev.lumen.domain.feedback.FeedbackService feedback() {
        return new dev.lumen.domain.feedback.FeedbackService(conversations, learning, activityFeed(), clock);
    }

    /** Reading a session needs no model: built without one, so those functions start faster. */
    public SessionHistory sessionHistory() {
        return new SessionHistory(personas, conversations);
    }

    /** The interaction worker's use case: memory, traits, emotional state, profile, patterns, usage. */
    public synchronized LearningService learning() {
        if (learningService == null) {
            learningService = new LearningService(learning, memory(),
                    new ModelTraitExtractor(chatModel()).withUsage(usageMeter()), clock);
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

    /** The open WebSocket connections, on the table. */
    public dev.lumen.domain.realtime.ConnectionRegistry connectionRegistry() {
        return new dev.lumen.adapter.dynamodb.DynamoDbConnectionRegistry(dynamoDb, config.tableName());
    }

    /**
     * Pushes frames through the WebSocket API's management endpoint ({@code LUMEN_WEBSOCKET_ENDPOINT}:
     * {@code https://{api}.execute-api.{region}.amazonaws.com/{stage}}, locally the runner's own URL).
     */
    public dev.lumen.domain.realtime.RealtimePush realtimePush() {
        return Environment.optional(WEBSOCKET_ENDPOINT)
                .<dev.lumen.domain.realtime.RealtimePush>map(endpoint -> new dev.lumen.adapter.apigateway.ManagementApiPush(
                        java.net.URI.create(endpoint), config.region()))
                // Built anyway, so a function without the variable still starts; only pushing fails.
                .orElse((connectionId, payload) -> {
                    throw new dev.lumen.domain.error.UnavailableException("realtime_unavailable",
                            WEBSOCKET_ENDPOINT + " is not set: there is no WebSocket API to push through", null);
                });
    }

    /** Chat over WebSocket ({@code RealtimeHandler}); chat and typing are built on first use. */
    public dev.lumen.domain.realtime.RealtimeChat realtimeChat() {
        return new dev.lumen.domain.realtime.RealtimeChat(connectionRegistry(), realtimePush(),
                new dev.lumen.functions.realtime.JsonFrameWriter(), this::chat, this::typing, clock);
    }

    /**
     * Whether a user has a live WebSocket connection, for proactive delivery; {@code Connections.NONE}
     * when this function has no management endpoint to push through.
     */
    public dev.lumen.domain.proactive.Connections liveConnections() {
        return Environment.optional(WEBSOCKET_ENDPOINT).isEmpty() ? dev.lumen.domain.proactive.Connections.NONE
                : new dev.lumen.domain.realtime.LiveConnections(connectionRegistry(), clock);
    }

    /** Where the WebSocket API's management API is; see {@link #realtimePush()}. */
    public static final String WEBSOCKET_ENDPOINT = "LUMEN_WEBSOCKET_ENDPOINT";

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
        return new KnowledgeQuery(new KnowledgeSearch(embeddingModel(), vectorStore()), chatModel())
                .withUsage(usageMeter());
    }

    public ContentDrafts contentDrafts() {
        return new ContentDrafts(new DynamoDbCreatorRepository(dynamoDb, config.tableName()),
                new KnowledgeSearch(embeddingModel(), vectorStore()), chatModel()).withUsage(usageMeter());
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
            // Chunks that read as prompt injection are quarantined, never indexed.
            InjectionDetector screen = injectionDetector();
            indexer = new KnowledgeIndexer(embeddingModel(), vectorStore(), TextSplitter.defaults(), clock, screen::check);
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
            ChatModel model = switch (config.chatModel()) {
                case OFFLINE -> new OfflineChatModel();
                case BEDROCK -> modelChain();
            };
            // Every call's tokens and cost per answering model, as EMF metrics.
            chatModel = new dev.lumen.functions.observability.MeteredChatModel(model, usageConfig().prices(),
                    dev.lumen.functions.observability.Metrics.standard());
        }
        return chatModel;
    }

    /**
     * The Bedrock models of {@link ModelConfig}, primary first, behind the fallback chain: the one
     * place chat calls are retried, over a client that makes one attempt per call (see
     * {@link BedrockClients#createWithoutRetries}); embeddings keep their own client with SDK retries.
     */
    private ChatModel modelChain() {
        ModelConfig models = ModelConfig.fromEnvironment();
        BedrockRuntimeClient client = BedrockClients.createWithoutRetries(config.region(), config.bedrockEndpoint(),
                models.policy().attemptTimeout());
        List<FallbackChatModel.Named> chain = new java.util.ArrayList<>();
        for (String id : models.requireModelIds()) {
            chain.add(new FallbackChatModel.Named(id, new BedrockChatModel(client, id)));
        }
        return FallbackChatModel.of(chain, models.policy(), clock);
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

    // ---------------------------------------------------------------- agent platform (issue 7)
    private dev.lumen.domain.agent.AgentCycles agentCycles;
    private AgentConfig agentConfig;
    private final java.util.Map<dev.lumen.domain.agent.AgentType, dev.lumen.domain.agent.Agent> builtAgents =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Asking for agent work, doing it, and reporting on it. Cheap to build: each agent, the examiner
     * and the proposal submission are only built when a run needs them, so the schedule functions
     * (which only enqueue) never construct an agent.
     */
    public synchronized dev.lumen.domain.agent.AgentCycles agentCycles() {
        if (agentCycles == null) {
            java.util.Map<dev.lumen.domain.agent.AgentType, dev.lumen.domain.agent.Agent> agents =
                    new java.util.EnumMap<>(dev.lumen.domain.agent.AgentType.class);
            for (dev.lumen.domain.agent.AgentType type : dev.lumen.domain.agent.AgentType.values()) {
                agents.put(type, new dev.lumen.domain.agent.Agent() {
                    @Override
                    public dev.lumen.domain.agent.AgentType type() {
                        return type;
                    }

                    @Override
                    public dev.lumen.domain.agent.CycleOutcome run(dev.lumen.domain.agent.CycleContext context) {
                        return builtAgents.computeIfAbsent(type, Components.this::agent).run(context);
                    }
                });
            }
            agentCycles = new dev.lumen.domain.agent.AgentCycles(
                    work -> new dev.lumen.adapter.sqs.SqsAgentWorkPublisher(sqs(), agentConfig().requireAgentWorkQueueUrl())
                            .publish(work),
                    new dev.lumen.adapter.dynamodb.DynamoDbAgentRunRepository(dynamoDb, config.tableName()),
                    new dev.lumen.adapter.dynamodb.DynamoDbFindingRepository(dynamoDb, config.tableName(),
                            agentConfig().findingsRetention()),
                    (agent, runId, drafts, at) -> proposalSubmission().submit(agent, runId, drafts, at),
                    (agent, runId) -> agentExaminer().examine(agent, runId),
                    new dev.lumen.adapter.dynamodb.DynamoDbCustodyRepository(dynamoDb, config.tableName()),
                    agents, agentConfig().periods(), agentConfig().workerTimeout(), clock);
        }
        return agentCycles;
    }

    /**
     * The agent of one type, built on its first cycle in this container (see {@link #agentCycles()}).
     * A type without an agent here fails every cycle, recorded as FAILED ({@code agent_not_built}).
     */
    public dev.lumen.domain.agent.Agent agent(dev.lumen.domain.agent.AgentType type) {
        switch (type) {
            case IMPERIUM:
                return new dev.lumen.domain.agent.imperium.Imperium(
                        new dev.lumen.adapter.dynamodb.DynamoDbActivityFeed(dynamoDb, config.tableName()),
                        new dev.lumen.adapter.dynamodb.DynamoDbFindingRepository(dynamoDb, config.tableName(),
                                agentConfig().findingsRetention()),
                        learning, new dev.lumen.domain.custody.KnowledgeTransfer(custody()));
            case SANDBOX:
                return new dev.lumen.domain.agent.sandbox.Sandbox(custody());
            case GUARDIAN:
                return guardian();
            case CONQUEST:
                return new dev.lumen.domain.agent.conquest.ConquestAgent(activityFeed(), usageConfig().prices(),
                        dev.lumen.domain.agent.conquest.ConquestAgent.Thresholds.defaults());
            default:
                break;
        }
        return new dev.lumen.domain.agent.Agent() {
            @Override
            public dev.lumen.domain.agent.AgentType type() {
                return type;
            }

            @Override
            public dev.lumen.domain.agent.CycleOutcome run(dev.lumen.domain.agent.CycleContext context) {
                throw new dev.lumen.domain.error.UnavailableException("agent_not_built",
                        "the " + type.slug() + " agent is not built yet", null);
            }
        };
    }

    /**
     * Runs custody examinations for the agent worker: the custody use case, built when the first
     * examination runs (see {@link #agentCycles()}).
     */
    public dev.lumen.domain.agent.AgentExaminer agentExaminer() {
        return custody();
    }

    // ---------------------------------------------------------------- custody protocol (issue 7)
    private dev.lumen.domain.custody.Custody custody;

    /**
     * The custody use case: examinations (the agent worker, through {@link #agentExaminer()}), the
     * custody reports, and what Imperium's knowledge transfer and Sandbox's experiments run on. The
     * bank is loaded and checked once per container; the model answers as the examinee and judges
     * rubric tests.
     */
    public synchronized dev.lumen.domain.custody.Custody custody() {
        if (custody == null) {
            // The model is built on its first call: the reports function never calls it, so it starts without one.
            // Metered: every call agent work makes is priced and charged to the agent, within its daily budget.
            // The gauge reports each agent's share of its daily budget (EMF BudgetUse, Budget=agent-daily).
            ChatModel model = new dev.lumen.domain.usage.AgentModelMeter(request -> chatModel().reply(request),
                    new dev.lumen.functions.observability.BudgetGauge(usageLedger(), usageConfig().budgets(),
                            usageConfig().agentDaily(), dev.lumen.functions.observability.Metrics.standard()),
                    usageConfig().prices(), usageConfig().agentDaily(), clock);
            dev.lumen.domain.custody.Graders graders = dev.lumen.domain.custody.Graders.standard(model);
            custody = new dev.lumen.domain.custody.Custody(dev.lumen.domain.custody.TestBank.load(graders), graders,
                    model, new dev.lumen.adapter.dynamodb.DynamoDbCustodyRepository(dynamoDb, config.tableName()),
                    new dev.lumen.adapter.dynamodb.DynamoDbExamTranscripts(dynamoDb, config.tableName()),
                    new dev.lumen.adapter.dynamodb.DynamoDbMentoringMaterial(dynamoDb, config.tableName()), clock);
        }
        return custody;
    }

    /** Puts agent work (an examination asked through the API) on the agent-work queue. */
    public dev.lumen.domain.agent.AgentWorkPublisher agentWorkPublisher() {
        return work -> new dev.lumen.adapter.sqs.SqsAgentWorkPublisher(sqs(), agentConfig().requireAgentWorkQueueUrl())
                .publish(work);
    }

    /**
     * Where agent cycles submit their proposals: the proposal use case, built when a cycle first has
     * proposals (see {@link #agentCycles()}); if submitting fails the run ends PARTIAL, its findings kept.
     */
    public dev.lumen.domain.proposal.ProposalSubmission proposalSubmission() {
        return proposals();
    }

    /** {@code GET /api/status}: build, stage, queue depths (where configured) and the agents' last runs. */
    public dev.lumen.domain.health.SystemStatus systemStatus() {
        java.util.Map<String, java.util.function.LongSupplier> depths = new java.util.LinkedHashMap<>();
        config.queues().interactionsQueueUrl().ifPresent(url -> depths.put("interactions",
                () -> new SqsQueueDepth(sqs(), url).approximateMessages()));
        config.queues().ingestQueueUrl().ifPresent(url -> depths.put("ingest",
                () -> new SqsQueueDepth(sqs(), url).approximateMessages()));
        agentConfig().agentWorkQueueUrl().ifPresent(url -> depths.put("agent-work",
                () -> new SqsQueueDepth(sqs(), url).approximateMessages()));
        dev.lumen.domain.agent.AgentCycles cycles = agentCycles();
        return new dev.lumen.domain.health.SystemStatus(agentConfig().version(), agentConfig().stage(), depths,
                cycles::status, clock);
    }

    /** {@code GET /api/database/health}: the table's status and how fast it answers. */
    public dev.lumen.domain.health.DatabaseProbe databaseProbe() {
        return new dev.lumen.adapter.dynamodb.DynamoDbDatabaseProbe(dynamoDb, config.tableName());
    }

    private synchronized AgentConfig agentConfig() {
        if (agentConfig == null) {
            agentConfig = AgentConfig.fromEnvironment();
        }
        return agentConfig;
    }

    // ---------------------------------------------------------------- proposals, activity feed, Guardian (issue 7)
    /**
     * Agents' proposals: submitted by the agent worker (gated by custody), listed, approved and
     * rejected by admins; an approved trait adjustment goes through the trait-update use case.
     */
    public dev.lumen.domain.proposal.Proposals proposals() {
        return new dev.lumen.domain.proposal.Proposals(
                new dev.lumen.adapter.dynamodb.DynamoDbProposalRepository(dynamoDb, config.tableName()),
                new dev.lumen.adapter.dynamodb.DynamoDbCustodyRepository(dynamoDb, config.tableName()), personas, clock);
    }

    /** What happened, by the hour, for the agents to study (written by the workers, kept a few days). */
    public dev.lumen.domain.activity.ActivityFeed activityFeed() {
        return new dev.lumen.adapter.dynamodb.DynamoDbActivityFeed(dynamoDb, config.tableName());
    }

    /** Records chat turns (interaction worker) and settled documents (ingest worker) in the feed. */
    public dev.lumen.domain.activity.ActivityRecorder activityRecorder() {
        return new dev.lumen.domain.activity.ActivityRecorder(activityFeed(), usageConfig().prices(), documents());
    }

    /**
     * The security agent over the stored conversations, escalations and knowledge, with the same
     * crisis and injection detectors chat and ingestion use.
     */
    private dev.lumen.domain.agent.Agent guardian() {
        CrisisDetector crisis = crisisDetector();
        InjectionDetector injection = injectionDetector();
        return new dev.lumen.domain.agent.guardian.GuardianAgent(activityFeed(), conversations,
                new DynamoDbEscalationRepository(dynamoDb, config.tableName()),
                new dev.lumen.domain.agent.guardian.StoredKnowledgeTexts(documents(), contentStore(),
                        new DocumentTextExtractor(), TextSplitter.defaults()),
                crisis::assess, injection::check, runtimeSettings());
    }

    /** The settings the Guardian checks, as this container runs with them. */
    private dev.lumen.domain.agent.guardian.RuntimeSettings runtimeSettings() {
        int perMinute = RateLimitConfig.fromEnvironment().bucket().map(dev.lumen.domain.access.TokenBucket::perMinute)
                .orElse(0);
        return new dev.lumen.domain.agent.guardian.RuntimeSettings(
                Environment.optional("LUMEN_AUTH").orElse("jwt"), perMinute,
                Environment.optional("LUMEN_CORS_ALLOW_ORIGIN").orElse(null), usageConfig().budgets(),
                agentConfig().stage());
    }

    // ---------------------------------------------------------------- state snapshots (issue 8)
    private dev.lumen.domain.snapshot.Snapshots snapshots;

    /**
     * Versioned, checksummed snapshots of personas, users and agents (CBOR + DEFLATE in the table),
     * pruned to {@code LUMEN_SNAPSHOT_KEEP}; restores go through the persona and learning use cases.
     */
    public synchronized dev.lumen.domain.snapshot.Snapshots snapshots() {
        if (snapshots == null) {
            snapshots = new dev.lumen.domain.snapshot.Snapshots(
                    new dev.lumen.adapter.dynamodb.DynamoDbSnapshotStore(dynamoDb, config.tableName()),
                    new dev.lumen.adapter.cbor.CborSnapshotCodec(),
                    List.of(new dev.lumen.domain.snapshot.PersonaStateAccess(personas),
                            new dev.lumen.domain.snapshot.UserStateAccess(learning, clock),
                            new dev.lumen.domain.snapshot.AgentStateAccess(
                                    new dev.lumen.adapter.dynamodb.DynamoDbCustodyRepository(dynamoDb, config.tableName()),
                                    new dev.lumen.adapter.dynamodb.DynamoDbMentoringMaterial(dynamoDb, config.tableName()))),
                    SnapshotConfig.fromEnvironment().keep(), clock);
        }
        return snapshots;
    }

    /** The schedule's run: what the activity feed says was active, snapshotted only where it changed. */
    public dev.lumen.domain.snapshot.ScheduledSnapshots scheduledSnapshots() {
        return new dev.lumen.domain.snapshot.ScheduledSnapshots(snapshots(), activityFeed(), clock);
    }

    // ---------------------------------------------------------------- proactive engagement (issue 8)
    private dev.lumen.domain.proactive.ProactiveSettings proactiveSettings;
    private volatile WebhookHolder webhook;

    /** Goal statuses and the user's time zone: {@code /api/users/{userId}/goals}, {@code …/time-zone}. */
    public dev.lumen.domain.proactive.GoalTracking goalTracking() {
        return new dev.lumen.domain.proactive.GoalTracking(
                new dev.lumen.adapter.dynamodb.DynamoDbGoalStore(dynamoDb, config.tableName()), clock);
    }

    /** The proactive messages and their states ({@code GET /api/users/{userId}/proactive}, the workers). */
    public dev.lumen.domain.proactive.ProactiveOutbox proactiveOutbox() {
        return new dev.lumen.adapter.dynamodb.DynamoDbProactiveOutbox(dynamoDb, config.tableName());
    }

    /** The hourly trigger evaluation: activity feed, emotional state, goals, time zone, live connections. */
    public dev.lumen.domain.proactive.ProactiveEvaluation proactiveEvaluation() {
        dev.lumen.domain.proactive.ProactiveSettings settings = proactiveSettings();
        dev.lumen.domain.proactive.GoalTracking goals = goalTracking();
        return new dev.lumen.domain.proactive.ProactiveEvaluation(activityFeed(), learning,
                new DynamoDbPersonaRepository(dynamoDb, config.tableName()), config.coreTraits(), goals.statuses(),
                liveConnections(), goals::zoneOf,
                new dev.lumen.domain.proactive.ProactivePlanner(settings, proactiveOutbox(), chatModel(), clock),
                settings, clock);
    }

    /** Moves due messages to the delivery queue (the dispatcher schedule). */
    public dev.lumen.domain.proactive.ProactiveDispatch proactiveDispatch() {
        return new dev.lumen.domain.proactive.ProactiveDispatch(proactiveOutbox(),
                new dev.lumen.adapter.sqs.SqsDeliveryQueue(sqs(), ProactiveConfig.requireDeliveryQueueUrl()), clock);
    }

    /**
     * The delivery worker's use case. The management API client is only built when a user has a live
     * connection to push to; the webhook is read from the environment on each delivery (see {@link #webhook()}).
     */
    public dev.lumen.domain.proactive.ProactiveDelivery proactiveDelivery() {
        return new dev.lumen.domain.proactive.ProactiveDelivery(proactiveOutbox(), connectionRegistry(),
                (connectionId, payload) -> proactivePush().push(connectionId, payload), webhook(), clock);
    }

    private dev.lumen.domain.realtime.RealtimePush proactivePush;

    /** The management API client, built on the first push only (most deliveries go to the webhook). */
    private synchronized dev.lumen.domain.realtime.RealtimePush proactivePush() {
        if (proactivePush == null) {
            proactivePush = realtimePush();
        }
        return proactivePush;
    }

    /**
     * The configured webhook, or {@link dev.lumen.domain.proactive.Webhook#NONE}. Resolved on each call and
     * the client kept while the URL and secret stay the same: the local runner sets them after start.
     */
    private dev.lumen.domain.proactive.Webhook webhook() {
        return new dev.lumen.domain.proactive.Webhook() {
            @Override
            public boolean configured() {
                return ProactiveConfig.webhook().isPresent();
            }

            @Override
            public void send(String messageId, String payload) {
                ProactiveConfig.WebhookTarget target = ProactiveConfig.webhook()
                        .orElseThrow(() -> new IllegalStateException("no webhook is configured"));
                WebhookHolder held = webhook;
                if (held == null || !held.target().equals(target)) {
                    held = new WebhookHolder(target, new dev.lumen.adapter.webhook.SignedWebhook(target.url(),
                            target.secret(), clock));
                    webhook = held;
                }
                held.webhook().send(messageId, payload);
            }
        };
    }

    private record WebhookHolder(ProactiveConfig.WebhookTarget target, dev.lumen.adapter.webhook.SignedWebhook webhook) {
    }

    private synchronized dev.lumen.domain.proactive.ProactiveSettings proactiveSettings() {
        if (proactiveSettings == null) {
            proactiveSettings = ProactiveConfig.settings();
        }
        return proactiveSettings;
    }

    private synchronized SqsClient sqs() {
        if (sqs == null) {
            sqs = SqsClients.create(config.region(), config.queues().sqsEndpoint());
        }
        return sqs;
    }
}
