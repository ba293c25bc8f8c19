package dev.lumen.local.template;

import static dev.lumen.local.template.YamlTree.list;
import static dev.lumen.local.template.YamlTree.map;
import static dev.lumen.local.template.YamlTree.optionalText;
import static dev.lumen.local.template.YamlTree.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;

/**
 * An {@code AWS::DynamoDB::Table} as the template declares it, turned into the SDK request that
 * creates the same table locally. Properties that only matter in AWS (encryption, point-in-time
 * recovery, tags, the deployed {@code TableName}) are ignored.
 *
 * @param logicalId  e.g. {@code LumenTable}
 * @param properties the resource's {@code Properties}
 */
public record TableSpec(String logicalId, Map<String, Object> properties) {

    private static final ProvisionedThroughput LOCAL_THROUGHPUT =
            ProvisionedThroughput.builder().readCapacityUnits(5L).writeCapacityUnits(5L).build();

    /** The request that creates this table under {@code tableName}. */
    public CreateTableRequest createTableRequest(String tableName) {
        boolean provisioned = isProvisioned();
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(tableName)
                .attributeDefinitions(attributeDefinitions())
                .keySchema(keySchema(properties.get("KeySchema"), where("KeySchema")))
                .billingMode(provisioned ? BillingMode.PROVISIONED : BillingMode.PAY_PER_REQUEST);
        if (provisioned) {
            request.provisionedThroughput(throughput(properties.get("ProvisionedThroughput")));
        }
        List<GlobalSecondaryIndex> globalIndexes = globalSecondaryIndexes();
        if (!globalIndexes.isEmpty()) {
            request.globalSecondaryIndexes(globalIndexes);
        }
        List<LocalSecondaryIndex> localIndexes = localSecondaryIndexes();
        if (!localIndexes.isEmpty()) {
            request.localSecondaryIndexes(localIndexes);
        }
        Map<String, Object> stream = map(properties.get("StreamSpecification"), where("StreamSpecification"));
        if (!stream.isEmpty()) {
            request.streamSpecification(StreamSpecification.builder()
                    .streamEnabled(true)
                    .streamViewType(text(stream.get("StreamViewType"), where("StreamSpecification.StreamViewType")))
                    .build());
        }
        return request.build();
    }

    /** The attribute DynamoDB expires items by, when {@code TimeToLiveSpecification} is enabled. */
    public Optional<String> ttlAttribute() {
        Map<String, Object> ttl = map(properties.get("TimeToLiveSpecification"), where("TimeToLiveSpecification"));
        if (ttl.isEmpty() || !Boolean.parseBoolean(String.valueOf(ttl.get("Enabled")))) {
            return Optional.empty();
        }
        return Optional.of(text(ttl.get("AttributeName"), where("TimeToLiveSpecification.AttributeName")));
    }

    /** Global secondary indexes alone, for adding the ones an existing local table lacks. */
    public List<GlobalSecondaryIndex> globalSecondaryIndexes() {
        boolean provisioned = isProvisioned();
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (Object entry : list(properties.get("GlobalSecondaryIndexes"), where("GlobalSecondaryIndexes"))) {
            Map<String, Object> index = map(entry, where("GlobalSecondaryIndexes[]"));
            String name = text(index.get("IndexName"), where("GlobalSecondaryIndexes[].IndexName"));
            GlobalSecondaryIndex.Builder builder = GlobalSecondaryIndex.builder()
                    .indexName(name)
                    .keySchema(keySchema(index.get("KeySchema"), where("GlobalSecondaryIndexes." + name + ".KeySchema")))
                    .projection(projection(index.get("Projection"), name));
            if (provisioned) {
                builder.provisionedThroughput(throughput(index.get("ProvisionedThroughput")));
            }
            indexes.add(builder.build());
        }
        return indexes;
    }

    private List<LocalSecondaryIndex> localSecondaryIndexes() {
        List<LocalSecondaryIndex> indexes = new ArrayList<>();
        for (Object entry : list(properties.get("LocalSecondaryIndexes"), where("LocalSecondaryIndexes"))) {
            Map<String, Object> index = map(entry, where("LocalSecondaryIndexes[]"));
            String name = text(index.get("IndexName"), where("LocalSecondaryIndexes[].IndexName"));
            indexes.add(LocalSecondaryIndex.builder()
                    .indexName(name)
                    .keySchema(keySchema(index.get("KeySchema"), where("LocalSecondaryIndexes." + name + ".KeySchema")))
                    .projection(projection(index.get("Projection"), name))
                    .build());
        }
        return indexes;
    }

    private List<AttributeDefinition> attributeDefinitions() {
        List<AttributeDefinition> definitions = new ArrayList<>();
        for (Object entry : list(properties.get("AttributeDefinitions"), where("AttributeDefinitions"))) {
            Map<String, Object> attribute = map(entry, where("AttributeDefinitions[]"));
            definitions.add(AttributeDefinition.builder()
                    .attributeName(text(attribute.get("AttributeName"), where("AttributeDefinitions[].AttributeName")))
                    .attributeType(text(attribute.get("AttributeType"), where("AttributeDefinitions[].AttributeType")))
                    .build());
        }
        if (definitions.isEmpty()) {
            throw new TemplateException(where("AttributeDefinitions") + " is missing");
        }
        return definitions;
    }

    private static List<KeySchemaElement> keySchema(Object value, String where) {
        List<KeySchemaElement> keys = new ArrayList<>();
        for (Object entry : list(value, where)) {
            Map<String, Object> key = map(entry, where + "[]");
            keys.add(KeySchemaElement.builder()
                    .attributeName(text(key.get("AttributeName"), where + "[].AttributeName"))
                    .keyType(text(key.get("KeyType"), where + "[].KeyType"))
                    .build());
        }
        if (keys.isEmpty()) {
            throw new TemplateException(where + " is missing");
        }
        return keys;
    }

    private Projection projection(Object value, String indexName) {
        Map<String, Object> projection = map(value, where(indexName + ".Projection"));
        String type = optionalText(projection.get("ProjectionType"), where(indexName + ".Projection.ProjectionType"));
        Projection.Builder builder = Projection.builder().projectionType(type == null ? "ALL" : type);
        List<?> nonKey = list(projection.get("NonKeyAttributes"), where(indexName + ".Projection.NonKeyAttributes"));
        if (!nonKey.isEmpty()) {
            builder.nonKeyAttributes(nonKey.stream().map(String::valueOf).toList());
        }
        return builder.build();
    }

    /**
     * CloudFormation's default billing mode is PROVISIONED, but a template that sets neither mode nor
     * throughput could not deploy; locally such a table is made on-demand.
     */
    private boolean isProvisioned() {
        String mode = optionalText(properties.get("BillingMode"), where("BillingMode"));
        if (mode != null) {
            return mode.equals("PROVISIONED");
        }
        return properties.containsKey("ProvisionedThroughput");
    }

    private ProvisionedThroughput throughput(Object value) {
        Map<String, Object> throughput = map(value, where("ProvisionedThroughput"));
        if (throughput.isEmpty()) {
            return LOCAL_THROUGHPUT;
        }
        return ProvisionedThroughput.builder()
                .readCapacityUnits(Long.parseLong(text(throughput.get("ReadCapacityUnits"), where("ReadCapacityUnits"))))
                .writeCapacityUnits(Long.parseLong(text(throughput.get("WriteCapacityUnits"), where("WriteCapacityUnits"))))
                .build();
    }

    private String where(String property) {
        return logicalId + "." + property;
    }
}
