package dev.lumen.local.docker;

import dev.lumen.adapter.dynamodb.DynamoDbClients;
import dev.lumen.adapter.s3.S3Clients;
import dev.lumen.adapter.sqs.SqsClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One LocalStack container per test JVM, started on first use with the checked-in init script, so
 * the tests see exactly the table, queues and bucket {@code docker compose} users get. Only reached
 * from test methods: classes are annotated {@code @Testcontainers(disabledWithoutDocker = true)}, so
 * without Docker nothing here runs (and nothing is pulled).
 *
 * <p>The OpenSearch domain is left out ({@code LUMEN_OPENSEARCH_DOMAIN=false}): without the compose
 * file's node as custom backend, LocalStack would download an OpenSearch distribution for it.
 */
final class LocalStackResources {

    private LocalStackResources() {
    }

    static DynamoDbClient dynamoDb() {
        return Holder.INSTANCE.dynamoDb;
    }

    static SqsClient sqs() {
        return Holder.INSTANCE.sqs;
    }

    static S3Client s3() {
        return Holder.INSTANCE.s3;
    }

    static URI endpoint() {
        return Holder.INSTANCE.endpoint;
    }

    /** The URL of one of the template's queues, as the init script created it. */
    static String queueUrl(String queueName) {
        return sqs().getQueueUrl(request -> request.queueName(queueName)).queueUrl();
    }

    private static final class Holder {
        static final Running INSTANCE = Running.start();
    }

    private static final String INIT_STATUS = "/_localstack/init/ready";

    /** A failed script still "completes" the stage: say so once, with its output, instead of 44 confusing failures. */
    private static void requireScriptSucceeded(LocalStackContainer container, URI endpoint) {
        try {
            String status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve(INIT_STATUS)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (status.contains("ERROR")) {
                throw new IllegalStateException("the init script did not succeed: " + status + "\n" + container.getLogs());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Running(LocalStackContainer container, URI endpoint, DynamoDbClient dynamoDb, SqsClient sqs,
                           S3Client s3) {

        @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM exits
        static Running start() {
            LocalStackContainer container = new LocalStackContainer(DockerImageName.parse(DockerFiles.localStackImage())
                    .asCompatibleSubstituteFor("localstack/localstack"))
                    .withEnv("SERVICES", "dynamodb,sqs,s3")
                    .withEnv("LUMEN_OPENSEARCH_DOMAIN", "false")
                    .withCopyFileToContainer(MountableFile.forHostPath(DockerFiles.INIT_SCRIPT, 0755),
                            "/etc/localstack/init/ready.d/10-lumen.sh")
                    // LocalStack says "Ready." before the ready.d scripts run; its init endpoint says when they are done.
                    .waitingFor(Wait.forHttp(INIT_STATUS).forPort(LocalStackNames.EDGE_PORT)
                            .forResponsePredicate(body -> body.matches("(?s).*\"completed\":\\s*true.*"))
                            .withStartupTimeout(Duration.ofMinutes(3)));
            container.start();
            URI endpoint = container.getEndpoint();
            requireScriptSucceeded(container, endpoint);
            String region = container.getRegion();
            return new Running(container, endpoint,
                    DynamoDbClients.create(region, Optional.of(endpoint)),
                    SqsClients.create(region, Optional.of(endpoint)),
                    S3Clients.create(region, Optional.of(endpoint)));
        }
    }
}
