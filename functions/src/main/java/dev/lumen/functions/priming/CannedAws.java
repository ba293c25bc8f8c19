package dev.lumen.functions.priming;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.functions.http.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * AWS clients for priming whose HTTP client answers in process, with canned responses of the right
 * shape per operation: a request goes through the SDK's whole pipeline (marshalling, signing,
 * interceptors, unmarshalling, each operation's model classes) and never reaches a socket. What the
 * first real call of a restored container would load and initialise is then already in the
 * snapshot. The handler's own clients are other instances: nothing about them is touched, and the
 * credentials here are fixed dummies, so no credential is resolved either.
 */
final class CannedAws {
    private static final URI NOWHERE = URI.create("http://priming.invalid");
    private static final StaticCredentialsProvider DUMMY = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("priming", "priming"));

    /** Built once per process: several handlers may prime in one JVM (tests, the local runner). */
    private static final class Holder {
        static final DynamoDbClient DYNAMODB = DynamoDbClient.builder().httpClient(new Answering())
                .region(Region.US_EAST_1).credentialsProvider(DUMMY).endpointOverride(NOWHERE).build();
        static final SqsClient SQS = SqsClient.builder().httpClient(new Answering())
                .region(Region.US_EAST_1).credentialsProvider(DUMMY).endpointOverride(NOWHERE).build();
        static final BedrockRuntimeClient BEDROCK = BedrockRuntimeClient.builder().httpClient(new Answering())
                .region(Region.US_EAST_1).credentialsProvider(DUMMY).endpointOverride(NOWHERE).build();
    }

    private CannedAws() {
    }

    static DynamoDbClient dynamoDb() {
        return Holder.DYNAMODB;
    }

    static SqsClient sqs() {
        return Holder.SQS;
    }

    static BedrockRuntimeClient bedrock() {
        return Holder.BEDROCK;
    }

    /** Titan's embedding size in the canned answer (the smallest Titan v2 offers); priming embeds with a model of this size. */
    static final int TITAN_DIMENSIONS = 256;

    /** The in-process transport: a canned 200 per operation (DynamoDB and SQS by target header, Bedrock by path). */
    private static final class Answering implements SdkHttpClient {
        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    byte[] body = answer(request).getBytes(StandardCharsets.UTF_8);
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(200)
                                    .putHeader("Content-Type", "application/json")
                                    .putHeader("Content-Length", Integer.toString(body.length))
                                    .putHeader("x-amzn-RequestId", "priming").build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                            .build();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }
    }

    static String answer(HttpExecuteRequest request) throws IOException {
        String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
        String path = request.httpRequest().encodedPath();
        if (target.startsWith("DynamoDB_")) {
            String operation = target.substring(target.indexOf('.') + 1);
            return switch (operation) {
                case "GetItem" -> "{\"Item\":{\"pk\":{\"S\":\"PRIMING\"},\"sk\":{\"S\":\"PRIMING\"},\"n\":{\"N\":\"1\"}}}";
                case "Query" -> "{\"Count\":1,\"ScannedCount\":1,\"Items\":[{\"pk\":{\"S\":\"PRIMING\"},\"sk\":{\"S\":\"PRIMING\"},"
                        + "\"n\":{\"N\":\"1\"},\"b\":{\"B\":\"AAAAAA==\"},\"l\":{\"L\":[{\"S\":\"x\"}]},\"m\":{\"M\":{\"k\":{\"BOOL\":true}}}}]}";
                default -> "{}";
            };
        }
        if (target.equals("AmazonSQS.SendMessage")) {
            JsonNode sent = Json.MAPPER.readTree(body(request));
            return "{\"MessageId\":\"priming\",\"MD5OfMessageBody\":\"" + md5(sent.path("MessageBody").asText()) + "\"}";
        }
        if (path.endsWith("/converse")) {
            return "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":\"Happy to help.\"}]}},"
                    + "\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":12,\"outputTokens\":4,\"totalTokens\":16},"
                    + "\"metrics\":{\"latencyMs\":1}}";
        }
        if (path.endsWith("/invoke")) {
            StringBuilder vector = new StringBuilder("{\"embedding\":[");
            for (int i = 0; i < TITAN_DIMENSIONS; i++) {
                vector.append(i == 0 ? "" : ",").append(i % 2 == 0 ? "0.5" : "-0.5");
            }
            return vector.append("],\"inputTextTokenCount\":3}").toString();
        }
        return "{}";
    }

    private static byte[] body(HttpExecuteRequest request) throws IOException {
        if (request.contentStreamProvider().isEmpty()) {
            return "{}".getBytes(StandardCharsets.UTF_8);
        }
        try (InputStream in = request.contentStreamProvider().get().newStream()) {
            return in.readAllBytes();
        }
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }
}
