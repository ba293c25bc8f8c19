package dev.lumen.functions.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.domain.persona.CoreTraits;
import dev.lumen.domain.persona.Trait;
import java.net.URI;
import java.nio.file.Path;
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
 * @param memory            where memories are embedded and stored
 * @param queues            where interactions and ingest requests are published
 * @param documents         where uploaded documents' content is kept
 */
public record FunctionConfig(String tableName, String region, ChatModelKind chatModel, Optional<String> bedrockModelId,
                             Optional<URI> dynamoDbEndpoint, Optional<URI> bedrockEndpoint,
                             CoreTraits coreTraits, Duration messageRetention, MemoryConfig memory, QueueConfig queues,
                             DocumentConfig documents) {

    public enum ContentStoreKind { S3, FILES }

    /**
     * @param store      {@code s3} (AWS default) or {@code files} (a local folder)
     * @param bucket     required for S3: the documents bucket
     * @param s3Endpoint endpoint override for a local S3 stand-in
     * @param directory  required for files: the folder documents are kept in
     */
    public record DocumentConfig(ContentStoreKind store, Optional<String> bucket, Optional<URI> s3Endpoint,
                                 Optional<Path> directory) {

        public String requireBucket() {
            return bucket.orElseThrow(() -> new IllegalStateException("configuration variable DOCUMENTS_BUCKET is not set"));
        }

        public Path requireDirectory() {
            return directory.orElseThrow(() ->
                    new IllegalStateException("configuration variable LUMEN_DOCUMENTS_DIR is not set"));
        }

        static DocumentConfig fromEnvironment() {
            return new DocumentConfig(choice("LUMEN_CONTENT_STORE", "s3", ContentStoreKind.class),
                    Environment.optional("DOCUMENTS_BUCKET"),
                    Environment.optional("LUMEN_S3_ENDPOINT").map(v -> uri("LUMEN_S3_ENDPOINT", v)),
                    Environment.optional("LUMEN_DOCUMENTS_DIR").map(Path::of));
        }
    }

    public enum ChatModelKind { BEDROCK, OFFLINE }

    public enum EmbeddingKind { TITAN, MINILM }

    public enum VectorStoreKind { OPENSEARCH, LUCENE }

    /**
     * @param embedding          {@code titan} (Bedrock, AWS default) or {@code minilm} (in-process ONNX, local default)
     * @param embeddingModelId   the Bedrock model id for Titan
     * @param embeddingDimensions Titan's output size: 256, 512 or 1024
     * @param vectorStore        {@code opensearch} (AWS default) or {@code lucene} (embedded, on disk)
     * @param openSearchUrl      required for OpenSearch: the domain endpoint, or a local node
     * @param openSearchSigned   sign requests with the function's IAM role (an AWS domain); off for a local node
     * @param openSearchIndexPrefix put before every index name, so stages can share a domain
     * @param vectorDir          required for Lucene: the folder that holds the indexes
     */
    public record MemoryConfig(EmbeddingKind embedding, String embeddingModelId, int embeddingDimensions,
                               VectorStoreKind vectorStore, Optional<URI> openSearchUrl, boolean openSearchSigned,
                               String openSearchIndexPrefix, Optional<Path> vectorDir) {

        public URI requireOpenSearchUrl() {
            return openSearchUrl.orElseThrow(() ->
                    new IllegalStateException("configuration variable LUMEN_OPENSEARCH_URL is not set"));
        }

        public Path requireVectorDir() {
            return vectorDir.orElseThrow(() ->
                    new IllegalStateException("configuration variable LUMEN_VECTOR_DIR is not set"));
        }

        static MemoryConfig fromEnvironment() {
            Optional<URI> openSearch = Environment.optional("LUMEN_OPENSEARCH_URL").map(v -> uri("LUMEN_OPENSEARCH_URL", v));
            boolean https = openSearch.map(u -> "https".equalsIgnoreCase(u.getScheme())).orElse(true);
            return new MemoryConfig(
                    choice("LUMEN_EMBEDDING_MODEL", "titan", EmbeddingKind.class),
                    Environment.optional("LUMEN_EMBEDDING_MODEL_ID").orElse("amazon.titan-embed-text-v2:0"),
                    Environment.wholeNumber("LUMEN_EMBEDDING_DIMENSIONS", 512, 1),
                    choice("LUMEN_VECTOR_STORE", "opensearch", VectorStoreKind.class),
                    openSearch,
                    // An https endpoint is an AWS domain with IAM auth; a plain-http one is a local node.
                    Environment.optional("LUMEN_OPENSEARCH_SIGNED").map(Boolean::parseBoolean).orElse(https),
                    Environment.optional("LUMEN_OPENSEARCH_INDEX_PREFIX").orElse("lumen-"),
                    Environment.optional("LUMEN_VECTOR_DIR").map(Path::of));
        }
    }

    /**
     * @param interactionsQueueUrl the queue chat publishes interactions to; required where they are published
     * @param ingestQueueUrl       the queue document uploads are published to; required where they are
     * @param sqsEndpoint          endpoint override for a local SQS (ElasticMQ)
     */
    public record QueueConfig(Optional<String> interactionsQueueUrl, Optional<String> ingestQueueUrl,
                              Optional<URI> sqsEndpoint) {

        public String requireInteractionsQueueUrl() {
            return interactionsQueueUrl.orElseThrow(() ->
                    new IllegalStateException("configuration variable INTERACTIONS_QUEUE_URL is not set"));
        }

        public String requireIngestQueueUrl() {
            return ingestQueueUrl.orElseThrow(() ->
                    new IllegalStateException("configuration variable INGEST_QUEUE_URL is not set"));
        }

        static QueueConfig fromEnvironment() {
            return new QueueConfig(Environment.optional("INTERACTIONS_QUEUE_URL"), Environment.optional("INGEST_QUEUE_URL"),
                    Environment.optional("LUMEN_SQS_ENDPOINT").map(v -> uri("LUMEN_SQS_ENDPOINT", v)));
        }
    }

    public static FunctionConfig fromEnvironment() {
        return new FunctionConfig(
                Environment.required("TABLE_NAME"),
                Environment.optional("AWS_REGION").orElse("us-east-1"),
                parseKind(Environment.optional("LUMEN_CHAT_MODEL").orElse("bedrock")),
                Environment.optional("BEDROCK_MODEL_ID"),
                Environment.optional("LUMEN_DYNAMODB_ENDPOINT").map(v -> uri("LUMEN_DYNAMODB_ENDPOINT", v)),
                Environment.optional("LUMEN_BEDROCK_ENDPOINT").map(v -> uri("LUMEN_BEDROCK_ENDPOINT", v)),
                Environment.optional("LUMEN_CORE_TRAITS").map(FunctionConfig::parseCoreTraits).orElseGet(CoreTraits::defaults),
                Duration.ofDays(Environment.wholeNumber("LUMEN_MESSAGE_RETENTION_DAYS", 90, 1)),
                MemoryConfig.fromEnvironment(),
                QueueConfig.fromEnvironment(),
                DocumentConfig.fromEnvironment());
    }

    /** Only the chat function needs a model id; the others must start without one. */
    public String requireBedrockModelId() {
        return bedrockModelId.orElseThrow(() ->
                new IllegalStateException("configuration variable BEDROCK_MODEL_ID is not set"));
    }

    static ChatModelKind parseKind(String value) {
        return parseChoice("LUMEN_CHAT_MODEL", value, ChatModelKind.class);
    }

    private static <E extends Enum<E>> E choice(String name, String fallback, Class<E> kinds) {
        return parseChoice(name, Environment.optional(name).orElse(fallback), kinds);
    }

    /** One of an enum's constants by its lower-case name, or an error listing the allowed values. */
    static <E extends Enum<E>> E parseChoice(String name, String value, Class<E> kinds) {
        for (E kind : kinds.getEnumConstants()) {
            if (kind.name().equalsIgnoreCase(value.strip())) {
                return kind;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E kind : kinds.getEnumConstants()) {
            allowed.add("'" + kind.name().toLowerCase(Locale.ROOT) + "'");
        }
        throw new IllegalStateException(name + " must be " + String.join(" or ", allowed) + ", not '" + value + "'");
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
}
