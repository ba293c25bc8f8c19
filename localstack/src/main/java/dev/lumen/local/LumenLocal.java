package dev.lumen.local;

import dev.lumen.local.bench.EmbeddingBenchmark;
import dev.lumen.local.bench.MemoryBenchmark;
import dev.lumen.local.bench.RetrievalBenchmark;
import dev.lumen.local.bench.RoundTripBenchmark;
import dev.lumen.local.bench.VectorStoreBenchmark;
import dev.lumen.adapter.aws.ClientCredentials;
import dev.lumen.adapter.dynamodb.DynamoDbLocalServer;
import dev.lumen.adapter.onnx.MiniLmEmbeddingModel;
import dev.lumen.local.dynamodb.TableProvisioner;
import dev.lumen.local.http.CorsPolicy;
import dev.lumen.local.http.HttpApi;
import dev.lumen.local.http.RouteTable;
import dev.lumen.local.lambda.LocalFunction;
import dev.lumen.local.lambda.LocalFunctions;
import dev.lumen.local.schedule.LocalScheduler;
import dev.lumen.local.sqs.LocalQueues;
import dev.lumen.local.sqs.QueuePoller;
import dev.lumen.local.template.FunctionSpec;
import dev.lumen.local.template.Intrinsics;
import dev.lumen.local.template.QueueSpec;
import dev.lumen.local.template.SamTemplate;
import dev.lumen.local.template.SqsEventSpec;
import dev.lumen.local.template.TableSpec;
import dev.lumen.local.template.TemplateException;
import dev.lumen.local.web.ApiDocs;
import dev.lumen.local.web.LocalWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The local stack in one JVM, no AWS account and no Docker: DynamoDB Local with the template's
 * table, ElasticMQ with the template's queues, the template's functions (the same handler classes
 * Lambda runs), the HTTP API that routes to them, plus {@code POST /invoke/<function>} for raw
 * events; queues are polled into their functions as Lambda's event source mappings do
 * ({@link QueuePoller}) and schedules fire ({@link LocalScheduler}). Everything listens on 127.0.0.1.
 *
 * <p>Start: {@code java -jar localstack/target/lumen-local.jar}; configuration in {@link LocalSettings}.
 * Four things start side by side, since each takes a second or more: DynamoDB Local (then the
 * table), ElasticMQ (then the queues), the handlers, and Spring Boot. Pollers and schedules start
 * once all four are; then the runner reports ready.
 */
public final class LumenLocal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LumenLocal.class);
    private static final String LOOPBACK = "127.0.0.1";

    private final LocalSettings settings;
    private final DynamoDbLocalServer dynamoDb;
    private final LocalWebServer web;
    private final LocalFunctions functions;
    private final Map<String, String> tableNames;
    private final LocalQueues queues;
    private final List<QueuePoller> pollers;
    private final LocalScheduler scheduler;
    /** The system properties this runner set, with what they held before; {@link #close} puts those back. */
    private final Map<String, String> replacedProperties = new LinkedHashMap<>();

    private LumenLocal(LocalSettings settings, DynamoDbLocalServer dynamoDb, LocalWebServer web,
                       LocalFunctions functions, Map<String, String> tableNames, LocalQueues queues,
                       List<QueuePoller> pollers, LocalScheduler scheduler) {
        this.settings = settings;
        this.dynamoDb = dynamoDb;
        this.web = web;
        this.functions = functions;
        this.tableNames = tableNames;
        this.queues = queues;
        this.pollers = pollers;
        this.scheduler = scheduler;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("bench")) {
            RoundTripBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("bench-all")) {
            dev.lumen.local.bench.AllBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("bench-cold")) {
            dev.lumen.local.bench.ColdStartBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("bench-embeddings")) {
            EmbeddingBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("bench-vectors")) {
            VectorStoreBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("bench-memory")) {
            MemoryBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("bench-safety")) { dev.lumen.local.bench.SafetyBenchmark.main(Arrays.copyOfRange(args, 1, args.length)); return; }
        if (args.length > 0 && args[0].equals("bench-injection")) { dev.lumen.local.bench.InjectionBenchmark.main(Arrays.copyOfRange(args, 1, args.length)); return; }
        if (args.length > 0 && (args[0].equals("localstack-init") || args[0].equals("localstack-sam-env"))) {
            dev.lumen.local.docker.LocalStackFiles.main(args);
            return;
        }
        if (args.length > 0 && args[0].equals("mint-token")) {
            dev.lumen.local.auth.DevTokens.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("bench-retrieval")) {
            RetrievalBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        long jvmStart = ProcessHandle.current().info().startInstant()
                .map(Instant::toEpochMilli).orElse(System.currentTimeMillis());
        try {
            LumenLocal local = start(LocalSettings.fromEnvironment(System.getenv()), jvmStart, args);
            Runtime.getRuntime().addShutdownHook(new Thread(local::close, "lumen-local-shutdown"));
        } catch (RuntimeException e) {
            // The reason is enough to act on; the stack trace is there for whoever enables DEBUG.
            LOG.atError().setMessage("Lumen local stack did not start: {}").addArgument(reasons(e)).log();
            LOG.atDebug().setMessage("start failure").setCause(e).log();
            System.exit(1);
        }
    }

    /** Starts everything; the start time logged is measured from this call. */
    public static LumenLocal start(LocalSettings settings, String... args) {
        return start(settings, System.currentTimeMillis(), args);
    }

    static LumenLocal start(LocalSettings settings, long startedAtMillis, String... args) {
        long begin = System.nanoTime();
        routeJavaUtilLogging();
        if (!Files.isRegularFile(settings.template())) {
            throw new TemplateException("template not found at " + settings.template()
                    + "; run from the project folder or set LUMEN_TEMPLATE");
        }
        SamTemplate template = SamTemplate.load(settings.template());
        Map<String, String> tableNames = tableNames(template, settings.tableName());
        int dynamoDbPort = settings.dynamoDbPort() == 0 ? freePort() : settings.dynamoDbPort();
        URI dynamoDbEndpoint = URI.create("http://" + LOOPBACK + ":" + dynamoDbPort);
        List<QueueSpec> queueSpecs = template.queues();
        int sqsPort = settings.sqsPort() == 0 ? freePort() : settings.sqsPort();
        URI sqsEndpoint = LocalQueues.endpoint(sqsPort);
        // Known before the handlers are built: they push WebSocket frames to this port (/@connections).
        int webPort = settings.port() == 0 ? freePort() : settings.port();
        HandlerEnvironment environment = handlerEnvironment(template, settings, dynamoDbEndpoint, tableNames, sqsEndpoint,
                webPort);
        // Before any handler exists: handlers read their configuration when they are built.
        Map<String, String> replaced = new LinkedHashMap<>();
        environment.global().forEach((name, value) -> replaced.put(name, System.setProperty(name, value)));

        // Handlers only need DynamoDB Local's address, not its answers, so they are built meanwhile.
        CompletableFuture<DynamoDbLocalServer> dynamoDbStarted = inThread("dynamodb-local-start", () -> {
            DynamoDbLocalServer server = startDynamoDb(settings, dynamoDbPort, template, tableNames);
            LOG.atDebug().setMessage("DynamoDB Local ready").addKeyValue("ms", millisSince(begin)).log();
            return server;
        });
        CompletableFuture<LocalQueues> queuesStarted = inThread("elasticmq-start", () -> {
            LocalQueues started = LocalQueues.start(sqsPort, settings.region(), queueSpecs);
            LOG.atDebug().setMessage("ElasticMQ ready").addKeyValue("ms", millisSince(begin))
                    .addKeyValue("queues", queueSpecs.size()).log();
            return started;
        });
        CompletableFuture<List<LocalFunction>> functionsBuilt = inThread("functions-start", () -> {
            List<LocalFunction> built = new ArrayList<>();
            for (FunctionSpec spec : template.functions()) {
                built.add(LocalFunction.instantiate(spec, environment.forFunction(spec), settings.region()));
            }
            environment.reportGaps(System.getenv());
            LOG.atDebug().setMessage("functions built").addKeyValue("ms", millisSince(begin)).log();
            return built;
        });
        LocalFunctions functions = LocalFunctions.building(
                template.functions().stream().map(FunctionSpec::logicalId).toList(), functionsBuilt);

        LocalWebServer web = null;
        List<QueuePoller> pollers = new ArrayList<>();
        LocalScheduler scheduler = null;
        try {
            Intrinsics intrinsics = intrinsics(template, settings.region(), tableNames, sqsEndpoint);
            Optional<CorsPolicy> cors = template.resources(SamTemplate.HTTP_API).stream().findFirst()
                    .flatMap(httpApi -> CorsPolicy.of(httpApi, intrinsics));
            HttpApi api = new HttpApi(new RouteTable(template.httpRoutes()), functions, cors,
                    settings.access().authenticator(), template.openRouteKeys());
            announceAuthentication(settings.access());
            Optional<dev.lumen.local.ws.LocalWebSocketApi> realtime = dev.lumen.local.ws.WebSocketRoutes.of(template)
                    .map(routes -> new dev.lumen.local.ws.LocalWebSocketApi(routes, functions,
                            settings.access().authenticator(), LOOPBACK + ":" + webPort));
            // openapi.yaml sits beside template.yaml, as both describe the same API (see OpenApiDocumentTest).
            web = LocalWebServer.start(webPort, api, functions, realtime,
                    Optional.of(settings.template().toAbsolutePath().resolveSibling("openapi.yaml")), args);
            LOG.atDebug().setMessage("web server ready").addKeyValue("ms", millisSince(begin)).log();
            Map<String, LocalFunction> built = functions.await();
            DynamoDbLocalServer dynamoDb = join(dynamoDbStarted);
            LocalQueues queues = join(queuesStarted);
            for (SqsEventSpec source : template.sqsEvents()) {
                pollerFor(source, queues, built, settings).map(QueuePoller::start).ifPresent(pollers::add);
            }
            scheduler = new LocalScheduler(settings.schedulesEnabled() ? template.schedules() : List.of(), built,
                    settings.region(), Clock.systemUTC()).start();
            LumenLocal local = new LumenLocal(settings, dynamoDb, web, functions, tableNames, queues, pollers, scheduler);
            local.replacedProperties.putAll(replaced);
            LOG.atInfo().setMessage("Lumen local stack ready in {} ms: API {}, invoke POST {}/invoke/<function>, DynamoDB Local {}, SQS (ElasticMQ) {}")
                    .addArgument(System.currentTimeMillis() - startedAtMillis)
                    .addArgument(local.baseUrl())
                    .addArgument(local.baseUrl())
                    .addArgument(dynamoDbEndpoint)
                    .addArgument(sqsEndpoint)
                    .addKeyValue("routes", template.httpRoutes().size())
                    .addKeyValue("docs", local.baseUrl() + ApiDocs.DOCS_PATH)
                    .addKeyValue("chat", local.baseUrl() + dev.lumen.local.web.WebChat.PAGE_PATH)
                    .addKeyValue("websocket", realtime.isPresent() ? local.baseUrl().replace("http://", "ws://") + "/ws" : "none")
                    .addKeyValue("functions", functions.names().size())
                    .addKeyValue("queues", queueSpecs.size())
                    .addKeyValue("pollers", pollers.size())
                    .addKeyValue("schedules", settings.schedulesEnabled() ? scheduler.active().size() : "off")
                    .addKeyValue("table", settings.tableName())
                    .addKeyValue("dynamodbData", settings.dynamoDbInMemory() ? "in-memory" : settings.dataDir().resolve("dynamodb"))
                    .addKeyValue("vectors", settings.vectorStore().equals("lucene") ? settings.vectorDir()
                            : settings.openSearchUrl().orElseThrow())
                    .log();
            warmUpEmbeddings();
            return local;
        } catch (RuntimeException | Error e) {
            if (scheduler != null) {
                scheduler.close();
            }
            pollers.forEach(QueuePoller::close);
            if (web != null) {
                web.close();
            }
            dynamoDbStarted.thenAccept(DynamoDbLocalServer::close);
            queuesStarted.thenAccept(LocalQueues::close);
            throw e;
        }
    }

    /**
     * Says loudly when requests are not authenticated: with {@code LUMEN_AUTH=off} anyone who can
     * reach the port is an admin, which is right for a laptop and wrong anywhere else.
     */
    private static void announceAuthentication(dev.lumen.local.auth.LocalAccess access) {
        if (access.mode() == dev.lumen.local.auth.AuthMode.OFF) {
            String line = "*".repeat(100);
            LOG.atWarn().setMessage("\n{}\n*** authentication is OFF: every request acts as dev user '{}' with role admin;"
                            + " set LUMEN_AUTH=jwt (and LUMEN_JWT_SECRET) to verify tokens as API Gateway does ***\n{}")
                    .addArgument(line).addArgument(access.devUser()).addArgument(line).log();
        } else {
            LOG.atInfo().setMessage("authentication is on: bearer tokens are verified")
                    .addKeyValue("issuer", access.issuer()).addKeyValue("audience", access.audience())
                    .addKeyValue("hs256", access.hmacSecret().isPresent())
                    .addKeyValue("jwks", access.jwksFile().map(Object::toString).orElse("none")).log();
        }
    }

    /**
     * Loads the MiniLM model in the background (0.5–2 s), so the first chat after start does not
     * pay for it. Handlers share the loaded model: it is held once per JVM.
     */
    private static void warmUpEmbeddings() {
        inThread("embedding-warm-up", () -> {
            try {
                new MiniLmEmbeddingModel().embed("warm up");
            } catch (RuntimeException e) {
                LOG.atWarn().setMessage("could not load the embedding model; chat will try again").setCause(e).log();
            }
            return null;
        });
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String baseUrl() {
        return "http://" + LOOPBACK + ":" + web.port();
    }

    public URI dynamoDbEndpoint() {
        return dynamoDb.endpoint();
    }

    /** The local name of the template's (first) table. */
    public String tableName() {
        return settings.tableName();
    }

    /** Local table names by the template's logical ids. */
    public Map<String, String> tableNames() {
        return tableNames;
    }

    public LocalFunctions functions() {
        return functions;
    }

    /** The template's queues in ElasticMQ: URLs, depth, {@link LocalQueues#awaitDrained}. */
    public LocalQueues queues() {
        return queues;
    }

    /** The emulated schedules; {@link LocalScheduler#fireNow} runs one without waiting for it. */
    public LocalScheduler scheduler() {
        return scheduler;
    }

    public LocalSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        // Triggers first, so nothing is invoked while the stand-ins go away.
        try {
            restoreProperties();
            scheduler.close();
            pollers.forEach(QueuePoller::close);
            web.close();
        } finally {
            try {
                queues.close();
            } finally {
                dynamoDb.close();
            }
        }
    }

    /**
     * Puts back the system properties this runner replaced: a second runner started and closed in the same
     * JVM (a test's) must not leave its ports behind for the first one's handlers, which read some settings
     * lazily (the webhook, the WebSocket management endpoint).
     */
    private void restoreProperties() {
        replacedProperties.forEach((name, previous) -> {
            if (previous == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, previous);
            }
        });
    }

    /**
     * The poller of one {@code SQS} event, or none when the event is disabled or its queue is not one
     * of the template's (a queue owned elsewhere has no local stand-in).
     */
    private static Optional<QueuePoller> pollerFor(SqsEventSpec source, LocalQueues queues,
                                                   Map<String, LocalFunction> functions, LocalSettings settings) {
        String name = source.functionId() + "." + source.eventName();
        if (!source.enabled()) {
            LOG.atInfo().setMessage("SQS event is disabled in the template; not polled").addKeyValue("event", name).log();
            return Optional.empty();
        }
        if (!queues.logicalIds().contains(source.queueId())) {
            LOG.atWarn().setMessage("SQS event's queue is not declared in the template; not polled")
                    .addKeyValue("event", name).addKeyValue("queue", source.queueId()).log();
            return Optional.empty();
        }
        LocalFunction function = functions.get(source.functionId());
        QueueSpec queue = queues.spec(source.queueId());
        return Optional.of(new QueuePoller(queues.client(), new QueuePoller.Source(name,
                queues.url(source.queueId()), queues.arn(source.queueId()), settings.region(), source.batchSize(),
                source.reportBatchItemFailures(), queue.maxReceiveCount(), settings.sqsRetryDelay()), function));
    }

    /**
     * What the handlers are configured with: the template's variables, with the ones that must point
     * at the local stand-ins replaced.
     */
    private static HandlerEnvironment handlerEnvironment(SamTemplate template, LocalSettings settings,
                                                         URI dynamoDbEndpoint, Map<String, String> tableNames,
                                                         URI sqsEndpoint, int webPort) {
        Map<String, String> localValues = new LinkedHashMap<>();
        // The WebSocket API's management API: the runner serves a copy of it at /@connections.
        localValues.put("LUMEN_WEBSOCKET_ENDPOINT", "http://" + LOOPBACK + ":" + webPort);
        localValues.put("TABLE_NAME", settings.tableName());
        localValues.put("AWS_REGION", settings.region());
        localValues.put("LUMEN_DYNAMODB_ENDPOINT", dynamoDbEndpoint.toString());
        localValues.put("LUMEN_CHAT_MODEL", settings.chatModel());
        // GET /api/status names the stage; locally it is no deployed one.
        localValues.put("LUMEN_STAGE", "local");
        localValues.put("LUMEN_SQS_ENDPOINT", sqsEndpoint.toString());
        // Memory: the in-process MiniLM model, and the embedded store unless a node was named.
        localValues.put("LUMEN_EMBEDDING_MODEL", "minilm");
        localValues.put("LUMEN_VECTOR_STORE", settings.vectorStore());
        localValues.put("LUMEN_VECTOR_DIR", settings.vectorDir().toString());
        settings.openSearchUrl().ifPresent(url -> localValues.put("LUMEN_OPENSEARCH_URL", url));
        // Uploaded documents: a folder instead of the S3 bucket.
        localValues.put("LUMEN_CONTENT_STORE", "files");
        localValues.put("LUMEN_DOCUMENTS_DIR", settings.dataDir().resolve("documents").toString());
        // The rate limit: off when every request is the one dev user, else as configured.
        localValues.putAll(settings.access().handlerValues());
        return new HandlerEnvironment(template, intrinsics(template, settings.region(), tableNames, sqsEndpoint),
                localValues);
    }

    private static DynamoDbLocalServer startDynamoDb(LocalSettings settings, int port, SamTemplate template,
                                                     Map<String, String> tableNames) {
        DynamoDbLocalServer server;
        try {
            server = DynamoDbLocalServer.start(port,
                    settings.dynamoDbInMemory() ? null : settings.dataDir().resolve("dynamodb"));
        } catch (RuntimeException e) {
            throw new IllegalStateException(e.getMessage()
                    + " (is something else on that port? set LUMEN_DYNAMODB_PORT, 0 picks a free one)", e);
        }
        try (DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.of(settings.region()))
                // DynamoDB Local checks that requests are signed, not by whom.
                .credentialsProvider(ClientCredentials.LOCAL)
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            TableProvisioner provisioner = new TableProvisioner(client);
            for (TableSpec table : template.tables()) {
                String name = tableNames.get(table.logicalId());
                if (provisioner.ensure(table, name)) {
                    LOG.atInfo().setMessage("created local table").addKeyValue("table", name)
                            .addKeyValue("logicalId", table.logicalId()).log();
                }
            }
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The first table gets the configured name; any others get it suffixed with their logical id. */
    private static Map<String, String> tableNames(SamTemplate template, String baseName) {
        Map<String, String> names = new LinkedHashMap<>();
        for (TableSpec table : template.tables()) {
            names.put(table.logicalId(), names.isEmpty() ? baseName
                    : baseName + "-" + table.logicalId().toLowerCase(Locale.ROOT));
        }
        return Map.copyOf(names);
    }

    private static Intrinsics intrinsics(SamTemplate template, String region, Map<String, String> tableNames,
                                         URI sqsEndpoint) {
        Map<String, String> refs = new LinkedHashMap<>(tableNames);
        Map<String, String> attributes = new LinkedHashMap<>();
        tableNames.forEach((logicalId, name) ->
                attributes.put(logicalId + ".Arn", "arn:aws:dynamodb:" + region + ":000000000000:table/" + name));
        for (QueueSpec queue : template.queues()) {
            // As in CloudFormation: Ref of a queue is its URL.
            String url = LocalQueues.url(sqsEndpoint, queue);
            refs.put(queue.logicalId(), url);
            attributes.put(queue.logicalId() + ".Arn", LocalQueues.arn(region, queue));
            attributes.put(queue.logicalId() + ".QueueName", queue.queueName());
            attributes.put(queue.logicalId() + ".QueueUrl", url);
        }
        for (FunctionSpec function : template.functions()) {
            refs.put(function.logicalId(), function.logicalId());
            attributes.put(function.logicalId() + ".Arn",
                    "arn:aws:lambda:" + region + ":000000000000:function:" + function.logicalId());
        }
        return new Intrinsics(template.parameterDefaults(), region, refs, attributes);
    }

    private static <T> CompletableFuture<T> inThread(String name, Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            thread.start();
        });
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Tomcat and sqlite4java log through java.util.logging. Spring Boot's logging system would bridge
     * it, but that system is off here (see {@link LocalWebServer}), so the runner does it.
     */
    private static void routeJavaUtilLogging() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    /** The messages of an exception and its causes, without repeats: "a: b: c". */
    private static String reasons(Throwable failure) {
        StringBuilder reasons = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && reasons.indexOf(message) < 0) {
                reasons.append(reasons.length() == 0 ? "" : ": ").append(message);
            }
        }
        return reasons.length() == 0 ? failure.getClass().getName() : reasons.toString();
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + LOOPBACK, e);
        }
    }
}
