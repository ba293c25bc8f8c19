package dev.lumen.testing;

import dev.lumen.adapter.sqs.SqsClients;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * One ElasticMQ server per test JVM, over HTTP on 127.0.0.1, started on first use and stopped when
 * the JVM exits. Test classes share it and isolate themselves with their own queues
 * ({@link #newQueue}, {@link #newQueueWithDeadLetters}).
 *
 * <pre>{@code
 * LocalSqs.Queues queues = LocalSqs.newQueueWithDeadLetters("interactions", 30, 3);
 * var publisher = new SqsInteractionPublisher(LocalSqs.client(), queues.url());
 * }</pre>
 */
public final class LocalSqs {
    /** Region the client signs for and ElasticMQ puts in queue ARNs. */
    public static final String REGION = "us-east-1";
    /** The account id ElasticMQ puts in queue URLs and ARNs (the one AWS tooling uses for local stacks). */
    public static final String ACCOUNT = "000000000000";
    private static final AtomicInteger QUEUES = new AtomicInteger();

    private LocalSqs() {
    }

    /** A client for the shared server; do not close it. */
    public static SqsClient client() {
        return Holder.INSTANCE.client;
    }

    /** The server's HTTP endpoint, e.g. {@code http://127.0.0.1:41234}. */
    public static URI endpoint() {
        return Holder.INSTANCE.endpoint;
    }

    /** A queue and, if it has one, its dead-letter queue. */
    public record Queues(String url, String arn, Optional<String> deadLetterUrl) {

        public String requireDeadLetterUrl() {
            return deadLetterUrl.orElseThrow(() -> new IllegalStateException(url + " has no dead-letter queue"));
        }
    }

    /** Creates a new, empty standard queue whose name starts with {@code prefix}. */
    public static Queues newQueue(String prefix, int visibilityTimeoutSeconds) {
        String name = prefix + "-" + QUEUES.incrementAndGet();
        String url = create(name, Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeoutSeconds)));
        return new Queues(url, arn(name), Optional.empty());
    }

    /**
     * Creates a new queue and its dead-letter queue ({@code <name>-dlq}): a message received
     * {@code maxReceiveCount} times without being deleted is moved there on its next receive.
     */
    public static Queues newQueueWithDeadLetters(String prefix, int visibilityTimeoutSeconds, int maxReceiveCount) {
        String name = prefix + "-" + QUEUES.incrementAndGet();
        String deadLetterUrl = create(name + "-dlq", Map.of());
        String redrivePolicy = "{\"deadLetterTargetArn\":\"" + arn(name + "-dlq") + "\",\"maxReceiveCount\":\""
                + maxReceiveCount + "\"}";
        String url = create(name, Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeoutSeconds),
                QueueAttributeName.REDRIVE_POLICY, redrivePolicy));
        return new Queues(url, arn(name), Optional.of(deadLetterUrl));
    }

    /** {@code ApproximateNumberOfMessages + ApproximateNumberOfMessagesNotVisible} of a queue. */
    public static long depth(String queueUrl) {
        Map<QueueAttributeName, String> attributes = client().getQueueAttributes(request -> request.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private static String create(String name, Map<QueueAttributeName, String> attributes) {
        return client().createQueue(request -> request.queueName(name).attributes(attributes)).queueUrl();
    }

    private static String arn(String name) {
        return "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + name;
    }

    /** Lazy holder: the server starts when a test first asks for it, once per JVM. */
    private static final class Holder {
        static final Running INSTANCE = Running.start();
    }

    private record Running(SQSRestServer server, URI endpoint, SqsClient client) {

        static Running start() {
            // ElasticMQ and its actor system announce every start and queue at INFO.
            setIfAbsent("org.slf4j.simpleLogger.log.org.elasticmq", "warn");
            setIfAbsent("org.slf4j.simpleLogger.log.org.apache.pekko", "error");
            Exception last = null;
            // The free port is found, released, then bound by the server: another process can take it
            // in between, so try a few ports before giving up.
            for (int attempt = 0; attempt < 5; attempt++) {
                int port = freePort();
                try {
                    SQSRestServer server = SQSRestServerBuilder
                            .withInterface("127.0.0.1")
                            .withPort(port)
                            // Queue URLs name the address clients reach it on, not the bind address.
                            .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                            .withAWSRegion(REGION)
                            .withAWSAccountId(ACCOUNT)
                            .start();
                    server.waitUntilStarted();
                    URI endpoint = URI.create("http://127.0.0.1:" + port);
                    Running running = new Running(server, endpoint, SqsClients.create(REGION, Optional.of(endpoint)));
                    Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "elasticmq-stop"));
                    return running;
                } catch (Exception e) {
                    // Scala code throws checked exceptions (a BindException) undeclared.
                    last = e;
                }
            }
            throw new IllegalStateException("ElasticMQ did not start", last);
        }

        void stop() {
            client.close();
            try {
                server.stopAndWait();
            } catch (RuntimeException e) {
                // Stopping is best effort: the JVM is exiting.
            }
        }

        private static void setIfAbsent(String property, String value) {
            if (System.getProperty(property) == null) {
                System.setProperty(property, value);
            }
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException("no free port", e);
            }
        }
    }
}
