package dev.lumen.adapter.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.domain.error.UnavailableException;
import dev.lumen.domain.vector.EmbeddingModel;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;

/**
 * {@link EmbeddingModel} on Amazon Titan Text Embeddings v2 through Bedrock Runtime's InvokeModel.
 * Vectors come back unit-length ({@code "normalize": true}), so a dot product is the cosine.
 *
 * <p>InvokeModel takes one text per call, so a list costs one call per text. Up to
 * {@link #DEFAULT_PARALLELISM} calls run at once: a document of a few hundred chunks then embeds in
 * seconds rather than tens of seconds, while the bound keeps one worker from using up the
 * account's request quota. Throttling and 5xx are retried by the client (see {@link BedrockClients});
 * whatever is left becomes an {@link UnavailableException} and the rest of the list is abandoned.
 */
public final class TitanEmbeddingModel implements EmbeddingModel {
    public static final String DEFAULT_MODEL_ID = "amazon.titan-embed-text-v2:0";

    /** The sizes Titan v2 can return. */
    public static final Set<Integer> ALLOWED_DIMENSIONS = Set.of(256, 512, 1024);

    /**
     * 512: AWS reports it keeps about 99% of the retrieval accuracy of 1024 (256 about 97%) while
     * halving what each vector costs in OpenSearch memory, storage and distance computations.
     */
    public static final int DEFAULT_DIMENSIONS = 512;

    /**
     * Parallel calls for one list; see the class comment. Within the url-connection client's five
     * kept-alive connections per host, so parallel calls reuse connections instead of opening new ones.
     */
    public static final int DEFAULT_PARALLELISM = 4;

    /** Titan v2 refuses longer input (it also stops at 8,192 tokens); longer texts are cut here. */
    static final int MAX_CHARACTERS = 50_000;

    private static final Logger log = LoggerFactory.getLogger(TitanEmbeddingModel.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final Duration IDLE_THREAD_TIMEOUT = Duration.ofMinutes(1);

    private final BedrockRuntimeClient client;
    private final String modelId;
    private final int dimensions;
    private final int parallelism;
    private volatile ExecutorService executor;

    /** Titan v2 with the default model id, {@value #DEFAULT_DIMENSIONS} dimensions and parallelism. */
    public TitanEmbeddingModel(BedrockRuntimeClient client) {
        this(client, DEFAULT_MODEL_ID, DEFAULT_DIMENSIONS, DEFAULT_PARALLELISM);
    }

    /**
     * @param modelId     e.g. {@value #DEFAULT_MODEL_ID}, or an inference profile id of it
     * @param dimensions  256, 512 or 1024
     * @param parallelism calls in flight at once for one list; 1 embeds one text after another
     */
    public TitanEmbeddingModel(BedrockRuntimeClient client, String modelId, int dimensions, int parallelism) {
        this.client = Objects.requireNonNull(client, "client");
        if (modelId == null || modelId.isBlank()) {
            throw new IllegalArgumentException("a Bedrock embedding model id is required");
        }
        if (!ALLOWED_DIMENSIONS.contains(dimensions)) {
            throw new IllegalArgumentException("Titan v2 embeddings have 256, 512 or 1024 dimensions, not " + dimensions);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        this.modelId = modelId;
        this.dimensions = dimensions;
        this.parallelism = parallelism;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        EmbeddingModel.requireTexts(texts);
        if (texts.size() <= 1 || parallelism == 1) {
            List<float[]> vectors = new ArrayList<>(texts.size());
            for (String text : texts) {
                vectors.add(invoke(text));
            }
            return vectors;
        }
        return embedInParallel(texts);
    }

    private List<float[]> embedInParallel(List<String> texts) {
        ExecutorService pool = executor();
        List<CompletableFuture<float[]>> calls = new ArrayList<>(texts.size());
        for (String text : texts) {
            calls.add(CompletableFuture.supplyAsync(() -> invoke(text), pool));
        }
        // Fail fast: once one call has given up, the texts not yet sent are not worth sending.
        calls.forEach(call -> call.whenComplete((vector, failure) -> {
            if (failure != null) {
                calls.forEach(other -> other.cancel(false));
            }
        }));
        List<float[]> vectors = new ArrayList<>(texts.size());
        try {
            for (CompletableFuture<float[]> call : calls) {
                vectors.add(call.join());
            }
        } catch (CompletionException | CancellationException e) {
            throw firstFailure(calls, e);
        }
        return vectors;
    }

    private float[] invoke(String text) {
        InvokeModelRequest request = InvokeModelRequest.builder()
                .modelId(modelId)
                .contentType("application/json")
                .accept("application/json")
                .body(SdkBytes.fromUtf8String(requestBody(text)))
                .build();
        InvokeModelResponse response;
        try {
            response = client.invokeModel(request);
        } catch (SdkException e) {
            logFailure(e);
            throw unavailable(e);
        }
        return vectorOf(response);
    }

    private String requestBody(String text) {
        ObjectNode body = JSON.createObjectNode();
        body.put("inputText", cut(text));
        body.put("dimensions", dimensions);
        body.put("normalize", true);
        return body.toString();
    }

    static String cut(String text) {
        if (text.length() <= MAX_CHARACTERS) {
            return text;
        }
        // Never between the two halves of a surrogate pair: half a character is not valid text.
        int end = Character.isHighSurrogate(text.charAt(MAX_CHARACTERS - 1)) ? MAX_CHARACTERS - 1 : MAX_CHARACTERS;
        return text.substring(0, end);
    }

    private float[] vectorOf(InvokeModelResponse response) {
        JsonNode embedding;
        try {
            embedding = JSON.readTree(response.body().asInputStream()).path("embedding");
        } catch (IOException e) {
            throw brokenResponse("unreadable JSON", e);
        }
        if (!embedding.isArray() || embedding.size() != dimensions) {
            // Vectors of another size would be refused by the index, or worse, compared wrongly.
            throw brokenResponse("expected " + dimensions + " numbers, got "
                    + (embedding.isArray() ? embedding.size() + " numbers" : embedding.getNodeType()), null);
        }
        float[] vector = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            JsonNode value = embedding.get(i);
            if (!value.isNumber()) {
                throw brokenResponse("a non-numeric value in the embedding", null);
            }
            vector[i] = value.floatValue();
        }
        return vector;
    }

    private UnavailableException brokenResponse(String problem, Throwable cause) {
        log.atError()
                .setCause(cause)
                .addKeyValue("modelId", modelId)
                .addKeyValue("dimensions", dimensions)
                .addKeyValue("problem", problem)
                .log("Bedrock returned an embedding Lumen cannot use");
        return unavailable(cause);
    }

    private void logFailure(SdkException e) {
        if (BedrockChatModel.isConfigurationError(e)) {
            // Retrying cannot fix a wrong model id, region, model access or IAM policy.
            log.atError()
                    .setCause(e)
                    .addKeyValue("modelId", modelId)
                    .addKeyValue("status", BedrockChatModel.statusOf(e))
                    .addKeyValue("errorCode", BedrockChatModel.errorCodeOf(e))
                    .addKeyValue("requestId", BedrockChatModel.requestIdOf(e))
                    .log("Bedrock rejected the embedding request; check the model id, region and permissions");
        } else {
            // Transient and already retried; the cause travels inside the UnavailableException.
            log.atWarn()
                    .addKeyValue("modelId", modelId)
                    .addKeyValue("status", BedrockChatModel.statusOf(e))
                    .addKeyValue("errorCode", BedrockChatModel.errorCodeOf(e))
                    .addKeyValue("requestId", BedrockChatModel.requestIdOf(e))
                    .addKeyValue("attempts", e.numAttempts())
                    .log("Bedrock embedding call failed");
        }
    }

    /** The failure of the first call that failed on its own, not one cancelled because of it. */
    private static RuntimeException firstFailure(List<CompletableFuture<float[]>> calls, RuntimeException fallback) {
        for (CompletableFuture<float[]> call : calls) {
            if (call.isCompletedExceptionally() && !call.isCancelled()) {
                try {
                    call.join();
                } catch (CompletionException e) {
                    if (e.getCause() instanceof RuntimeException cause) {
                        return cause;
                    }
                }
            }
        }
        return fallback.getCause() instanceof RuntimeException cause ? cause : fallback;
    }

    /**
     * Created on the first list that needs it: most instances (the chat path embeds one query) never
     * do. Its daemon threads end after a minute idle, so a pool between lists holds nothing.
     */
    private ExecutorService executor() {
        ExecutorService pool = executor;
        if (pool == null) {
            synchronized (this) {
                pool = executor;
                if (pool == null) {
                    ThreadPoolExecutor threads = new ThreadPoolExecutor(parallelism, parallelism,
                            IDLE_THREAD_TIMEOUT.toSeconds(), TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
                                Thread thread = new Thread(runnable, "titan-embed-" + THREADS.incrementAndGet());
                                thread.setDaemon(true);
                                return thread;
                            });
                    threads.allowCoreThreadTimeOut(true);
                    pool = threads;
                    executor = pool;
                }
            }
        }
        return pool;
    }

    private static UnavailableException unavailable(Throwable cause) {
        return new UnavailableException("embedding_unavailable", "the embedding model is unavailable; retry later", cause);
    }
}
