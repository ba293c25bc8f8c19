package dev.lumen.local.sqs;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.local.lambda.EventHandoff;
import dev.lumen.local.lambda.LocalFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * One SQS event source mapping, emulated: polls a queue into a function the way Lambda does.
 *
 * <ul>
 *   <li>Long-polls {@code ReceiveMessage} for up to {@code BatchSize} messages (at most 10 per
 *       receive, as SQS allows; {@code MaximumBatchingWindowInSeconds} is ignored, so a batch is
 *       whatever one receive returns) and invokes the function with a real {@link SQSEvent}.</li>
 *   <li>With {@code ReportBatchItemFailures}, deletes the messages not listed in
 *       {@link SQSBatchResponse#getBatchItemFailures()}; an id that is not in the batch fails the
 *       whole batch, as in Lambda. Without it, deletes the whole batch on success.</li>
 *   <li>When the handler throws, deletes nothing: the whole batch is received again.</li>
 *   <li>Redrive to the dead-letter queue is the queue's own ({@code maxReceiveCount}), as in SQS.</li>
 * </ul>
 *
 * <p>Deviation: Lambda leaves a failed message invisible for the rest of the queue's visibility
 * timeout (6 minutes for a 60 s worker). Locally that would stall every retry for minutes, so the
 * poller makes a failed message visible again after {@code retryDelay} (ChangeMessageVisibility;
 * {@code LUMEN_SQS_RETRY_DELAY_SECONDS}, default 1). Batches run one at a time per mapping, where
 * Lambda scales out to several concurrent batches.
 */
public final class QueuePoller implements AutoCloseable {

    /** How long one receive waits for messages; short, so that {@link #close} is quick. */
    static final int WAIT_SECONDS = 1;
    private static final int MAX_RECEIVE = 10;
    private static final Duration ERROR_BACKOFF = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(QueuePoller.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the poller reads and how it settles a batch.
     *
     * @param name                    for logs and the thread name, e.g. {@code InteractionWorkerFunction.Interactions}
     * @param queueUrl                the queue's URL
     * @param queueArn                the {@code eventSourceARN} of each record
     * @param region                  the {@code awsRegion} of each record
     * @param batchSize               {@code BatchSize}
     * @param reportBatchItemFailures {@code FunctionResponseTypes: [ReportBatchItemFailures]}
     * @param maxReceiveCount         the queue's redrive {@code maxReceiveCount}; 0 when it has no dead-letter queue
     * @param retryDelay              how soon a failed message is received again
     */
    public record Source(String name, String queueUrl, String queueArn, String region, int batchSize,
                         boolean reportBatchItemFailures, int maxReceiveCount, Duration retryDelay) {
    }

    private final SqsClient sqs;
    private final Source source;
    private final LocalFunction function;
    private final Thread thread;
    private volatile boolean running;
    private boolean receiveFailing;

    public QueuePoller(SqsClient sqs, Source source, LocalFunction function) {
        this.sqs = sqs;
        this.source = source;
        this.function = function;
        this.thread = new Thread(this::loop, "sqs-" + source.name());
        this.thread.setDaemon(true);
    }

    /** Starts polling in a thread of its own. */
    public QueuePoller start() {
        running = true;
        thread.start();
        return this;
    }

    /** Stops polling; a batch being handled is finished first. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(Duration.ofSeconds(WAIT_SECONDS + 30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        while (running) {
            try {
                pollOnce();
                receiveFailing = false;
            } catch (SdkException e) {
                if (!running) {
                    return;
                }
                if (!receiveFailing) {
                    // Once per outage, not once a second.
                    LOG.atWarn().setMessage("polling the queue failed; retrying").addKeyValue("source", source.name())
                            .addKeyValue("reason", e.getMessage()).log();
                    receiveFailing = true;
                }
                sleep(ERROR_BACKOFF);
            } catch (RuntimeException e) {
                LOG.atError().setMessage("queue poller failed; retrying").addKeyValue("source", source.name())
                        .setCause(e).log();
                sleep(ERROR_BACKOFF);
            }
        }
    }

    /** One receive, and if it returned messages, one invocation and the settling of its batch. */
    int pollOnce() {
        List<Message> messages = sqs.receiveMessage(request -> request
                .queueUrl(source.queueUrl())
                .maxNumberOfMessages(Math.min(MAX_RECEIVE, Math.max(1, source.batchSize())))
                .waitTimeSeconds(WAIT_SECONDS)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
        if (messages.isEmpty()) {
            return 0;
        }
        String requestId = UUID.randomUUID().toString();
        Object result;
        try {
            result = EventHandoff.invoke(function, event(messages), requestId);
        } catch (RuntimeException | Error e) {
            LOG.atWarn().setMessage("handler failed the whole batch; no message is deleted")
                    .addKeyValue("source", source.name()).addKeyValue("requestId", requestId)
                    .addKeyValue("messages", messages.size()).setCause(e).log();
            retry(messages, reason(e));
            return messages.size();
        }
        Verdict verdict = source.reportBatchItemFailures() ? verdict(result, messages) : Verdict.ALL_DONE;
        List<Message> done = new ArrayList<>();
        List<Message> again = new ArrayList<>();
        for (Message message : messages) {
            (verdict.failed().contains(message.messageId()) ? again : done).add(message);
        }
        delete(done);
        retry(again, verdict.reason());
        return messages.size();
    }

    /** A real-shaped SQS event, as Lambda's event source mapping builds it. */
    SQSEvent event(List<Message> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message message : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(message.messageId());
            record.setReceiptHandle(message.receiptHandle());
            record.setBody(message.body());
            record.setMd5OfBody(message.md5OfBody());
            record.setMd5OfMessageAttributes(message.md5OfMessageAttributes());
            record.setAttributes(new LinkedHashMap<>(message.attributesAsStrings()));
            Map<String, SQSEvent.MessageAttribute> attributes = new LinkedHashMap<>();
            message.messageAttributes().forEach((name, value) -> attributes.put(name, attribute(value)));
            record.setMessageAttributes(attributes);
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(source.queueArn());
            record.setAwsRegion(source.region());
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    /** Which messages of a batch failed, and why. */
    private record Verdict(Set<String> failed, String reason) {
        static final Verdict ALL_DONE = new Verdict(Set.of(), "");
    }

    /**
     * The messages the handler reported as failed. Empty or null {@code batchItemFailures} means all
     * succeeded; an empty id or one not in the batch makes Lambda treat the whole batch as failed.
     */
    private Verdict verdict(Object result, List<Message> messages) {
        Set<String> inBatch = new LinkedHashSet<>();
        messages.forEach(message -> inBatch.add(message.messageId()));
        Set<String> failed = new LinkedHashSet<>();
        for (String id : reportedIds(result)) {
            if (id == null || !inBatch.contains(id)) {
                return new Verdict(inBatch, "the batch response names " + (id == null ? "an empty id" : "'" + id + "'")
                        + ", which is not in the batch, so the whole batch failed");
            }
            failed.add(id);
        }
        return new Verdict(failed, "the handler reported it in batchItemFailures");
    }

    private List<String> reportedIds(Object result) {
        if (result == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        if (result instanceof SQSBatchResponse response) {
            if (response.getBatchItemFailures() != null) {
                response.getBatchItemFailures().forEach(failure -> ids.add(failure.getItemIdentifier()));
            }
            return ids;
        }
        // A handler typed with its own response class: read it as the JSON Lambda would get.
        try {
            JsonNode failures = JSON.readTree(function.resultJson(result)).path("batchItemFailures");
            failures.forEach(failure -> ids.add(failure.path("itemIdentifier").isTextual()
                    ? failure.path("itemIdentifier").asText() : null));
        } catch (Exception e) {
            LOG.atWarn().setMessage("batch response is not JSON; treated as no failures")
                    .addKeyValue("source", source.name()).addKeyValue("reason", e.getMessage()).log();
        }
        return ids;
    }

    private void delete(List<Message> messages) {
        for (int from = 0; from < messages.size(); from += MAX_RECEIVE) {
            List<Message> chunk = messages.subList(from, Math.min(messages.size(), from + MAX_RECEIVE));
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(chunk.get(i).receiptHandle()).build());
            }
            var response = sqs.deleteMessageBatch(request -> request.queueUrl(source.queueUrl()).entries(entries));
            response.failed().forEach(failure -> LOG.atWarn()
                    .setMessage("processed message could not be deleted; it will be delivered again")
                    .addKeyValue("source", source.name())
                    .addKeyValue("messageId", chunk.get(Integer.parseInt(failure.id())).messageId())
                    .addKeyValue("reason", failure.message()).log());
        }
    }

    /** Logs each failed message and makes it visible again after the retry delay. */
    private void retry(List<Message> messages, String reason) {
        for (Message message : messages) {
            int receiveCount = receiveCount(message);
            boolean last = source.maxReceiveCount() > 0 && receiveCount >= source.maxReceiveCount();
            var log = last
                    ? LOG.atError().setMessage("message failed its last allowed receive; the queue moves it to the dead-letter queue")
                    : LOG.atWarn().setMessage("message failed; it will be received again");
            log.addKeyValue("source", source.name())
                    .addKeyValue("messageId", message.messageId())
                    .addKeyValue("receiveCount", receiveCount)
                    .addKeyValue("maxReceiveCount", source.maxReceiveCount())
                    .addKeyValue("reason", reason)
                    .log();
            try {
                sqs.changeMessageVisibility(request -> request.queueUrl(source.queueUrl())
                        .receiptHandle(message.receiptHandle())
                        .visibilityTimeout((int) source.retryDelay().toSeconds()));
            } catch (SdkException e) {
                // The queue's own visibility timeout still brings the message back, only later.
                LOG.atDebug().setMessage("could not shorten the visibility of a failed message")
                        .addKeyValue("messageId", message.messageId()).addKeyValue("reason", e.getMessage()).log();
            }
        }
    }

    private static int receiveCount(Message message) {
        String count = message.attributesAsStrings().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT.toString());
        try {
            return count == null ? 0 : Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static SQSEvent.MessageAttribute attribute(MessageAttributeValue value) {
        SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
        attribute.setDataType(value.dataType());
        attribute.setStringValue(value.stringValue());
        if (value.binaryValue() != null) {
            attribute.setBinaryValue(value.binaryValue().asByteBuffer());
        }
        attribute.setStringListValues(value.hasStringListValues() ? value.stringListValues() : List.of());
        attribute.setBinaryListValues(value.hasBinaryListValues()
                ? value.binaryListValues().stream().map(SdkBytes::asByteBuffer).toList() : List.of());
        return attribute;
    }

    private static String reason(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
