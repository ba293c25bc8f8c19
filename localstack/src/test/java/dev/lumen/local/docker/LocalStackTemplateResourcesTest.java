package dev.lumen.local.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.adapter.sqs.InteractionJson;
import dev.lumen.adapter.sqs.SqsInteractionPublisher;
import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.memory.InteractionRecorded;
import dev.lumen.local.template.QueueSpec;
import dev.lumen.local.template.SamTemplate;
import dev.lumen.local.template.TableSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What the init script made in LocalStack is what template.yaml declares, and the SQS adapter works
 * on it: a published interaction arrives, and one that keeps failing lands in the dead-letter queue
 * after maxReceiveCount receives, as Lambda's event source would leave it.
 */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
class LocalStackTemplateResourcesTest {
    private static final SamTemplate TEMPLATE = SamTemplate.load(DockerFiles.TEMPLATE);

    @Test
    void the_table_has_the_templates_keys_index_and_ttl() {
        // GIVEN
        TableSpec spec = TEMPLATE.tables().get(0);

        // WHEN
        TableDescription table = LocalStackResources.dynamoDb()
                .describeTable(request -> request.tableName(LocalStackNames.TABLE)).table();

        // THEN
        var expected = spec.createTableRequest(LocalStackNames.TABLE);
        assertThat(table.keySchema()).isEqualTo(expected.keySchema());
        assertThat(table.globalSecondaryIndexes()).extracting(index -> index.indexName() + index.keySchema())
                .containsExactlyElementsOf(expected.globalSecondaryIndexes().stream()
                        .map(index -> index.indexName() + index.keySchema()).toList());
        var ttl = LocalStackResources.dynamoDb()
                .describeTimeToLive(request -> request.tableName(LocalStackNames.TABLE)).timeToLiveDescription();
        assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
        assertThat(ttl.attributeName()).isEqualTo(spec.ttlAttribute().orElseThrow());
    }

    @Test
    void every_queue_has_the_templates_visibility_timeout_and_redrive_policy() throws Exception {
        for (QueueSpec queue : TEMPLATE.queues()) {
            // WHEN
            Map<QueueAttributeName, String> attributes = LocalStackResources.sqs().getQueueAttributes(request -> request
                    .queueUrl(LocalStackResources.queueUrl(queue.queueName()))
                    .attributeNames(QueueAttributeName.ALL)).attributes();

            // THEN
            assertThat(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT))
                    .as(queue.logicalId()).isEqualTo(Integer.toString(queue.visibilityTimeoutSeconds()));
            if (queue.deadLetterQueue().isPresent()) {
                JsonNode redrive = new ObjectMapper().readTree(attributes.get(QueueAttributeName.REDRIVE_POLICY));
                assertThat(redrive.path("deadLetterTargetArn").asText()).endsWith(":" + queue.deadLetterQueue().get());
                assertThat(redrive.path("maxReceiveCount").asInt()).as(queue.logicalId()).isEqualTo(queue.maxReceiveCount());
            }
        }
    }

    @Test
    void an_interaction_that_keeps_failing_moves_to_the_dead_letter_queue() {
        // GIVEN an interaction published by the adapter chat uses
        String queueUrl = LocalStackResources.queueUrl("InteractionsQueue");
        String deadLetterUrl = LocalStackResources.queueUrl("InteractionsDeadLetterQueue");
        InteractionRecorded interaction = new InteractionRecorded("msg-ls-1", "creator-1", "persona-1", "user-1",
                "session-1", "msg-ls-0", "I want to run a marathon", "Then let's plan your training.", "offline",
                new Usage(12, 30), Instant.parse("2026-01-05T10:15:30.123Z"));
        new SqsInteractionPublisher(LocalStackResources.sqs(), queueUrl).publish(interaction);

        // WHEN a consumer receives it maxReceiveCount times and never deletes it (visibility 0: redelivered at once)
        for (int receive = 1; receive <= 3; receive++) {
            List<Message> messages = LocalStackResources.sqs().receiveMessage(request -> request.queueUrl(queueUrl)
                    .visibilityTimeout(0).waitTimeSeconds(5)).messages();
            // THEN it is the interaction, readable by the worker, every time
            assertThat(messages).as("receive " + receive).singleElement()
                    .satisfies(message -> assertThat(InteractionJson.read(message.body())).isEqualTo(interaction));
        }
        assertThat(LocalStackResources.sqs().receiveMessage(request -> request.queueUrl(queueUrl)
                .waitTimeSeconds(1)).messages()).isEmpty();
        List<Message> dead = LocalStackResources.sqs().receiveMessage(request -> request.queueUrl(deadLetterUrl)
                .waitTimeSeconds(5)).messages();
        assertThat(dead).singleElement()
                .satisfies(message -> assertThat(InteractionJson.read(message.body())).isEqualTo(interaction));
    }

    @Test
    void the_documents_bucket_exists() {
        String bucket = LocalStackNames.bucket("DocumentsBucket");
        assertThat(LocalStackResources.s3().listBuckets().buckets()).extracting(b -> b.name()).contains(bucket);
    }
}
