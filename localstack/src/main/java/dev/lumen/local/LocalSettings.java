package dev.lumen.local;

import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import dev.lumen.local.auth.LocalAccess;

/**
 * How the local runner is configured, read once from the environment at start.
 *
 * @param port               HTTP port on 127.0.0.1 ({@code LUMEN_PORT}, default 3000 as {@code sam local start-api}; 0 = any free port)
 * @param dataDir            where local state lives ({@code LUMEN_DATA_DIR}, default {@code ./.lumen})
 * @param dynamoDbInMemory   keep DynamoDB in memory instead of {@code <dataDir>/dynamodb} ({@code LUMEN_DYNAMODB_IN_MEMORY})
 * @param dynamoDbPort       DynamoDB Local's port ({@code LUMEN_DYNAMODB_PORT}, default 8000; 0 = any free port)
 * @param template           the SAM template ({@code LUMEN_TEMPLATE}; default {@code ./template.yaml} or the nearest one above)
 * @param tableName          name of the local table ({@code LUMEN_TABLE_NAME}, default {@code lumen-local})
 * @param region             region handlers are told they run in ({@code AWS_REGION}, default {@code us-east-1})
 * @param chatModel          which chat model handlers use ({@code LUMEN_CHAT_MODEL}, default {@code offline})
 * @param sqsPort            ElasticMQ's port ({@code LUMEN_SQS_PORT}, default 9324 as ElasticMQ's own; 0 = any free port)
 * @param sqsRetryDelay      how soon a message the worker failed is received again ({@code LUMEN_SQS_RETRY_DELAY_SECONDS},
 *                           default 1; Lambda waits out the queue's visibility timeout instead, minutes, see
 *                           {@link dev.lumen.local.sqs.QueuePoller})
 * @param schedulesEnabled   fire the template's schedules ({@code LUMEN_SCHEDULES}, {@code on} by default, {@code off} disables)
 * @param vectorStore        where memories are kept ({@code LUMEN_VECTOR_STORE}): {@code lucene} (default, embedded,
 *                           under {@code <dataDir>/vectors}) or {@code opensearch} (a node at {@code LUMEN_OPENSEARCH_URL})
 * @param openSearchUrl      the OpenSearch node for {@code opensearch}, e.g. one started by {@code localstack/opensearch/start.sh}
 * @param access             authentication and rate limits ({@code LUMEN_AUTH}, {@code LUMEN_JWT_SECRET}, …; see {@link LocalAccess})
 */
public record LocalSettings(
        int port,
        Path dataDir,
        boolean dynamoDbInMemory,
        int dynamoDbPort,
        Path template,
        String tableName,
        String region,
        String chatModel,
        int sqsPort,
        Duration sqsRetryDelay,
        boolean schedulesEnabled,
        String vectorStore,
        Optional<String> openSearchUrl,
        LocalAccess access) {

    public LocalSettings {
        if (!vectorStore.equals("lucene") && !vectorStore.equals("opensearch")) {
            throw new IllegalArgumentException("LUMEN_VECTOR_STORE must be 'lucene' or 'opensearch', not '" + vectorStore + "'");
        }
        if (vectorStore.equals("opensearch") && openSearchUrl.isEmpty()) {
            throw new IllegalArgumentException("LUMEN_VECTOR_STORE=opensearch needs LUMEN_OPENSEARCH_URL, e.g. http://127.0.0.1:9200"
                    + " (localstack/opensearch/start.sh starts a node)");
        }
    }

    public static final int DEFAULT_PORT = 3000;
    public static final int DEFAULT_DYNAMODB_PORT = 8000;
    public static final int DEFAULT_SQS_PORT = 9324;

    /** Reads the settings from environment variables (see the record's parameters). */
    public static LocalSettings fromEnvironment(Map<String, String> env) {
        Path workingDir = Path.of("").toAbsolutePath();
        return new LocalSettings(
                integer(env, "LUMEN_PORT", DEFAULT_PORT),
                Path.of(env.getOrDefault("LUMEN_DATA_DIR", ".lumen")).toAbsolutePath().normalize(),
                Boolean.parseBoolean(env.getOrDefault("LUMEN_DYNAMODB_IN_MEMORY", "false")),
                integer(env, "LUMEN_DYNAMODB_PORT", DEFAULT_DYNAMODB_PORT),
                env.containsKey("LUMEN_TEMPLATE") ? Path.of(env.get("LUMEN_TEMPLATE")).toAbsolutePath() : findTemplate(workingDir),
                env.getOrDefault("LUMEN_TABLE_NAME", "lumen-local"),
                env.getOrDefault("AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", "us-east-1")),
                env.getOrDefault("LUMEN_CHAT_MODEL", "offline"),
                integer(env, "LUMEN_SQS_PORT", DEFAULT_SQS_PORT),
                Duration.ofSeconds(seconds(env, "LUMEN_SQS_RETRY_DELAY_SECONDS", 1)),
                onOff(env, "LUMEN_SCHEDULES", true),
                env.getOrDefault("LUMEN_VECTOR_STORE", "lucene").strip().toLowerCase(java.util.Locale.ROOT),
                Optional.ofNullable(env.get("LUMEN_OPENSEARCH_URL")).filter(v -> !v.isBlank()).map(String::strip),
                LocalAccess.fromEnvironment(env));
    }

    /** The folder of the embedded vector store. */
    public Path vectorDir() {
        return dataDir.resolve("vectors");
    }

    /** The same settings on other ports (0 = any free one), e.g. for tests; ElasticMQ keeps its port. */
    public LocalSettings withPorts(int httpPort, int dynamoDbPort) {
        return withPorts(httpPort, dynamoDbPort, sqsPort);
    }

    /** The same settings on other ports (0 = any free one), e.g. for tests. */
    public LocalSettings withPorts(int httpPort, int dynamoDbPort, int sqsPort) {
        return new LocalSettings(httpPort, dataDir, dynamoDbInMemory, dynamoDbPort, template, tableName, region,
                chatModel, sqsPort, sqsRetryDelay, schedulesEnabled, vectorStore, openSearchUrl, access);
    }

    /** {@code ./template.yaml}, else the first {@code template.yaml} in a parent directory. */
    static Path findTemplate(Path start) {
        for (Path directory = start; directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve("template.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return start.resolve("template.yaml");
    }

    /** A whole number of seconds, 0 to 43200 (SQS's largest visibility timeout). */
    private static int seconds(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number < 0 || number > 43_200) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number of seconds (0-43200), not '" + value + "'");
        }
    }

    private static boolean onOff(Map<String, String> env, String name, boolean fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "on", "true", "yes", "1" -> true;
            case "off", "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException(name + " must be on or off, not '" + value + "'");
        };
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number < 0 || number > 65535) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number (0-65535), not '" + value + "'");
        }
    }
}
