package dev.lumen.local.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.local.template.QueueSpec;
import dev.lumen.local.template.Resource;
import dev.lumen.local.template.SamTemplate;
import dev.lumen.local.template.TableSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;

/**
 * The LocalStack init script ({@code /etc/localstack/init/ready.d}) that creates what
 * {@code template.yaml} declares, written from the template rather than by hand so the two cannot
 * drift: {@code LocalStackInitScriptTest} fails when the checked-in script differs from
 * {@link #render}. The table comes from the same {@link TableSpec#createTableRequest} the no-Docker
 * runner uses; queues in dependency order (a dead-letter queue before the queue that redrives
 * into it); then buckets and OpenSearch domains. Every step is skipped when its resource exists,
 * so LocalStack may run it again on a restart with persistence on.
 */
public final class LocalStackInitScript {

    public static final String OPENSEARCH_DOMAIN_TYPE = "AWS::OpenSearchService::Domain";
    public static final String S3_BUCKET_TYPE = "AWS::S3::Bucket";
    /** The script's last line, for whoever reads LocalStack's log (readiness is its init endpoint). */
    public static final String READY_LINE = "lumen: LocalStack resources ready";

    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalStackInitScript() {
    }

    /** The whole script for {@code template}. */
    public static String render(SamTemplate template) {
        StringBuilder out = new StringBuilder();
        out.append("""
                #!/usr/bin/env bash
                # GENERATED from template.yaml by `java -jar localstack/target/lumen-local.jar localstack-init`.
                # Do not edit: change template.yaml and regenerate (LocalStackInitScriptTest fails while they differ).
                #
                # LocalStack runs the scripts in /etc/localstack/init/ready.d once its services are up;
                # localstack/docker/compose.yaml mounts this folder there. Creates the template's table (keys,
                # GSIs, TTL), queues (each dead-letter queue before the queue that redrives into it), buckets
                # and OpenSearch domains, skipping any that exist. LUMEN_OPENSEARCH_DOMAIN=false skips the
                # domains (without OPENSEARCH_CUSTOM_BACKEND, LocalStack would download OpenSearch for them).
                set -euo pipefail
                export AWS_DEFAULT_REGION=%s
                # LocalStack checks that requests carry credentials, not whose: "test" is its default account.
                export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"

                """.formatted(LocalStackNames.REGION));
        for (TableSpec table : template.tables()) {
            appendTable(out, table);
        }
        appendQueues(out, template.queues());
        for (Resource bucket : template.resources(S3_BUCKET_TYPE)) {
            String name = LocalStackNames.bucket(bucket.logicalId());
            out.append("# S3: ").append(bucket.logicalId()).append('\n')
                    .append("if ! awslocal s3api head-bucket --bucket ").append(name).append(" >/dev/null 2>&1; then\n")
                    .append("  awslocal s3api create-bucket --bucket ").append(name).append(" >/dev/null\n")
                    .append("fi\n")
                    .append("echo \"lumen: bucket ").append(name).append("\"\n\n");
        }
        List<Resource> domains = template.resources(OPENSEARCH_DOMAIN_TYPE);
        if (!domains.isEmpty()) {
            out.append("if [ \"${LUMEN_OPENSEARCH_DOMAIN:-true}\" = true ]; then\n");
            for (Resource domain : domains) {
                String name = LocalStackNames.domain(domain.logicalId());
                Object version = domain.properties().get("EngineVersion");
                out.append("  # OpenSearch: ").append(domain.logicalId()).append('\n')
                        .append("  if ! awslocal opensearch describe-domain --domain-name ").append(name)
                        .append(" >/dev/null 2>&1; then\n")
                        .append("    awslocal opensearch create-domain --domain-name ").append(name);
                if (version instanceof String engine) {
                    out.append(" --engine-version ").append(engine);
                }
                out.append(" >/dev/null\n")
                        .append("  fi\n")
                        .append("  echo \"lumen: OpenSearch domain ").append(name).append("\"\n");
            }
            out.append("fi\n\n");
        }
        out.append("echo \"").append(READY_LINE).append("\"\n");
        return out.toString();
    }

    private static void appendTable(StringBuilder out, TableSpec table) {
        // One table per template here; a second would need a name scheme shared with SamEnvironment.
        String name = LocalStackNames.TABLE;
        String definition = json(tableDefinition(table.createTableRequest(name)));
        out.append("# DynamoDB: ").append(table.logicalId()).append('\n')
                .append("if ! awslocal dynamodb describe-table --table-name ").append(name).append(" >/dev/null 2>&1; then\n")
                .append("  awslocal dynamodb create-table --table-name ").append(name).append(" \\\n")
                .append("    --cli-input-json ").append(singleQuoted(definition)).append(" >/dev/null\n")
                .append("  awslocal dynamodb wait table-exists --table-name ").append(name).append('\n');
        table.ttlAttribute().ifPresent(attribute -> out
                .append("  awslocal dynamodb update-time-to-live --table-name ").append(name)
                .append(" --time-to-live-specification Enabled=true,AttributeName=").append(attribute).append(" >/dev/null\n"));
        out.append("fi\n")
                .append("echo \"lumen: table ").append(name).append("\"\n\n");
    }

    private static void appendQueues(StringBuilder out, List<QueueSpec> queues) {
        if (queues.isEmpty()) {
            return;
        }
        out.append("""
                # SQS: create-queue returns the existing queue when the attributes match.
                create_queue() {
                  awslocal sqs create-queue --queue-name "$1" --attributes "$2" >/dev/null
                  echo "lumen: queue $1"
                }
                """);
        for (QueueSpec queue : inDependencyOrder(queues)) {
            Map<String, String> attributes = new LinkedHashMap<>();
            if (queue.fifo()) {
                attributes.put("FifoQueue", "true");
            }
            attributes.put("VisibilityTimeout", Integer.toString(queue.visibilityTimeoutSeconds()));
            attributes.put("MessageRetentionPeriod", Integer.toString(queue.retentionSeconds()));
            queue.deadLetterQueue().ifPresent(deadLetterId -> {
                QueueSpec deadLetter = queues.stream().filter(q -> q.logicalId().equals(deadLetterId)).findFirst()
                        .orElseThrow();
                Map<String, String> redrive = new LinkedHashMap<>();
                redrive.put("deadLetterTargetArn", LocalStackNames.queueArn(deadLetter));
                redrive.put("maxReceiveCount", Integer.toString(queue.maxReceiveCount()));
                attributes.put("RedrivePolicy", json(redrive));
            });
            out.append("create_queue ").append(queue.queueName()).append(' ')
                    .append(singleQuoted(json(attributes))).append('\n');
        }
        out.append('\n');
    }

    /** Queues without a redrive policy first: a redrive policy must name a queue that exists. */
    static List<QueueSpec> inDependencyOrder(List<QueueSpec> queues) {
        List<QueueSpec> ordered = new ArrayList<>();
        queues.stream().filter(queue -> queue.deadLetterQueue().isEmpty()).forEach(ordered::add);
        queues.stream().filter(queue -> queue.deadLetterQueue().isPresent()).forEach(ordered::add);
        return ordered;
    }

    /** The CreateTable request as the AWS CLI's {@code --cli-input-json} reads it (the API's JSON shape). */
    static Map<String, Object> tableDefinition(CreateTableRequest request) {
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("AttributeDefinitions", request.attributeDefinitions().stream().map(LocalStackInitScript::attribute).toList());
        definition.put("KeySchema", keySchema(request.keySchema()));
        definition.put("BillingMode", request.billingModeAsString());
        if (request.provisionedThroughput() != null) {
            definition.put("ProvisionedThroughput", throughput(request.provisionedThroughput()));
        }
        if (request.hasGlobalSecondaryIndexes()) {
            definition.put("GlobalSecondaryIndexes", request.globalSecondaryIndexes().stream()
                    .map(LocalStackInitScript::globalIndex).toList());
        }
        if (request.hasLocalSecondaryIndexes()) {
            definition.put("LocalSecondaryIndexes", request.localSecondaryIndexes().stream().map(index -> {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("IndexName", index.indexName());
                json.put("KeySchema", keySchema(index.keySchema()));
                json.put("Projection", projection(index.projection()));
                return json;
            }).toList());
        }
        if (request.streamSpecification() != null) {
            definition.put("StreamSpecification", Map.of("StreamEnabled", true,
                    "StreamViewType", request.streamSpecification().streamViewTypeAsString()));
        }
        return definition;
    }

    private static Map<String, Object> attribute(AttributeDefinition attribute) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("AttributeName", attribute.attributeName());
        json.put("AttributeType", attribute.attributeTypeAsString());
        return json;
    }

    private static List<Map<String, Object>> keySchema(List<KeySchemaElement> keys) {
        return keys.stream().map(key -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("AttributeName", key.attributeName());
            json.put("KeyType", key.keyTypeAsString());
            return json;
        }).toList();
    }

    private static Map<String, Object> globalIndex(GlobalSecondaryIndex index) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("IndexName", index.indexName());
        json.put("KeySchema", keySchema(index.keySchema()));
        json.put("Projection", projection(index.projection()));
        if (index.provisionedThroughput() != null) {
            json.put("ProvisionedThroughput", throughput(index.provisionedThroughput()));
        }
        return json;
    }

    private static Map<String, Object> projection(Projection projection) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ProjectionType", projection.projectionTypeAsString());
        if (projection.hasNonKeyAttributes()) {
            json.put("NonKeyAttributes", projection.nonKeyAttributes());
        }
        return json;
    }

    private static Map<String, Object> throughput(ProvisionedThroughput throughput) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ReadCapacityUnits", throughput.readCapacityUnits());
        json.put("WriteCapacityUnits", throughput.writeCapacityUnits());
        return json;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** A bash single-quoted word: nothing inside is expanded; a quote is closed, escaped and reopened. */
    static String singleQuoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
