package dev.lumen.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.lumen.local.LocalSettings;
import dev.lumen.local.LumenLocal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner with a small template of its own: queues created from it, handlers configured with
 * the queue URL and the ElasticMQ endpoint, the worker polled, the sweeper scheduled.
 */
class LumenLocalQueuesTest {

    private static final String TEMPLATE = """
            Resources:
              InteractionsQueue:
                Type: AWS::SQS::Queue
                Properties:
                  VisibilityTimeout: 360
                  RedrivePolicy: { deadLetterTargetArn: !GetAtt InteractionsDeadLetterQueue.Arn, maxReceiveCount: 3 }
              InteractionsDeadLetterQueue:
                Type: AWS::SQS::Queue
              InteractionWorkerFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: dev.lumen.local.sqs.LumenLocalQueuesTest$Worker::handleRequest
                  Events:
                    Interactions:
                      Type: SQS
                      Properties: { Queue: !GetAtt InteractionsQueue.Arn, BatchSize: 10, FunctionResponseTypes: [ReportBatchItemFailures] }
              InteractionSweeperFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: dev.lumen.local.sqs.LumenLocalQueuesTest$Sweeper::handleRequest
                  Environment:
                    Variables:
                      INTERACTIONS_QUEUE_URL: !Ref InteractionsQueue
                      DEAD_LETTER_ARN: !GetAtt InteractionsDeadLetterQueue.Arn
                  Events:
                    Sweep: { Type: Schedule, Properties: { Schedule: rate(1 minute) } }
            """;

    @TempDir
    static Path folder;
    private static LumenLocal local;

    /** Test handler: records bodies, fails the ones that say "poison". */
    public static final class Worker implements RequestHandler<SQSEvent, SQSBatchResponse> {
        static final List<String> BODIES = new CopyOnWriteArrayList<>();

        @Override
        public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
            event.getRecords().forEach(record -> BODIES.add(record.getBody()));
            return new SQSBatchResponse(event.getRecords().stream()
                    .filter(record -> record.getBody().equals("poison"))
                    .map(record -> new SQSBatchResponse.BatchItemFailure(record.getMessageId())).toList());
        }
    }

    /** Test handler: remembers its configuration, as Lumen's handlers read it, and counts runs. */
    public static final class Sweeper implements RequestHandler<ScheduledEvent, Void> {
        static volatile String queueUrl;
        static volatile String deadLetterArn;
        static volatile String sqsEndpoint;
        static final List<ScheduledEvent> RUNS = new CopyOnWriteArrayList<>();

        public Sweeper() {
            queueUrl = System.getProperty("INTERACTIONS_QUEUE_URL");
            deadLetterArn = System.getProperty("DEAD_LETTER_ARN");
            sqsEndpoint = System.getProperty("LUMEN_SQS_ENDPOINT");
        }

        @Override
        public Void handleRequest(ScheduledEvent event, Context context) {
            RUNS.add(event);
            return null;
        }
    }

    @BeforeAll
    static void start() throws IOException {
        Path template = Files.writeString(folder.resolve("template.yaml"), TEMPLATE);
        LocalSettings settings = LocalSettings.fromEnvironment(Map.of(
                        "LUMEN_TEMPLATE", template.toString(),
                        "LUMEN_DATA_DIR", folder.toString(),
                        "LUMEN_DYNAMODB_IN_MEMORY", "true",
                        "LUMEN_SQS_RETRY_DELAY_SECONDS", "0"))
                .withPorts(0, 0, 0);
        local = LumenLocal.start(settings);
    }

    @AfterAll
    static void stop() {
        if (local != null) {
            local.close();
        }
    }

    @Test
    void handlers_get_the_local_queue_url_arn_and_sqs_endpoint_from_the_template() {
        // WHEN / THEN
        assertThat(Sweeper.queueUrl).isEqualTo(local.queues().url("InteractionsQueue"))
                .isEqualTo(local.queues().endpoint() + "/000000000000/InteractionsQueue");
        assertThat(Sweeper.deadLetterArn).isEqualTo(local.queues().arn("InteractionsDeadLetterQueue"));
        assertThat(Sweeper.sqsEndpoint).isEqualTo(local.queues().endpoint().toString());
    }

    @Test
    void messages_sent_to_the_templates_queue_reach_its_worker_and_poison_goes_to_the_dead_letter_queue() {
        // GIVEN
        String url = local.queues().url("InteractionsQueue");
        local.queues().client().sendMessage(request -> request.queueUrl(url).messageBody("hello"));
        local.queues().client().sendMessage(request -> request.queueUrl(url).messageBody("poison"));

        // WHEN
        boolean drained = local.queues().awaitDrained("InteractionsQueue", Duration.ofSeconds(30));

        // THEN
        assertThat(drained).isTrue();
        assertThat(Worker.BODIES).filteredOn("hello"::equals).hasSize(1);
        assertThat(Worker.BODIES).filteredOn("poison"::equals).hasSize(3);
        assertThat(local.queues().depth("InteractionsDeadLetterQueue")).isEqualTo(1);
    }

    @Test
    void the_templates_schedule_is_active_and_fires_its_function() {
        // WHEN
        local.scheduler().fireNow("InteractionSweeperFunction", "Sweep");

        // THEN
        assertThat(local.scheduler().active()).containsExactly("InteractionSweeperFunction.Sweep");
        assertThat(Sweeper.RUNS).isNotEmpty();
        assertThat(Sweeper.RUNS.get(0).getSource()).isEqualTo("aws.events");
    }

    @Test
    void sqs_settings_have_defaults_and_are_validated() {
        // WHEN
        LocalSettings defaults = LocalSettings.fromEnvironment(Map.of());
        LocalSettings custom = LocalSettings.fromEnvironment(Map.of(
                "LUMEN_SQS_PORT", "0", "LUMEN_SQS_RETRY_DELAY_SECONDS", "5", "LUMEN_SCHEDULES", "off"));

        // THEN
        assertThat(defaults.sqsPort()).isEqualTo(9324);
        assertThat(defaults.sqsRetryDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.schedulesEnabled()).isTrue();
        assertThat(custom.sqsPort()).isZero();
        assertThat(custom.sqsRetryDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(custom.schedulesEnabled()).isFalse();
        assertThatThrownBy(() -> LocalSettings.fromEnvironment(Map.of("LUMEN_SCHEDULES", "sometimes")))
                .hasMessageContaining("LUMEN_SCHEDULES");
        assertThatThrownBy(() -> LocalSettings.fromEnvironment(Map.of("LUMEN_SQS_RETRY_DELAY_SECONDS", "-1")))
                .hasMessageContaining("LUMEN_SQS_RETRY_DELAY_SECONDS");
    }
}
