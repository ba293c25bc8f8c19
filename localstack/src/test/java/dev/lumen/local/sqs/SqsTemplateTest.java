package dev.lumen.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.local.template.QueueSpec;
import dev.lumen.local.template.SamTemplate;
import dev.lumen.local.template.ScheduleSpec;
import dev.lumen.local.template.SqsEventSpec;
import dev.lumen.local.template.TemplateException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Queues, SQS events and schedules read from a template shaped like the project's. */
class SqsTemplateTest {

    /** The shape the project template gives the interactions pipeline. */
    static final String PIPELINE = """
            Parameters:
              SweepRate: { Type: String, Default: rate(5 minutes) }
            Globals:
              Function: { Timeout: 60 }
            Resources:
              InteractionsQueue:
                Type: AWS::SQS::Queue
                Properties:
                  VisibilityTimeout: 360
                  MessageRetentionPeriod: 1209600
                  RedrivePolicy:
                    deadLetterTargetArn: !GetAtt InteractionsDeadLetterQueue.Arn
                    maxReceiveCount: 3
              InteractionsDeadLetterQueue:
                Type: AWS::SQS::Queue
                Properties: { MessageRetentionPeriod: 1209600 }
              InteractionWorkerFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: dev.lumen.functions.memory.InteractionWorkerHandler::handleRequest
                  Events:
                    Interactions:
                      Type: SQS
                      Properties:
                        Queue: !GetAtt InteractionsQueue.Arn
                        BatchSize: 10
                        FunctionResponseTypes: [ReportBatchItemFailures]
              InteractionSweeperFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: dev.lumen.functions.memory.InteractionSweeperHandler::handleRequest
                  Environment:
                    Variables:
                      INTERACTIONS_QUEUE_URL: !Ref InteractionsQueue
                  Events:
                    Sweep: { Type: Schedule, Properties: { Schedule: rate(1 minute) } }
                    Slow: { Type: Schedule, Properties: { Schedule: !Ref SweepRate, Enabled: false } }
                    Nightly: { Type: ScheduleV2, Properties: { ScheduleExpression: "cron(0 3 * * ? *)" } }
            """;

    private final SamTemplate template = SamTemplate.parse(PIPELINE, "pipeline.yaml");

    @Test
    void the_project_templates_interactions_pipeline_is_read_as_the_runner_emulates_it() {
        // GIVEN the module's tests run from localstack/, the template sits at the top of the checkout
        SamTemplate project = SamTemplate.load(Path.of("..", "template.yaml"));

        // WHEN / THEN
        assertThat(project.queues()).contains(
                new QueueSpec("InteractionsQueue", false, 360, 1_209_600, Optional.of("InteractionsDeadLetterQueue"), 3),
                new QueueSpec("InteractionsDeadLetterQueue", false, 30, 1_209_600, Optional.empty(), 0));
        assertThat(project.sqsEvents()).contains(new SqsEventSpec("InteractionWorkerFunction", "Interactions",
                "InteractionsQueue", 10, true, true));
        assertThat(project.schedules()).contains(
                new ScheduleSpec("InteractionSweeperFunction", "Sweep", "rate(1 minute)", true));
    }

    @Test
    void queues_keep_their_timeouts_retention_and_redrive_policy() {
        // WHEN
        List<QueueSpec> queues = template.queues();

        // THEN
        assertThat(queues).containsExactly(
                new QueueSpec("InteractionsQueue", false, 360, 1_209_600, Optional.of("InteractionsDeadLetterQueue"), 3),
                new QueueSpec("InteractionsDeadLetterQueue", false, 30, 1_209_600, Optional.empty(), 0));
    }

    @Test
    void an_sqs_event_names_its_queue_batch_size_and_partial_batch_responses() {
        // WHEN
        List<SqsEventSpec> events = template.sqsEvents();

        // THEN
        assertThat(events).containsExactly(new SqsEventSpec("InteractionWorkerFunction", "Interactions",
                "InteractionsQueue", 10, true, true));
    }

    @Test
    void an_sqs_event_without_options_gets_sams_defaults_and_a_literal_arn_names_the_queue() {
        // GIVEN
        String yaml = """
                Resources:
                  Q: { Type: AWS::SQS::Queue, Properties: { FifoQueue: true } }
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B
                      Events: { E: { Type: SQS, Properties: { Queue: "arn:aws:sqs:eu-west-1:123456789012:Q" } } }
                """;

        // WHEN
        SamTemplate parsed = SamTemplate.parse(yaml, "inline");

        // THEN
        assertThat(parsed.sqsEvents()).containsExactly(new SqsEventSpec("Fn", "E", "Q", 10, false, true));
        assertThat(parsed.queues().get(0).queueName()).isEqualTo("Q.fifo");
        assertThat(parsed.queues().get(0).visibilityTimeoutSeconds()).isEqualTo(30);
    }

    @Test
    void schedules_resolve_parameters_and_keep_disabled_and_cron_ones_for_the_scheduler_to_skip() {
        // WHEN
        List<ScheduleSpec> schedules = template.schedules();

        // THEN
        assertThat(schedules).containsExactly(
                new ScheduleSpec("InteractionSweeperFunction", "Sweep", "rate(1 minute)", true),
                new ScheduleSpec("InteractionSweeperFunction", "Slow", "rate(5 minutes)", false),
                new ScheduleSpec("InteractionSweeperFunction", "Nightly", "cron(0 3 * * ? *)", true));
    }

    @Test
    void queue_urls_and_arns_are_the_ones_elasticmq_gives_them() {
        // GIVEN
        QueueSpec queue = template.queues().get(0);

        // WHEN / THEN
        assertThat(LocalQueues.url(URI.create("http://127.0.0.1:9324"), queue))
                .isEqualTo("http://127.0.0.1:9324/000000000000/InteractionsQueue");
        assertThat(LocalQueues.arn("eu-west-1", queue)).isEqualTo("arn:aws:sqs:eu-west-1:000000000000:InteractionsQueue");
    }

    @Test
    void a_redrive_policy_to_an_unknown_queue_or_without_max_receive_count_is_refused() {
        // GIVEN
        String unknown = """
                Resources:
                  Q: { Type: AWS::SQS::Queue, Properties: { RedrivePolicy: { deadLetterTargetArn: !GetAtt Nope.Arn, maxReceiveCount: 3 } } }
                """;
        String noCount = """
                Resources:
                  D: { Type: AWS::SQS::Queue }
                  Q: { Type: AWS::SQS::Queue, Properties: { RedrivePolicy: { deadLetterTargetArn: !GetAtt D.Arn } } }
                """;
        String badQueue = """
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties: { Handler: a.B, Events: { E: { Type: SQS, Properties: { Queue: !Ref Q } } } }
                """;

        // WHEN / THEN
        assertThatThrownBy(() -> SamTemplate.parse(unknown, "inline").queues())
                .isInstanceOf(TemplateException.class).hasMessageContaining("Nope");
        assertThatThrownBy(() -> SamTemplate.parse(noCount, "inline").queues())
                .isInstanceOf(TemplateException.class).hasMessageContaining("Q.RedrivePolicy.maxReceiveCount");
        assertThatThrownBy(() -> SamTemplate.parse(badQueue, "inline").sqsEvents())
                .isInstanceOf(TemplateException.class).hasMessageContaining("Fn.Events.E.Queue");
    }
}
