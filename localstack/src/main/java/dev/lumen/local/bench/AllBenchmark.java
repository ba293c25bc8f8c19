package dev.lumen.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.adapter.onnx.MiniLmEmbeddingModel;
import dev.lumen.local.LocalSettings;
import dev.lumen.local.LumenLocal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench-all [--quick] [--users N] [--seconds M] [--opensearch URL]}: every benchmark that fits in a few minutes,
 * in one run, summed up in one markdown table. Cold start per handler ({@link ColdStartBenchmark},
 * with its priming pass for chat only, on one OpenSearch node started for it or given by
 * {@code --opensearch}), retrieval nDCG@10 on a SciFact slice ({@link RetrievalBenchmark} in a
 * JVM of its own), then a runner in this JVM (free loopback ports, in-memory DynamoDB, offline model,
 * schedules off) measured over HTTP: warm chat at 1 and 16 clients, trait updates, memory recall,
 * document ingestion, and a load test whose turns must each become exactly one memory once the
 * interactions queue has drained — the check that can fail if the pipeline loses or doubles work.
 *
 * <p>Exit status 0; 1 if it stopped on an exception (a cold-start or retrieval failure is a table
 * row instead); 2 if the load test lost or doubled turns.
 *
 * <p>The worker learns from every chat turn in the same JVM, so chat figures include that
 * competition for the CPU; on a shared 2-core machine read them as relative.
 */
public final class AllBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INTERACTIONS = "InteractionsQueue";
    private static final String INTERACTIONS_DLQ = "InteractionsDeadLetterQueue";
    private static final String PERSONA = "bench";
    private static final String CREATOR = "bench-coach";
    private static final int WARM_UP = 10;
    private static final Pattern HYBRID = Pattern.compile("^hybrid\\s+([0-9.]+)\\s");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).executor(Executors.newFixedThreadPool(8)).build();
    private final boolean quick;
    private final int users;
    private final int seconds;
    private final SummaryTable table = new SummaryTable();
    private String baseUrl;
    /** Set when the load test's turns did not each become exactly one memory: {@code bench-all} then exits 2. */
    private boolean lostOrDoubled;

    /** The cold-start children's OpenSearch node; empty: {@link ColdStartBenchmark} starts one for its runs. */
    private final Optional<URI> openSearch;

    private AllBenchmark(boolean quick, int users, int seconds, Optional<URI> openSearch) {
        this.openSearch = openSearch;
        this.quick = quick;
        this.users = users;
        this.seconds = seconds;
    }

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(List.of(args));
        boolean quick = rest.remove("--quick");
        int users = Integer.parseInt(option(rest, "--users", "16"));
        int seconds = Integer.parseInt(option(rest, "--seconds", quick ? "10" : "30"));
        Optional<URI> openSearch = OpenSearchTarget.endpoint(rest);
        if (!rest.isEmpty()) {
            throw new IllegalArgumentException("unknown arguments " + rest
                    + "; usage: bench-all [--quick] [--users N] [--seconds M] [--opensearch URL]");
        }
        int status = 0;
        try {
            AllBenchmark bench = new AllBenchmark(quick, users, seconds, openSearch);
            bench.run();
            status = bench.lostOrDoubled ? 2 : 0;
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        // DynamoDB Local and ElasticMQ leave non-daemon threads behind.
        System.exit(status);
    }

    private void run() throws Exception {
        long t0 = System.nanoTime();
        String loadBefore = loadAverage();
        coldStart();
        retrieval();
        Path data = Files.createTempDirectory("lumen-bench-all");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("LUMEN_TABLE_NAME", "lumen-bench-all");
        env.put("LUMEN_CHAT_MODEL", "offline");
        env.put("LUMEN_DYNAMODB_IN_MEMORY", "true");
        env.put("LUMEN_SCHEDULES", "off");
        env.put("LUMEN_DATA_DIR", data.toString());
        System.out.println("== starting the runner (free loopback ports, in-memory DynamoDB, offline model, schedules off)");
        try (LumenLocal runner = LumenLocal.start(LocalSettings.fromEnvironment(env).withPorts(0, 0, 0))) {
            new MiniLmEmbeddingModel().embed("warm up"); // loaded in the background; wait for it
            baseUrl = runner.baseUrl();
            createPersona();
            chatLatency(1, quick ? 30 : 100);
            chatLatency(16, quick ? 10 : 15);
            traitUpdates();
            drain(runner);
            memoryRecall();
            ingestion(runner);
            loadTest(runner);
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "== bench-all%s: %d cores, Java %s, %s %s; load average (1/5/15 min) %s at the start, %s at the end;"
                        + " %.0f s in all%n%n", quick ? " --quick" : "", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch"),
                loadBefore, loadAverage(), (System.nanoTime() - t0) / 1e9);
        System.out.print(table.toMarkdown());
    }

    private void coldStart() {
        int runs = quick ? 3 : 10;
        System.out.println("== cold start, " + runs + " runs per handler (priming pass for chat only; bench-cold has it for all)");
        try {
            ColdStartBenchmark.Result result = ColdStartBenchmark.run(runs, "ChatHandler"::equals, openSearch);
            ColdStartBenchmark.Warmup warmup = result.warmup();
            table.add("cold start", "first chat container of a deployment (fills the vector-set cache), launch → first response",
                    String.format(Locale.ROOT, "%,d ms, %d Titan calls", warmup.launchMs(), warmup.embeddingCalls()),
                    "once per deployment and embedding model: it embeds the safety exemplars and stores them; result "
                            + warmup.result() + "; vector store: " + result.vectorStore());
            String vectors = result.vectorStore().startsWith("OpenSearch") ? "OpenSearch adapter on a local node"
                    : "embedded Lucene (fallback, not Lambda's store)";
            for (ColdStartBenchmark.Row row : result.rows()) {
                String primed = row.primedInvocationMs() < 0 ? ""
                        : String.format(Locale.ROOT, ", %,d ms after the priming hooks", row.primedInvocationMs());
                table.add("cold start", row.handler() + ", launch → first response, min / median",
                        String.format(Locale.ROOT, "%,d / %,d ms (%.2f× bare)", row.minMs(), row.medianMs(), row.timesBare()),
                        String.format(Locale.ROOT, "%d fresh JVMs, template's JAVA_TOOL_OPTIONS, vector-set cache warm, %s;"
                                        + " first invocation %,d ms%s; %d Titan calls; result %s", runs, vectors,
                                row.firstInvocationMs(), primed, row.embeddingCalls(), row.result()));
            }
        } catch (Exception e) {
            table.add("cold start", "all handlers", "failed: " + e.getMessage(), "run bench-cold");
        }
    }

    /** {@code bench-retrieval} on a slice, hybrid mode only, in a JVM of its own; its nDCG@10 is read from its output. */
    private void retrieval() {
        int docs = quick ? 50 : 200;
        Path data = Path.of(System.getProperty("lumen.project", ".")).resolve("../shared/data/scifact").normalize();
        String jar = System.getProperty("java.class.path");
        if (!Files.isRegularFile(data.resolve("corpus.jsonl")) || !jar.endsWith(".jar") || jar.contains(java.io.File.pathSeparator)) {
            table.add("retrieval", "nDCG@10", "not measured", "run bench-retrieval (no " + data + " or not run from the jar)");
            return;
        }
        System.out.println("== retrieval: bench-retrieval --limit-docs " + docs + " --modes hybrid");
        try {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar,
                    "bench-retrieval", "--data", data.toString(), "--limit-docs", String.valueOf(docs), "--modes", "hybrid")
                    .redirectErrorStream(true).start();
            // Bounded: a child that hangs is killed, which ends the reading below (its row then says failed).
            process.onExit().orTimeout(MOST.toMinutes(), TimeUnit.MINUTES).exceptionally(timeout -> {
                process.destroyForcibly();
                return null;
            });
            String ndcg = null;
            String queries = "?";
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    System.out.println("  " + line);
                    Matcher matcher = HYBRID.matcher(line);
                    if (matcher.find()) {
                        ndcg = matcher.group(1);
                    }
                    Matcher judged = Pattern.compile("([0-9,]+) judged queries").matcher(line);
                    if (judged.find()) {
                        queries = judged.group(1);
                    }
                }
            }
            process.waitFor();
            table.add("retrieval", "nDCG@10, hybrid (MiniLM + BM25, RRF)", ndcg == null ? "failed (see output above)" : ndcg,
                    "SciFact train, first " + docs + " documents, " + queries + " judged queries: a slice, not comparable"
                            + " with the full run (bench-retrieval)");
        } catch (IOException | InterruptedException e) {
            table.add("retrieval", "nDCG@10", "failed: " + e.getMessage(), "run bench-retrieval");
        }
    }

    private void createPersona() throws Exception {
        Reply created = send("POST", "/api/personas", "{\"id\":\"" + PERSONA + "\",\"name\":\"Bench\",\"traits\":["
                + "{\"name\":\"Warmth\",\"intensity\":0.8},{\"name\":\"Humor\",\"intensity\":0.4},"
                + "{\"name\":\"Curiosity\",\"intensity\":0.6},{\"name\":\"Patience\",\"intensity\":0.5}]}");
        expect(created, 201);
    }

    private void chatLatency(int clients, int perClient) throws Exception {
        System.out.printf(Locale.ROOT, "== warm chat, %d client(s) × %d turns%n", clients, perClient);
        for (int i = 0; i < WARM_UP; i++) {
            expect(chat("warm-user", "warm-session", "warm-up " + i), 200);
        }
        Latencies latencies = new Latencies();
        Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        long t0 = System.nanoTime();
        parallel(clients, client -> {
            for (int i = 0; i < perClient; i++) {
                long start = System.nanoTime();
                int status = chat("chat-" + clients + "-" + client, "chat-" + clients + "-" + client,
                        "Turn " + i + ": how do I keep going with my revision plan?").status();
                record(latencies, statuses, start, status);
            }
        });
        double elapsed = (System.nanoTime() - t0) / 1e9;
        table.add("chat", "warm round trip p50 / p99, " + clients + (clients == 1 ? " client" : " concurrent clients"),
                latencies.p50p99(), String.format(Locale.ROOT, "offline model, %d turns after %d warm-up, %.1f turns/s, errors %s",
                        latencies.count(), WARM_UP, latencies.count() / elapsed, SummaryTable.errors(statuses)));
    }

    private void traitUpdates() throws Exception {
        JsonNode persona = expect(send("GET", "/api/personas/" + PERSONA, null), 200);
        List<String> traitIds = new ArrayList<>();
        persona.path("traits").forEach(trait -> traitIds.add(trait.path("id").asText()));
        int clients = Math.min(4, traitIds.size());
        long durationNanos = Duration.ofSeconds(5).toNanos();
        System.out.printf(Locale.ROOT, "== trait updates, %d clients (one trait each) for %d s%n", clients, durationNanos / 1_000_000_000);
        Latencies latencies = new Latencies();
        Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        long t0 = System.nanoTime();
        parallel(clients, client -> {
            for (int i = 0; System.nanoTime() - t0 < durationNanos; i++) {
                long start = System.nanoTime();
                int status = send("PUT", "/api/personas/" + PERSONA + "/traits/" + traitIds.get(client),
                        "{\"action\":\"set\",\"intensity\":" + (i % 10) / 10.0 + "}").status();
                record(latencies, statuses, start, status);
            }
        });
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long ok = statuses.getOrDefault(200, 0L);
        table.add("traits", "PUT trait updates/s", String.format(Locale.ROOT, "%.0f/s", ok / elapsed),
                String.format(Locale.ROOT, "%d clients, %.0f s, %d updates, p50 / p99 %s, errors %s", clients, elapsed, ok,
                        latencies.p50p99(), SummaryTable.errors(statuses)));
    }

    private void memoryRecall() throws Exception {
        String user = "chat-1-0";
        int requests = quick ? 50 : 200;
        System.out.printf(Locale.ROOT, "== memory recall, %d sequential GETs%n", requests);
        String path = "/api/personas/" + PERSONA + "/memories?userId=" + user + "&k=5&q="
                + URLEncoder.encode("revision plan", StandardCharsets.UTF_8);
        int recalled = expect(send("GET", path, null), 200).path("memories").size();
        for (int i = 0; i < 10; i++) {
            send("GET", path, null);
        }
        Latencies latencies = new Latencies();
        Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            record(latencies, statuses, start, send("GET", path, null).status());
        }
        table.add("memory", "recall p50 / p99 (GET memories with q)", latencies.p50p99(),
                String.format(Locale.ROOT, "%d sequential after 10 warm-up, k=5, %d memories returned, errors %s", requests,
                        recalled, SummaryTable.errors(statuses)));
    }

    private void ingestion(LumenLocal runner) throws Exception {
        int count = quick ? 8 : 24;
        List<String[]> documents = documents(count);
        System.out.printf(Locale.ROOT, "== ingestion, %d documents%n", count);
        expect(send("PUT", "/api/creators/" + CREATOR, "{\"name\":\"Bench Coach\"}"), 200);
        long t0 = System.nanoTime();
        for (int i = 0; i < documents.size(); i++) {
            String body = JSON.createObjectNode().put("documentId", "doc-" + i).put("title", documents.get(i)[0])
                    .put("content", documents.get(i)[1]).put("contentType", "text").toString();
            expect(send("POST", "/api/creators/" + CREATOR + "/documents", body), 202);
        }
        // As long as documents keep settling (a slow machine is not a failure), at most 15 min in all.
        long lastProgress = t0;
        int settled = 0;
        int indexed = 0;
        int failed = 0;
        long chunks = 0;
        while (System.nanoTime() - lastProgress < STALL.toNanos() && System.nanoTime() - t0 < MOST.toNanos()) {
            JsonNode listed = expect(send("GET", "/api/creators/" + CREATOR + "/documents", null), 200).path("documents");
            indexed = 0;
            failed = 0;
            chunks = 0;
            for (JsonNode document : listed) {
                String status = document.path("status").asText();
                indexed += status.equals("INDEXED") ? 1 : 0;
                failed += status.equals("FAILED") ? 1 : 0;
                chunks += document.path("chunksTotal").asLong();
            }
            if (indexed + failed == count) {
                break;
            }
            if (indexed + failed > settled) {
                settled = indexed + failed;
                lastProgress = System.nanoTime();
            }
            Thread.sleep(100);
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        table.add("knowledge", "ingestion documents/s (upload → INDEXED)", indexed + failed == count
                        ? String.format(Locale.ROOT, "%.2f/s", count / elapsed) : "not done (no progress for 2 min)",
                String.format(Locale.ROOT, "%d SciFact abstracts, %d chunks, %d indexed, %d failed, %.1f s, MiniLM + Lucene",
                        count, chunks, indexed, failed, elapsed));
    }

    private void loadTest(LumenLocal runner) throws Exception {
        drain(runner);
        long memoriesBefore = stats().path("memories").asLong();
        long messagesBefore = stats().path("messages").asLong();
        long deadBefore = runner.queues().depth(INTERACTIONS_DLQ);
        System.out.printf(Locale.ROOT, "== load test: %d users for %d s%n", users, seconds);
        Latencies latencies = new Latencies();
        Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        AtomicLong sent = new AtomicLong();
        long durationNanos = Duration.ofSeconds(seconds).toNanos();
        long t0 = System.nanoTime();
        parallel(users, user -> {
            for (int i = 0; System.nanoTime() - t0 < durationNanos; i++) {
                long start = System.nanoTime();
                sent.incrementAndGet();
                int status = chat("load-user-" + user, "load-session-" + user,
                        "Load turn " + i + " from user " + user + ": what should I practise next week?").status();
                record(latencies, statuses, start, status);
            }
        });
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long ok = statuses.getOrDefault(200, 0L);
        long drainStart = System.nanoTime();
        boolean drained = awaitDrained(runner, INTERACTIONS);
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        long memories = stats().path("memories").asLong() - memoriesBefore;
        long messages = stats().path("messages").asLong() - messagesBefore;
        long dead = runner.queues().depth(INTERACTIONS_DLQ) - deadBefore;
        String conditions = String.format(Locale.ROOT, "%d users × %d s, chat with the offline model, each user its own session",
                users, seconds);
        table.add("load test", "throughput", String.format(Locale.ROOT, "%.1f req/s", latencies.count() / elapsed),
                conditions + String.format(Locale.ROOT, ", %d requests", latencies.count()));
        table.add("load test", "p50 / p99", latencies.p50p99(), conditions);
        table.add("load test", "errors (non-2xx, by status)", SummaryTable.errors(statuses),
                String.format(Locale.ROOT, "%d of %d requests answered 200", ok, sent.get()));
        long lost = ok - memories;
        table.add("load test", "messages lost after the queues drain", drained ? Long.toString(lost) : "queue not drained",
                String.format(Locale.ROOT, "%d turns answered → %d memories learned, %d messages stored (expect %d),"
                                + " interactions DLQ +%d, drained in %.1f s", ok, memories, messages, 2 * ok, dead, drainSeconds));
        if (!drained || lost != 0 || dead != 0 || messages != 2 * ok) {
            lostOrDoubled = true;
            System.out.println("!! load test: turns were lost or doubled (see the table); exit status 2");
        }
    }

    private void drain(LumenLocal runner) {
        for (String queue : List.of(INTERACTIONS, "IngestQueue")) {
            if (runner.queues().logicalIds().contains(queue) && !awaitDrained(runner, queue)) {
                System.out.println("!! " + queue + " not drained: no progress for " + STALL.toSeconds() + " s");
            }
        }
    }

    /** A queue that stops shrinking for this long is stuck; one that shrinks slowly is only a busy machine. */
    private static final Duration STALL = Duration.ofMinutes(2);
    /** The bound on any one wait, however slowly the queue shrinks. */
    private static final Duration MOST = Duration.ofMinutes(15);

    /**
     * Waits until the queue is empty for as long as it keeps shrinking: a loaded machine drains slowly,
     * and that must not read as lost turns. Gives up (false) after {@link #STALL} without progress, or
     * {@link #MOST} in all.
     */
    static boolean awaitDrained(LumenLocal runner, String queue) {
        return awaitProgress(() -> runner.queues().depth(queue), STALL, MOST, Duration.ofMillis(200));
    }

    /** Polls {@code remaining} until 0; false once it has not fallen for {@code stall}, or after {@code most}. */
    static boolean awaitProgress(java.util.function.LongSupplier remaining, Duration stall, Duration most, Duration poll) {
        long start = System.nanoTime();
        long lastProgress = start;
        long lowest = Long.MAX_VALUE;
        while (true) {
            long now = remaining.getAsLong();
            if (now == 0) {
                return true;
            }
            long at = System.nanoTime();
            if (now < lowest) {
                lowest = now;
                lastProgress = at;
            }
            if (at - lastProgress > stall.toNanos() || at - start > most.toNanos()) {
                return false;
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** SciFact abstracts when the data folder is there (real text, real chunking), else generated paragraphs. */
    private static List<String[]> documents(int count) throws IOException {
        Path corpus = Path.of(System.getProperty("lumen.project", ".")).resolve("../shared/data/scifact/corpus.jsonl").normalize();
        List<String[]> documents = new ArrayList<>();
        if (Files.isRegularFile(corpus)) {
            try (BufferedReader reader = Files.newBufferedReader(corpus)) {
                String line;
                while (documents.size() < count && (line = reader.readLine()) != null) {
                    JsonNode node = JSON.readTree(line);
                    documents.add(new String[] {node.path("title").asText(), node.path("text").asText()});
                }
            }
        }
        for (int i = documents.size(); i < count; i++) {
            documents.add(new String[] {"Habit " + i, ("Small habits, measured weekly, build lasting change number " + i
                    + ". Sleep at the same hour, walk after lunch, and write down one win a day. ").repeat(20)});
        }
        return documents;
    }

    private JsonNode stats() throws Exception {
        return expect(send("GET", "/api/stats", null), 200);
    }

    private Reply chat(String user, String session, String message) throws Exception {
        return send("POST", "/api/chat", JSON.createObjectNode().put("personaId", PERSONA).put("sessionId", session)
                .put("userId", user).put("message", message).toString());
    }

    private static void record(Latencies latencies, Map<Integer, Long> statuses, long start, int status) {
        long nanos = System.nanoTime() - start;
        synchronized (latencies) {
            latencies.add(nanos);
        }
        statuses.merge(status, 1L, Long::sum);
    }

    private interface Client {
        void run(int client) throws Exception;
    }

    /** Runs {@code clients} clients at once and waits for them all; a client's exception fails the benchmark. */
    private static void parallel(int clients, Client body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                running.add(pool.submit(() -> {
                    body.run(client);
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private record Reply(int status, String body) {
    }

    /**
     * Generous on purpose: a request the client gives up on may still be answered by the runner, and
     * the load test would then count a learned turn the client never saw as doubled. A loaded machine
     * is slow, not broken; the bound only stops a hung request.
     */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

    /** Any answer, or status 0 when none came (timeout, connection refused): an error, counted, not thrown. */
    private Reply send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT);
        request = body == null ? request.GET()
                : request.header("content-type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Reply(0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(0, e.toString());
        }
    }

    private static JsonNode expect(Reply reply, int status) throws IOException {
        if (reply.status() != status) {
            throw new IllegalStateException("expected " + status + ", got " + reply.status() + ": " + reply.body());
        }
        return JSON.readTree(reply.body());
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String option(List<String> args, String name, String fallback) {
        int at = args.indexOf(name);
        if (at < 0 || at + 1 >= args.size()) {
            return fallback;
        }
        String value = args.get(at + 1);
        args.subList(at, at + 2).clear();
        return value;
    }
}
