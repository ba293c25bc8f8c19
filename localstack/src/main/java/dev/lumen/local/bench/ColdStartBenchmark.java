package dev.lumen.local.bench;

import com.sun.net.httpserver.HttpServer;
import dev.lumen.adapter.aws.ClientCredentials;
import dev.lumen.adapter.dynamodb.DynamoDbLocalServer;
import dev.lumen.local.dynamodb.TableProvisioner;
import dev.lumen.local.sqs.LocalQueues;
import dev.lumen.local.template.SamTemplate;
import dev.lumen.local.template.TableSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code bench-cold [runs]}: cold start of the Lambda handlers, each in a fresh JVM built from the
 * functions' shaded jar ({@code FirstInvocation}), from launch to the first response, against
 * DynamoDB Local and ElasticMQ started once here, the offline chat model, and a loopback stand-in
 * for Bedrock's Titan embeddings (in AWS the embedding is a Bedrock call too, not a model in the
 * JVM). The JVM flags are the template's {@code JAVA_TOOL_OPTIONS}. Handlers run interleaved, run
 * after run, beside {@code BareGetItem} (one DynamoDB GetItem), so machine noise hits all alike.
 *
 * <p>A second pass runs the SnapStart priming hooks before the first invocation and times that
 * invocation alone: what a container restored from a primed snapshot pays (the restore itself
 * excluded; it cannot be reproduced without a CRaC JVM).
 *
 * <p>Before the timed runs one chat launch, not timed with the others, fills the table's vector-set
 * cache with the safety exemplars' vectors (the deployment's first container ever, which embeds
 * them: its time and Titan calls are printed on their own). The timed runs then show a deployment's
 * steady state, where a new container reads them; the Titan calls of every launch are counted.
 *
 * <p>The vector store is the one Lambda uses: the OpenSearch adapter over HTTP, against a local
 * OpenSearch node started once for the run (or the node given by {@code --opensearch URL}), with the
 * shaded jar alone on the children's class path; see {@link ColdStartVectorStore}, which falls back
 * to the embedded Lucene store, and says so in the printed conditions, only when no node can be had.
 *
 * <p>Profiling: {@code -Dlumen.bench.cold.only=ChatHandler} limits the runs to that handler (and the
 * bare one); {@code -Dlumen.bench.cold.jvm="…"} adds JVM options to the children (class-load logs, JFR).
 */
public final class ColdStartBenchmark {
    private static final String CHAT = "ChatHandler";
    private static final String BARE = "BareGetItem";

    private record Target(String name, String handlerClass, String event) {
    }

    private static final List<Target> TARGETS = List.of(
            new Target(BARE, "dev.lumen.functions.priming.BareGetItem", "get-persona.json"),
            new Target("HealthHandler", "dev.lumen.functions.health.HealthHandler", "health.json"),
            new Target("GetPersonaHandler", "dev.lumen.functions.persona.GetPersonaHandler", "get-persona.json"),
            new Target("ListMessagesHandler", "dev.lumen.functions.chat.ListMessagesHandler", "list-messages.json"),
            new Target(CHAT, "dev.lumen.functions.chat.ChatHandler", "chat.json"),
            new Target("InteractionWorkerHandler", "dev.lumen.functions.worker.InteractionWorkerHandler",
                    "sqs-interaction-recorded.json"));

    /** @param embeddings Titan calls the launch made (the stand-in counts them) */
    private record Run(long launchMs, long initMs, long invokeMs, String result, int embeddings) {
    }

    private static final java.util.concurrent.atomic.AtomicInteger EMBEDDING_CALLS = new java.util.concurrent.atomic.AtomicInteger();

    private ColdStartBenchmark() {
    }

    /** {@code bench-cold [runs] [--opensearch URL]}. */
    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(List.of(args));
        java.util.Optional<URI> node = OpenSearchTarget.endpoint(rest);
        if (rest.size() > 1) {
            throw new IllegalArgumentException("unknown arguments " + rest + "; usage: bench-cold [runs] [--opensearch URL]");
        }
        int status = 0;
        try {
            run(rest.isEmpty() ? 10 : Integer.parseInt(rest.get(0)), name -> !name.equals(BARE), node);
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        // DynamoDB Local and ElasticMQ leave non-daemon threads behind (also after a failure).
        System.exit(status);
    }

    /**
     * One handler's cold start, for {@code bench-all}: launch → first response, its ratio to the bare
     * handler, the first invocation alone (cold, and after the priming hooks when that pass ran, else
     * -1) and the Titan calls of a launch (medians).
     */
    public record Row(String handler, long minMs, long medianMs, double timesBare, long firstInvocationMs,
                      long primedInvocationMs, int embeddingCalls, String result) {
    }

    /** What the deployment's first chat container paid to fill the vector-set cache (printed, and a row in bench-all). */
    public record Warmup(long launchMs, long invokeMs, int embeddingCalls, String result) {
    }

    /**
     * The rows, the warm-up launch that filled the cache before them, and the vector store the
     * children used ({@link ColdStartVectorStore#describe()}: OpenSearch, or the Lucene fallback and why).
     */
    public record Result(List<Row> rows, Warmup warmup, String vectorStore) {
    }

    /** A child that has not answered in this long is stuck, not slow (a launch takes seconds even on a loaded machine). */
    private static final long LAUNCH_TIMEOUT_SECONDS = 300;

    /** Runs the benchmark and prints its table; the stand-ins are stopped before it returns. */
    public static Result run(int runs) throws Exception {
        return run(runs, name -> !name.equals(BARE), java.util.Optional.empty());
    }

    /**
     * @param withPriming which handlers also get the second pass (priming hooks first); {@code bench-all}
     *                    gives it to chat only, to stay short
     * @param node        an OpenSearch node to use; empty: one is started for the run (one node for all launches)
     */
    public static Result run(int runs, java.util.function.Predicate<String> withPriming, java.util.Optional<URI> node)
            throws Exception {
        Path project = Path.of(System.getProperty("lumen.project", ".")).toAbsolutePath().normalize();
        Path functionsJar = functionsJar(project);
        Path events = project.resolve("events");
        SamTemplate template = SamTemplate.load(project.resolve("template.yaml"));
        String jvmOptions = jvmOptions(project.resolve("template.yaml"));
        Path work = Files.createTempDirectory("lumen-bench-cold");
        String region = "us-east-1";
        String table = "lumen-bench-cold";

        System.out.printf(Locale.ROOT, "cold start: %d runs per handler, %s%n  jar %s%n  JAVA_TOOL_OPTIONS=%s%n",
                runs, machine(), functionsJar, jvmOptions);
        ColdStartVectorStore vectors = ColdStartVectorStore.open(node, project, buildFolder(), work);
        System.out.println("  vector store: " + vectors.describe());
        DynamoDbLocalServer dynamoDb = DynamoDbLocalServer.start(freePort(), null);
        LocalQueues queues = LocalQueues.start(freePort(), region, template.queues());
        HttpServer titan = titanStub();
        try (vectors) {
            try (DynamoDbClient client = DynamoDbClient.builder().endpointOverride(dynamoDb.endpoint())
                    .region(Region.of(region)).credentialsProvider(ClientCredentials.LOCAL)
                    .httpClient(UrlConnectionHttpClient.create()).build()) {
                TableSpec spec = template.tables().get(0);
                new TableProvisioner(client).ensure(spec, table);
            }
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("JAVA_TOOL_OPTIONS", jvmOptions);
            environment.put("TABLE_NAME", table);
            environment.put("AWS_REGION", region);
            environment.put("LUMEN_DYNAMODB_ENDPOINT", dynamoDb.endpoint().toString());
            environment.put("LUMEN_SQS_ENDPOINT", queues.endpoint().toString());
            Map.of("INTERACTIONS_QUEUE_URL", "InteractionsQueue", "INGEST_QUEUE_URL", "IngestQueue",
                    "ESCALATIONS_QUEUE_URL", "EscalationsQueue", "AGENT_WORK_QUEUE_URL", "AgentWorkQueue",
                    "PROACTIVE_DELIVERY_QUEUE_URL", "ProactiveDeliveryQueue").forEach((name, queue) -> {
                        if (queues.logicalIds().contains(queue)) {
                            environment.put(name, queues.url(queue));
                        }
                    });
            environment.put("LUMEN_CHAT_MODEL", "offline");
            environment.put("LUMEN_EMBEDDING_MODEL", "titan");
            environment.put("LUMEN_BEDROCK_ENDPOINT", "http://127.0.0.1:" + titan.getAddress().getPort());
            vectors.configure(environment);
            environment.put("LUMEN_CONTENT_STORE", "files");
            environment.put("LUMEN_DOCUMENTS_DIR", work.resolve("documents").toString());
            String extra = System.getProperty("lumen.bench.cold.jvm", "").trim();
            if (!extra.isEmpty()) {
                environment.put("JAVA_TOOL_OPTIONS", jvmOptions + " " + extra);
            }
            String only = System.getProperty("lumen.bench.cold.only", "").trim();
            List<Target> targets = TARGETS.stream().filter(t -> only.isEmpty() || t.name().equals(BARE)
                    || List.of(only.split(",")).contains(t.name())).toList();
            String classPath = vectors.classPath(functionsJar);

            // The persona every event names, created the way the API creates it (not measured).
            Run seeded = launch(classPath, environment, "dev.lumen.functions.persona.CreatePersonaHandler",
                    events.resolve("create-persona.json"), false);
            System.out.printf(Locale.ROOT, "  seeded persona-ada: %s (create-persona, %d ms)%n", seeded.result(),
                    seeded.launchMs());
            // The deployment's first chat container: it embeds the safety exemplars and stores their vectors.
            Run first = launch(classPath, environment, "dev.lumen.functions.chat.ChatHandler",
                    events.resolve("chat.json"), false);
            Warmup warmup = new Warmup(first.launchMs(), first.invokeMs(), first.embeddings(), first.result());
            System.out.printf(Locale.ROOT, "  vector-set cache filled by the first chat container ever: %s, launch→response"
                    + " %d ms, first invocation %d ms, %d Titan calls (what one container per deployment and embedding"
                    + " model pays; every later one reads the vectors from the table)%n%n", first.result(), first.launchMs(),
                    first.invokeMs(), first.embeddings());

            Map<String, List<Run>> cold = new LinkedHashMap<>();
            Map<String, List<Run>> primed = new LinkedHashMap<>();
            for (int run = 1; run <= runs; run++) {
                for (Target target : targets) {
                    Path event = eventFor(target, events, work, run);
                    cold.computeIfAbsent(target.name(), k -> new ArrayList<>())
                            .add(launch(classPath, environment, target.handlerClass(), event, false));
                    if (withPriming.test(target.name())) {
                        primed.computeIfAbsent(target.name(), k -> new ArrayList<>())
                                .add(launch(classPath, environment, target.handlerClass(), eventFor(target, events, work,
                                        run + runs), true));
                    }
                }
                System.out.print(run == runs ? ".\n\n" : ".");
            }
            print(cold, primed);
            System.out.println("vector store: " + vectors.describe());
            long bare = median(cold.get(BARE), Run::launchMs);
            List<Row> rows = new ArrayList<>();
            cold.forEach((name, list) -> rows.add(new Row(name, min(list, Run::launchMs), median(list, Run::launchMs),
                    median(list, Run::launchMs) / (double) bare, median(list, Run::invokeMs),
                    primed.containsKey(name) ? median(primed.get(name), Run::invokeMs) : -1,
                    (int) median(list, r -> r.embeddings()), list.get(list.size() - 1).result())));
            return new Result(rows, warmup, vectors.describe());
        } finally {
            titan.stop(0);
            queues.close();
            dynamoDb.close();
        }
    }

    private static void print(Map<String, List<Run>> cold, Map<String, List<Run>> primed) {
        long bare = median(cold.get(BARE), Run::launchMs);
        System.out.printf(Locale.ROOT, "%-26s %18s %9s %10s %14s %16s %11s %8s%n", "handler", "launch→response ms",
                "× bare", "init ms", "1st invoke ms", "1st invoke ms", "Titan calls", "result");
        System.out.printf(Locale.ROOT, "%-26s %18s %9s %10s %14s %16s %11s %8s%n", "", "min / median", "(median)",
                "median", "median", "after priming", "per launch", "");
        for (Map.Entry<String, List<Run>> entry : cold.entrySet()) {
            List<Run> runs = entry.getValue();
            List<Run> afterPriming = primed.get(entry.getKey());
            System.out.printf(Locale.ROOT, "%-26s %8d / %7d %8.2f× %10d %14d %16s %11d %8s%n", entry.getKey(),
                    min(runs, Run::launchMs), median(runs, Run::launchMs), median(runs, Run::launchMs) / (double) bare,
                    median(runs, Run::initMs), median(runs, Run::invokeMs),
                    afterPriming == null ? "—" : Long.toString(median(afterPriming, Run::invokeMs)),
                    median(runs, Run::embeddings), runs.get(runs.size() - 1).result());
        }
        if (!cold.containsKey(CHAT)) {
            return; // -Dlumen.bench.cold.only named other handlers
        }
        System.out.printf(Locale.ROOT, "%nchat / bare (median launch→response): %.2f× (aim ≤ 1.5×)%n",
                median(cold.get(CHAT), Run::launchMs) / (double) bare);
        if (primed.containsKey(CHAT)) {
            System.out.printf(Locale.ROOT, "chat first invocation: %d ms cold, %d ms after the priming hooks ran%n",
                    median(cold.get(CHAT), Run::invokeMs), median(primed.get(CHAT), Run::invokeMs));
        }
    }

    /** The worker gets a new interaction id each run: the same id would be a duplicate, and cost less. */
    private static Path eventFor(Target target, Path events, Path work, int run) throws IOException {
        Path event = events.resolve(target.event());
        if (!target.name().equals("InteractionWorkerHandler")) {
            return event;
        }
        Path copy = work.resolve("interaction-" + run + ".json");
        Files.writeString(copy, Files.readString(event).replace("01JGZ8Q6X4C9M2T5V7W3Y1B0DK", "bench-cold-" + run + "-"
                + System.nanoTime()));
        return copy;
    }

    private static Run launch(String classPath, Map<String, String> environment, String handler, Path event,
                              boolean prime) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", classPath,
                "dev.lumen.functions.priming.FirstInvocation", handler, event.toString()));
        if (prime) {
            command.add("--prime");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        EMBEDDING_CALLS.set(0);
        long started = System.nanoTime();
        Process process = builder.start();
        // Bounded: a stuck child is killed, which ends the read below and fails this launch with its output.
        java.util.concurrent.CompletableFuture<Void> watchdog = process.onExit().thenAccept(p -> { })
                .orTimeout(LAUNCH_TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)
                .exceptionally(timeout -> {
                    process.destroyForcibly();
                    return null;
                });
        Pattern line = Pattern.compile("FIRST_INVOCATION handler=\\S+ initMs=(\\d+) primeMs=\\d+ invokeMs=(\\d+) result=(\\S+)");
        List<String> output = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String text;
            while ((text = reader.readLine()) != null) {
                Matcher matcher = line.matcher(text);
                if (matcher.find()) {
                    long launchMs = (System.nanoTime() - started) / 1_000_000;
                    process.waitFor();
                    watchdog.cancel(false);
                    return new Run(launchMs, Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)),
                            matcher.group(3), EMBEDDING_CALLS.get());
                }
                output.add(text);
            }
        }
        process.waitFor();
        watchdog.cancel(false);
        throw new IllegalStateException(handler + " gave no first response (exit " + process.exitValue()
                + (System.nanoTime() - started > LAUNCH_TIMEOUT_SECONDS * 1_000_000_000L ? ", killed after "
                + LAUNCH_TIMEOUT_SECONDS + " s" : "") + "):\n"
                + String.join("\n", output.subList(Math.max(0, output.size() - 30), output.size())));
    }

    /** {@code -Dlumen.functions.jar}, else the shaded jar beside this one's build folder, else functions/target. */
    private static Path functionsJar(Path project) throws Exception {
        String configured = System.getProperty("lumen.functions.jar");
        if (configured != null) {
            return Path.of(configured);
        }
        // localstack/<build folder>/lumen-local.jar → functions/<build folder>/lumen-functions.jar
        Path sibling = project.resolve("functions").resolve(buildFolder()).resolve("lumen-functions.jar");
        Path fallback = project.resolve("functions/target/lumen-functions.jar");
        Path jar = Files.isRegularFile(sibling) ? sibling : fallback;
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no functions jar at " + jar + ": run mvn -DskipTests package first");
        }
        return jar;
    }

    /** The name of the build folder this class was loaded from ({@code localstack/<build folder>/…}), e.g. {@code target}. */
    private static String buildFolder() throws Exception {
        Path self = Path.of(ColdStartBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return self.getParent().getFileName().toString();
    }

    /** The template's {@code JAVA_TOOL_OPTIONS}, log level WARN: the flags the functions run with in AWS. */
    private static String jvmOptions(Path template) throws IOException {
        Matcher matcher = Pattern.compile("JAVA_TOOL_OPTIONS: !Sub \"([^\"]+)\"").matcher(Files.readString(template));
        if (!matcher.find()) {
            throw new IllegalStateException("no JAVA_TOOL_OPTIONS in " + template);
        }
        return matcher.group(1).replace("${LogLevel}", "WARN");
    }

    /** Bedrock's InvokeModel for Titan embeddings: a deterministic unit vector of the asked dimensions. */
    private static HttpServer titanStub() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Pattern dimensions = Pattern.compile("\"dimensions\"\\s*:\\s*(\\d+)");
        server.createContext("/", exchange -> {
            EMBEDDING_CALLS.incrementAndGet();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher matcher = dimensions.matcher(body);
            int size = matcher.find() ? Integer.parseInt(matcher.group(1)) : 512;
            java.util.Random random = new java.util.Random(body.hashCode());
            double[] vector = new double[size];
            double norm = 0;
            for (int i = 0; i < size; i++) {
                vector[i] = random.nextGaussian();
                norm += vector[i] * vector[i];
            }
            StringBuilder json = new StringBuilder(size * 12).append("{\"embedding\":[");
            for (int i = 0; i < size; i++) {
                json.append(i == 0 ? "" : ",").append((float) (vector[i] / Math.sqrt(norm)));
            }
            json.append("],\"inputTextTokenCount\":").append(Math.max(1, body.length() / 4)).append('}');
            byte[] answer = json.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("content-type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
        return server;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version") + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static long min(List<Run> runs, java.util.function.ToLongFunction<Run> value) {
        return runs.stream().mapToLong(value).min().orElse(0);
    }

    private static long median(List<Run> runs, java.util.function.ToLongFunction<Run> value) {
        long[] sorted = runs.stream().mapToLong(value).sorted().toArray();
        return sorted.length == 0 ? 0 : sorted[(sorted.length - 1) / 2];
    }
}
