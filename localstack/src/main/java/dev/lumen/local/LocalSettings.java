package dev.lumen.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

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
 */
public record LocalSettings(
        int port,
        Path dataDir,
        boolean dynamoDbInMemory,
        int dynamoDbPort,
        Path template,
        String tableName,
        String region,
        String chatModel) {

    public static final int DEFAULT_PORT = 3000;
    public static final int DEFAULT_DYNAMODB_PORT = 8000;

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
                env.getOrDefault("LUMEN_CHAT_MODEL", "offline"));
    }

    /** The same settings on other ports (0 = any free one), e.g. for tests. */
    public LocalSettings withPorts(int httpPort, int dynamoDbPort) {
        return new LocalSettings(httpPort, dataDir, dynamoDbInMemory, dynamoDbPort, template, tableName, region,
                chatModel);
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
