package dev.lumen.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lumen.local.lambda.LocalFunction;
import dev.lumen.local.template.SamTemplate;
import dev.lumen.local.template.SqsEventSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Fault tests of the emulated event source mapping against a real ElasticMQ, with small handlers
 * written here and a small template (the queue is shaped like the project's interactions queue:
 * a 6-minute visibility timeout, a dead-letter queue after 3 receives).
 */
class QueuePollerTest {

    private static final String TEMPLATE = """
            Resources:
              WorkQueue:
                Type: AWS::SQS::Queue
                Properties:
                  VisibilityTimeout: 360
                  RedrivePolicy: { deadLetterTargetArn: !GetAtt WorkDeadLetters.Arn, maxReceiveCount: 3 }
              WorkDeadLetters:
                Type: AWS::SQS::Queue
                Properties: { MessageRetentionPeriod: 1209600 }
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: test.Worker::handleRequest
                  Events:
                    Work:
                      Type: SQS
                      Properties: { Queue: !GetAtt WorkQueue.Arn, BatchSize: 10, FunctionResponseTypes: [ReportBatchItemFailures] }
            """;
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private static SamTemplate template;
    private static LocalQueues queues;

    /** What the handler saw: one entry per invocation, each the batch's records. */
    private final List<List<SQSEvent.SQSMessage>> invocations = new CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private QueuePoller poller;

    @BeforeAll
    static void startQueues() {
        template = SamTemplate.parse(TEMPLATE, "test-template.yaml");
        queues = LocalQueues.start(freePort(), "eu-west-1", template.queues());
    }

    @AfterAll
    static void stopQueues() {
        queues.close();
    }

    @BeforeEach
    void captureLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger(QueuePoller.class)).addAppender(log);
    }

    @AfterEach
    void stop() {
        if (poller != null) {
            poller.close();
        }
        ((Logger) LoggerFactory.getLogger(QueuePoller.class)).detachAppender(log);
        queues.client().purgeQueue(request -> request.queueUrl(queues.url("WorkQueue")));
        queues.client().purgeQueue(request -> request.queueUrl(queues.url("WorkDeadLetters")));
    }

    @Test
    void one_failed_message_of_a_batch_of_five_is_the_only_one_received_again() {
        // GIVEN five messages, and a handler that reports the third as failed the first time it sees it
        send("m1", "m2", "m3", "m4", "m5");
        startPoller(true, event -> {
            List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
            event.getRecords().stream()
                    .filter(record -> record.getBody().equals("m3") && receiveCount(record) == 1)
                    .forEach(record -> failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId())));
            return new SQSBatchResponse(failures);
        });

        // WHEN
        boolean drained = queues.awaitDrained("WorkQueue", DRAIN_TIMEOUT);

        // THEN the first batch held all five; afterwards only m3 came back, once, the rest were deleted
        assertThat(drained).isTrue();
        assertThat(invocations.get(0)).extracting(SQSEvent.SQSMessage::getBody)
                .containsExactlyInAnyOrder("m1", "m2", "m3", "m4", "m5");
        assertThat(timesSeen()).containsExactlyInAnyOrderEntriesOf(Map.of("m1", 1L, "m2", 1L, "m3", 2L, "m4", 1L, "m5", 1L));
        assertThat(invocations.get(1)).extracting(SQSEvent.SQSMessage::getBody).containsExactly("m3");
        assertThat(receiveCount(invocations.get(1).get(0))).isEqualTo(2);
        assertThat(deadLetters()).isEmpty();
        // the queue's 6-minute visibility timeout was shortened for the retry, and it was logged
        assertThat(warnings()).anySatisfy(event -> assertThat(keyValues(event))
                .containsEntry("receiveCount", 1)
                .containsEntry("reason", "the handler reported it in batchItemFailures"));
    }

    @Test
    void a_batch_whose_handler_throws_is_received_again_whole_and_nothing_is_deleted_before() {
        // GIVEN three messages, and a handler that throws the first time
        send("a", "b", "c");
        startPoller(true, event -> {
            if (invocations.size() == 1) {
                throw new IllegalStateException("model unavailable");
            }
            return new SQSBatchResponse(List.of());
        });

        // WHEN
        boolean drained = queues.awaitDrained("WorkQueue", DRAIN_TIMEOUT);

        // THEN
        assertThat(drained).isTrue();
        assertThat(invocations).hasSize(2);
        assertThat(invocations.get(1)).extracting(SQSEvent.SQSMessage::getMessageId)
                .containsExactlyInAnyOrderElementsOf(invocations.get(0).stream().map(SQSEvent.SQSMessage::getMessageId).toList());
        assertThat(invocations.get(1)).allSatisfy(record -> assertThat(receiveCount(record)).isEqualTo(2));
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void a_poison_message_reaches_the_dead_letter_queue_after_exactly_three_receives_with_its_reason_logged() {
        // GIVEN a message the handler can never process
        send("poison");
        startPoller(true, event -> {
            throw new IllegalArgumentException("interaction body has no tenant");
        });

        // WHEN
        boolean drained = queues.awaitDrained("WorkQueue", DRAIN_TIMEOUT);

        // THEN
        assertThat(drained).isTrue();
        assertThat(invocations).hasSize(3);
        assertThat(invocations).extracting(batch -> receiveCount(batch.get(0))).containsExactly(1, 2, 3);
        assertThat(deadLetters()).extracting(Message::body).containsExactly("poison");
        String messageId = invocations.get(0).get(0).getMessageId();
        List<ILoggingEvent> errors = log.list.stream().filter(event -> event.getLevel() == Level.ERROR).toList();
        assertThat(errors).singleElement().satisfies(event -> {
            assertThat(event.getFormattedMessage()).contains("dead-letter queue");
            assertThat(keyValues(event))
                    .containsEntry("messageId", messageId)
                    .containsEntry("receiveCount", 3)
                    .hasEntrySatisfying("reason", reason -> assertThat(reason).asString()
                            .contains("interaction body has no tenant"));
        });
    }

    @Test
    void without_report_batch_item_failures_a_successful_invocation_deletes_the_whole_batch() {
        // GIVEN a mapping without ReportBatchItemFailures, whose handler still returns failures
        send("x", "y");
        startPoller(false, event -> new SQSBatchResponse(event.getRecords().stream()
                .map(record -> new SQSBatchResponse.BatchItemFailure(record.getMessageId())).toList()));

        // WHEN
        boolean drained = queues.awaitDrained("WorkQueue", DRAIN_TIMEOUT);

        // THEN the response is ignored, as Lambda ignores it
        assertThat(drained).isTrue();
        assertThat(invocations).hasSize(1);
        assertThat(invocations.get(0)).hasSize(2);
    }

    @Test
    void records_are_shaped_as_lambda_delivers_them() {
        // GIVEN
        send("hello");
        startPoller(true, event -> new SQSBatchResponse(List.of()));

        // WHEN
        queues.awaitDrained("WorkQueue", DRAIN_TIMEOUT);

        // THEN
        SQSEvent.SQSMessage record = invocations.get(0).get(0);
        assertThat(record.getEventSource()).isEqualTo("aws:sqs");
        assertThat(record.getEventSourceArn()).isEqualTo("arn:aws:sqs:eu-west-1:000000000000:WorkQueue");
        assertThat(record.getAwsRegion()).isEqualTo("eu-west-1");
        assertThat(record.getReceiptHandle()).isNotBlank();
        assertThat(record.getMd5OfBody()).isEqualTo("5d41402abc4b2a76b9719d911017c592");
        assertThat(record.getAttributes()).containsEntry("ApproximateReceiveCount", "1")
                .containsKeys("SentTimestamp", "ApproximateFirstReceiveTimestamp");
    }

    private void startPoller(boolean reportBatchItemFailures, Function<SQSEvent, SQSBatchResponse> behaviour) {
        SqsEventSpec spec = template.sqsEvents().get(0);
        RequestHandler<SQSEvent, SQSBatchResponse> handler = (event, context) -> {
            invocations.add(List.copyOf(event.getRecords()));
            return behaviour.apply(event);
        };
        LocalFunction function = LocalFunction.of("Worker", handler, SQSEvent.class, SQSBatchResponse.class);
        poller = new QueuePoller(queues.client(), new QueuePoller.Source("Worker.Work", queues.url(spec.queueId()),
                queues.arn(spec.queueId()), "eu-west-1", spec.batchSize(), reportBatchItemFailures,
                queues.spec(spec.queueId()).maxReceiveCount(), Duration.ZERO), function).start();
    }

    private void send(String... bodies) {
        List<SendMessageBatchRequestEntry> entries = IntStream.range(0, bodies.length)
                .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("e" + i).messageBody(bodies[i]).build())
                .toList();
        queues.client().sendMessageBatch(request -> request.queueUrl(queues.url("WorkQueue")).entries(entries));
    }

    private List<Message> deadLetters() {
        return queues.client().receiveMessage(request -> request.queueUrl(queues.url("WorkDeadLetters"))
                .maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
    }

    private Map<String, Long> timesSeen() {
        return invocations.stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(SQSEvent.SQSMessage::getBody, Collectors.counting()));
    }

    private List<ILoggingEvent> warnings() {
        return log.list.stream().filter(event -> event.getLevel() == Level.WARN).toList();
    }

    private static Map<String, Object> keyValues(ILoggingEvent event) {
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        event.getKeyValuePairs().forEach(pair -> values.put(pair.key, pair.value));
        return values;
    }

    private static int receiveCount(SQSEvent.SQSMessage record) {
        return Integer.parseInt(record.getAttributes().get("ApproximateReceiveCount"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
