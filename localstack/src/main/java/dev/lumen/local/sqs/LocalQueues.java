package dev.lumen.local.sqs;

import dev.lumen.adapter.sqs.SqsClients;
import dev.lumen.local.template.QueueSpec;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The template's queues in ElasticMQ, in this JVM, on 127.0.0.1. Each {@code AWS::SQS::Queue} is
 * created with its visibility timeout, retention and redrive policy; ElasticMQ itself moves a
 * message to the dead-letter queue once it has been received {@code maxReceiveCount} times, as
 * SQS does. Queues live in memory: messages do not survive a restart (the pending copies chat
 * stores in DynamoDB do, and the sweeper publishes them again).
 *
 * <p>Queue URLs and ARNs are known before the server starts ({@link #url}, {@link #arn}), so
 * handlers can be configured while it does.
 */
public final class LocalQueues implements AutoCloseable {

    /** The account id in local queue URLs and ARNs. */
    public static final String ACCOUNT = "000000000000";
    private static final Logger LOG = LoggerFactory.getLogger(LocalQueues.class);
    private static final Duration DRAIN_POLL = Duration.ofMillis(100);

    private final SQSRestServer server;
    private final URI endpoint;
    private final String region;
    private final SqsClient client;
    private final Map<String, QueueSpec> specs;
    private final Map<String, String> urls;

    private LocalQueues(SQSRestServer server, URI endpoint, String region, SqsClient client,
                        Map<String, QueueSpec> specs, Map<String, String> urls) {
        this.server = server;
        this.endpoint = endpoint;
        this.region = region;
        this.client = client;
        this.specs = specs;
        this.urls = urls;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public static URI endpoint(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The URL ElasticMQ gives a queue: {@code <endpoint>/000000000000/<name>}. */
    public static String url(URI endpoint, QueueSpec queue) {
        return endpoint + "/" + ACCOUNT + "/" + queue.queueName();
    }

    /** {@code arn:aws:sqs:<region>:000000000000:<name>}, as ElasticMQ reports it. */
    public static String arn(String region, QueueSpec queue) {
        return "arn:aws:sqs:" + region + ":" + ACCOUNT + ":" + queue.queueName();
    }

    /**
     * Starts ElasticMQ on {@code port} and creates {@code queues} (dead-letter queues first, since
     * a redrive policy must name an existing queue).
     *
     * @throws IllegalStateException when the server does not start (port taken) or a queue is refused
     */
    public static LocalQueues start(int port, String region, List<QueueSpec> queues) {
        URI endpoint = endpoint(port);
        SQSRestServer server;
        try {
            server = SQSRestServerBuilder
                    .withInterface("127.0.0.1")
                    .withPort(port)
                    // The address queue URLs carry: the one clients use, not the bind address.
                    .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                    .withAWSRegion(region)
                    .withAWSAccountId(ACCOUNT)
                    .start();
            server.waitUntilStarted();
        } catch (Exception e) {
            // Scala code throws checked exceptions (a BindException) undeclared.
            throw new IllegalStateException("ElasticMQ did not start on port " + port + ": " + e.getMessage()
                    + " (is something else on that port? set LUMEN_SQS_PORT, 0 picks a free one)", e);
        }
        SqsClient client = SqsClients.create(region, Optional.of(endpoint));
        try {
            Map<String, QueueSpec> specs = new LinkedHashMap<>();
            queues.forEach(queue -> specs.put(queue.logicalId(), queue));
            Map<String, String> urls = new LinkedHashMap<>();
            for (QueueSpec queue : creationOrder(queues)) {
                urls.put(queue.logicalId(), create(client, endpoint, region, queue, specs));
            }
            return new LocalQueues(server, endpoint, region, client, Map.copyOf(specs), Map.copyOf(urls));
        } catch (RuntimeException e) {
            client.close();
            server.stopAndWait();
            throw e;
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client for the local queues; do not close it. */
    public SqsClient client() {
        return client;
    }

    /** Logical ids of the queues, in template order. */
    public List<String> logicalIds() {
        return List.copyOf(specs.keySet());
    }

    /** The queue as the template declares it. */
    public QueueSpec spec(String logicalId) {
        QueueSpec spec = specs.get(logicalId);
        if (spec == null) {
            throw new IllegalArgumentException("no queue " + logicalId + " in the template; queues: " + specs.keySet());
        }
        return spec;
    }

    /** The local URL of a queue of the template. */
    public String url(String logicalId) {
        spec(logicalId);
        return urls.get(logicalId);
    }

    public String arn(String logicalId) {
        return arn(region, spec(logicalId));
    }

    /**
     * Messages in the queue that are not done with: waiting ({@code ApproximateNumberOfMessages}),
     * received and not yet deleted ({@code …NotVisible}) and delayed ({@code …Delayed}). Exact in
     * ElasticMQ.
     */
    public long depth(String logicalId) {
        Map<QueueAttributeName, String> attributes = client.getQueueAttributes(request -> request
                .queueUrl(url(logicalId))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return attributes.values().stream().mapToLong(Long::parseLong).sum();
    }

    /**
     * Waits until the queue has no message left (see {@link #depth}): every message was deleted by
     * its consumer or moved to the dead-letter queue.
     *
     * @return false if the queue still had messages when {@code timeout} ran out
     */
    public boolean awaitDrained(String logicalId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (depth(logicalId) > 0) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(DRAIN_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            server.stopAndWait();
        }
    }

    private static String create(SqsClient client, URI endpoint, String region, QueueSpec queue,
                                 Map<String, QueueSpec> specs) {
        Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
        attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(queue.visibilityTimeoutSeconds()));
        attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, Integer.toString(queue.retentionSeconds()));
        if (queue.fifo()) {
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
        }
        queue.deadLetterQueue().ifPresent(deadLetters -> attributes.put(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + arn(region, specs.get(deadLetters))
                        + "\",\"maxReceiveCount\":\"" + queue.maxReceiveCount() + "\"}"));
        String url = client.createQueue(request -> request.queueName(queue.queueName()).attributes(attributes)).queueUrl();
        String expected = url(endpoint, queue);
        if (!url.equals(expected)) {
            // Handlers were configured with the expected URL before the server started.
            throw new IllegalStateException("ElasticMQ gave queue " + queue.logicalId() + " the URL " + url
                    + ", not " + expected);
        }
        LOG.atDebug().setMessage("created local queue").addKeyValue("queue", queue.logicalId())
                .addKeyValue("visibilityTimeout", queue.visibilityTimeoutSeconds())
                .addKeyValue("deadLetterQueue", queue.deadLetterQueue().orElse("-"))
                .addKeyValue("maxReceiveCount", queue.maxReceiveCount()).log();
        return url;
    }

    /** Queues nothing redrives into come after the ones they redrive to. */
    private static List<QueueSpec> creationOrder(List<QueueSpec> queues) {
        List<QueueSpec> ordered = new ArrayList<>();
        List<QueueSpec> remaining = new ArrayList<>(queues);
        while (!remaining.isEmpty()) {
            boolean progress = remaining.removeIf(queue -> {
                boolean ready = queue.deadLetterQueue()
                        .map(id -> ordered.stream().anyMatch(done -> done.logicalId().equals(id)))
                        .orElse(true);
                if (ready) {
                    ordered.add(queue);
                }
                return ready;
            });
            if (!progress) {
                throw new IllegalStateException("queues redrive to each other in a cycle: "
                        + remaining.stream().map(QueueSpec::logicalId).toList());
            }
        }
        return ordered;
    }
}
