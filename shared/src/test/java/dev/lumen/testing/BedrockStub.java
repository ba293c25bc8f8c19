package dev.lumen.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback HTTP server that answers like Bedrock Runtime's Converse API (restJson1:
 * {@code POST /model/{modelId}/converse}) and InvokeModel for Titan Text Embeddings v2
 * ({@code POST /model/{modelId}/invoke}), so the Bedrock adapters are tested through the real SDK:
 * signing, marshalling, error parsing and retries. It records every request and answers from a
 * script of {@link Answer}s, then with a default answer.
 *
 * <pre>{@code
 * try (BedrockStub stub = BedrockStub.start()) {
 *     stub.enqueue(Answer.throttling(), Answer.throttling(), Answer.reply("Hello"));
 *     var client = BedrockClients.create("us-east-1", Optional.of(stub.url()));
 *     ...
 *     stub.requests().get(0).body().at("/system/0/text");
 * }
 * }</pre>
 */
public final class BedrockStub implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MODEL_PATH = Pattern.compile("^/model/([^/]+)/([^/]+)$");

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Recorded> requests = new ArrayList<>();
    private final Deque<Answer> script = new ArrayDeque<>();
    private static final Answer DEFAULT_REPLY = Answer.reply("Hello from the Bedrock stub.");
    /** Set by {@link #answerByDefault}; until then the default depends on the operation. */
    private Answer fallback;
    private final Map<String, Deque<Answer>> scriptByModel = new java.util.HashMap<>();
    private final Map<String, Answer> fallbackByModel = new java.util.HashMap<>();

    private BedrockStub(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * The JVM's first SDK call loads and links the client's classes, which on a busy machine can
     * take longer than the short attempt timeouts some tests use: such a test class calls this
     * once, before its first timed call; it makes one call with a patient client.
     */
    public static void warmUpSdk() {
        try (BedrockStub warm = start();
             software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient patient =
                     dev.lumen.adapter.bedrock.BedrockClients.createWithoutRetries("us-east-1",
                             java.util.Optional.of(warm.url()), Duration.ofSeconds(30))) {
            new dev.lumen.adapter.bedrock.BedrockChatModel(patient, "anthropic.claude-3-haiku-20240307-v1:0")
                    .reply(new dev.lumen.domain.chat.ModelRequest("warm-up", List.of(), "hello", "Ada", List.of(), 16));
        }
    }

    /** Starts a stub on 127.0.0.1 and a free port. */
    public static BedrockStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "bedrock-stub");
                thread.setDaemon(true);
                return thread;
            });
            BedrockStub stub = new BedrockStub(server, executor);
            server.createContext("/", stub::handle);
            server.setExecutor(executor);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Bedrock stub", e);
        }
    }

    /** The endpoint to give the client, e.g. {@code http://127.0.0.1:41234}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers for the next requests, in order; once used up, the default answer is given. */
    public synchronized BedrockStub enqueue(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    /**
     * The answer given to every request when the script is empty. Until this is called, a Converse
     * call gets a successful reply and an InvokeModel call a Titan embedding of its input
     * ({@link Answer#embeddingOf}).
     */
    public synchronized BedrockStub answerByDefault(Answer answer) {
        fallback = answer;
        return this;
    }

    /**
     * Answers for the next requests to one model (by the model id in the path), in order; they
     * come before the shared script. Once used up, that model's default, then the shared script.
     */
    public synchronized BedrockStub enqueueFor(String modelId, Answer... answers) {
        scriptByModel.computeIfAbsent(modelId, id -> new ArrayDeque<>()).addAll(List.of(answers));
        return this;
    }

    /** The answer every request to one model gets once its own script is used up. */
    public synchronized BedrockStub answerByDefaultFor(String modelId, Answer answer) {
        fallbackByModel.put(modelId, answer);
        return this;
    }

    /** The requests to one model so far, oldest first. */
    public synchronized List<Recorded> requestsFor(String modelId) {
        return requests.stream().filter(r -> modelId.equals(r.modelId())).toList();
    }

    /** Every request received so far, oldest first. */
    public synchronized List<Recorded> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
        // Interrupts handlers still sleeping on a delayed answer.
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            Answer answer = record(exchange, new String(bytes, StandardCharsets.UTF_8));
            if (!answer.delay().isZero()) {
                try {
                    Thread.sleep(answer.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            Headers headers = exchange.getResponseHeaders();
            headers.set("Content-Type", "application/json");
            headers.set("x-amzn-RequestId", UUID.randomUUID().toString());
            answer.headers().forEach(headers::set);
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private synchronized Answer record(HttpExchange exchange, String rawBody) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
        Recorded recorded = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawPath(), headers, rawBody, parse(rawBody));
        requests.add(recorded);
        String model = recorded.modelId();
        Deque<Answer> own = model == null ? null : scriptByModel.get(model);
        if (own != null && !own.isEmpty()) {
            return own.poll();
        }
        if (model != null && fallbackByModel.containsKey(model)) {
            return fallbackByModel.get(model);
        }
        Answer next = script.poll();
        if (next != null) {
            return next;
        }
        if (fallback != null) {
            return fallback;
        }
        return "invoke".equals(recorded.operation())
                ? Answer.embeddingOf(recorded.body().path("inputText").asText(), recorded.body().path("dimensions").asInt(1024))
                : DEFAULT_REPLY;
    }

    private static JsonNode parse(String body) {
        try {
            return body.isEmpty() ? MissingNode.getInstance() : JSON.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    /**
     * One request as received.
     *
     * @param path    decoded path, e.g. {@code /model/anthropic.claude-3-haiku-20240307-v1:0/converse}
     * @param rawPath path as sent, percent-encoding kept
     * @param body    the body as JSON; a {@link MissingNode} when it is empty or not JSON
     */
    public record Recorded(String method, String path, String rawPath, Map<String, List<String>> headers,
                           String rawBody, JsonNode body) {

        /** First value of a header, matched case-insensitively; null when absent. */
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().isEmpty() ? "" : e.getValue().get(0))
                    .findFirst().orElse(null);
        }

        /** The model id from {@code /model/{modelId}/...}, or null for any other path. */
        public String modelId() {
            Matcher m = MODEL_PATH.matcher(path);
            return m.matches() ? m.group(1) : null;
        }

        /** The operation from {@code /model/{modelId}/{operation}}, e.g. {@code converse}. */
        public String operation() {
            Matcher m = MODEL_PATH.matcher(path);
            return m.matches() ? m.group(2) : null;
        }
    }

    /** A scripted response. */
    public record Answer(int status, Map<String, String> headers, String body, Duration delay) {
        // Bedrock's services send the error type with a Coral namespace after a colon; the SDK
        // keeps what is before it as the error code (x-amzn-ErrorType wins over a body __type).
        private static final String ERROR_NAMESPACE = ":http://internal.amazon.com/coral/com.amazon.bedrock/";

        public Answer {
            headers = Map.copyOf(headers);
        }

        /** A Converse reply that ended naturally, with token counts derived from the text. */
        public static Answer reply(String text) {
            return reply(text, "end_turn", 25, Math.max(1, text.length() / 4));
        }

        /** A Converse reply with the given stop reason (wire string) and token counts. */
        public static Answer reply(String text, String stopReason, int inputTokens, int outputTokens) {
            ObjectNode body = JSON.createObjectNode();
            ObjectNode message = body.putObject("output").putObject("message");
            message.put("role", "assistant");
            message.putArray("content").addObject().put("text", text);
            body.put("stopReason", stopReason);
            body.putObject("usage")
                    .put("inputTokens", inputTokens)
                    .put("outputTokens", outputTokens)
                    .put("totalTokens", inputTokens + outputTokens);
            body.putObject("metrics").put("latencyMs", 412);
            return new Answer(200, Map.of(), body.toString(), Duration.ZERO);
        }

        /** A Titan Text Embeddings v2 InvokeModel response with this vector. */
        public static Answer embedding(float[] vector, int inputTextTokenCount) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode embedding = body.putArray("embedding");
            for (float value : vector) {
                embedding.add(value);
            }
            body.put("inputTextTokenCount", inputTextTokenCount);
            return new Answer(200, Map.of(), body.toString(), Duration.ZERO);
        }

        /**
         * A Titan response whose unit-length vector is derived from the text alone: the same text
         * always gets the same vector, different texts different ones. Not semantic.
         */
        public static Answer embeddingOf(String text, int dimensions) {
            return embedding(vectorOf(text, dimensions), Math.max(1, text.split("\\s+").length));
        }

        /** The vector {@link #embeddingOf} answers with. */
        public static float[] vectorOf(String text, int dimensions) {
            SplittableRandom random = new SplittableRandom(text.hashCode() * 31L + text.length());
            float[] vector = new float[dimensions];
            double norm = 0;
            for (int i = 0; i < dimensions; i++) {
                vector[i] = (float) (random.nextDouble() * 2 - 1);
                norm += vector[i] * vector[i];
            }
            for (int i = 0; i < dimensions; i++) {
                vector[i] /= (float) Math.sqrt(norm);
            }
            return vector;
        }

        /** An error as Bedrock sends it: the type in {@code x-amzn-ErrorType}, the message in the body. */
        public static Answer error(int status, String errorType, String message) {
            ObjectNode body = JSON.createObjectNode().put("message", message);
            return new Answer(status, Map.of("x-amzn-ErrorType", errorType + ERROR_NAMESPACE), body.toString(),
                    Duration.ZERO);
        }

        /** 429 ThrottlingException, which the SDK retries with the throttling backoff. */
        public static Answer throttling() {
            return error(429, "ThrottlingException", "Too many requests, please wait before trying again.");
        }

        /** 500 InternalServerException, which the SDK retries. */
        public static Answer internalError() {
            return error(500, "InternalServerException", "The server encountered an internal error.");
        }

        /** 403 AccessDeniedException, e.g. no access granted to the model; not retried. */
        public static Answer accessDenied() {
            return error(403, "AccessDeniedException", "You don't have access to the model with the specified model ID.");
        }

        /** 400 ValidationException, e.g. an unknown model id; not retried. */
        public static Answer validation(String message) {
            return error(400, "ValidationException", message);
        }

        /** A 200 whose body is cut off mid-JSON. */
        public static Answer malformed() {
            return raw(200, "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":\"Hel");
        }

        /** Any status and body, sent as application/json. */
        public static Answer raw(int status, String body) {
            return new Answer(status, Map.of(), body, Duration.ZERO);
        }

        /** The same answer, sent only after {@code delay} (to trip client timeouts). */
        public Answer delayedBy(Duration delay) {
            return new Answer(status, headers, body, delay);
        }
    }
}
