package dev.lumen.local.dynamodb;

import dev.lumen.local.template.TableSpec;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * Makes the local table match the template: creates it when missing, adds global secondary indexes
 * the template gained since the data directory was made, and enables TTL. Safe to run on every start.
 */
public final class TableProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TableProvisioner.class);

    private final DynamoDbClient dynamoDb;

    public TableProvisioner(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    /** Returns true when the table was created by this call. */
    public boolean ensure(TableSpec spec, String tableName) {
        CreateTableRequest request = spec.createTableRequest(tableName);
        boolean created = false;
        TableDescription table;
        try {
            table = dynamoDb.describeTable(builder -> builder.tableName(tableName)).table();
        } catch (ResourceNotFoundException missing) {
            try {
                table = dynamoDb.createTable(request).tableDescription();
                created = true;
            } catch (ResourceInUseException raced) {
                table = dynamoDb.describeTable(builder -> builder.tableName(tableName)).table();
            }
        }
        if (!table.keySchema().equals(request.keySchema())) {
            throw new IllegalStateException("local table " + tableName + " has key schema " + table.keySchema()
                    + " but the template declares " + request.keySchema()
                    + "; delete the local DynamoDB data directory to recreate it");
        }
        if (!created) {
            addMissingIndexes(spec, table);
        }
        spec.ttlAttribute().ifPresent(attribute -> enableTtl(tableName, attribute));
        return created;
    }

    private void addMissingIndexes(TableSpec spec, TableDescription table) {
        Set<String> existing = table.globalSecondaryIndexes().stream()
                .map(GlobalSecondaryIndexDescription::indexName)
                .collect(Collectors.toSet());
        List<GlobalSecondaryIndex> missing = spec.globalSecondaryIndexes().stream()
                .filter(index -> !existing.contains(index.indexName()))
                .toList();
        for (GlobalSecondaryIndex index : missing) {
            LOG.atInfo().setMessage("adding global secondary index to local table")
                    .addKeyValue("table", table.tableName()).addKeyValue("index", index.indexName()).log();
            dynamoDb.updateTable(builder -> builder.tableName(table.tableName())
                    .attributeDefinitions(spec.createTableRequest(table.tableName()).attributeDefinitions())
                    .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
                            .create(CreateGlobalSecondaryIndexAction.builder()
                                    .indexName(index.indexName())
                                    .keySchema(index.keySchema())
                                    .projection(index.projection())
                                    .provisionedThroughput(index.provisionedThroughput())
                                    .build())
                            .build()));
        }
    }

    private void enableTtl(String tableName, String attribute) {
        TimeToLiveStatus status = dynamoDb.describeTimeToLive(builder -> builder.tableName(tableName))
                .timeToLiveDescription().timeToLiveStatus();
        if (status != TimeToLiveStatus.ENABLED && status != TimeToLiveStatus.ENABLING) {
            dynamoDb.updateTimeToLive(builder -> builder.tableName(tableName)
                    .timeToLiveSpecification(ttl -> ttl.attributeName(attribute).enabled(true)));
        }
    }
}
