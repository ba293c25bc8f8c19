package dev.lumen.functions.priming;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.adapter.dynamodb.DynamoDbClients;
import dev.lumen.functions.config.Environment;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * The yardstick of the cold-start benchmark, not a function of the API: the least a Lambda handler
 * on this stack can do — build the DynamoDB client the same way ({@link DynamoDbClients}) and read
 * one item. Every real handler's cold start is reported as a multiple of this one's.
 */
public final class BareGetItem implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final DynamoDbClient dynamoDb = DynamoDbClients.create(Environment.optional("AWS_REGION").orElse("us-east-1"),
            Environment.optional("LUMEN_DYNAMODB_ENDPOINT").map(URI::create));
    private final String table = Environment.required("TABLE_NAME");

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        GetItemResponse item = dynamoDb.getItem(request -> request.tableName(table).key(Map.of(
                "pk", AttributeValue.fromS("PERSONA#persona-ada"), "sk", AttributeValue.fromS("PERSONA"))));
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withBody("{\"found\":" + item.hasItem() + "}").build();
    }
}
