package dev.lumen.functions.priming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.adapter.bedrock.BedrockChatModel;
import dev.lumen.adapter.bedrock.TitanEmbeddingModel;
import dev.lumen.adapter.sqs.SqsInteractionPublisher;
import dev.lumen.domain.chat.ModelReply;
import dev.lumen.domain.chat.ModelRequest;
import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.memory.InteractionRecorded;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The canned answers priming runs the chat turn's calls against must be ones the SDK and the adapters
 * accept, or priming would stop early at each call and leave its classes cold. (That no call leaves
 * the process is {@link PrimingTest}'s part.)
 */
class CannedAwsTest {

    @Test
    void theSdkAndTheAdaptersAcceptEveryCannedAnswer() {
        // WHEN the chat turn's calls go through the canned clients
        Map<String, AttributeValue> item = CannedAws.dynamoDb().getItem(r -> r.tableName("priming")
                .key(Map.of("pk", AttributeValue.fromS("p"), "sk", AttributeValue.fromS("s")))).item();
        int queried = CannedAws.dynamoDb().query(r -> r.tableName("priming").keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("p")))).count();
        CannedAws.dynamoDb().transactWriteItems(r -> r.transactItems(t -> t.put(p -> p.tableName("priming")
                .item(Map.of("pk", AttributeValue.fromS("p"), "sk", AttributeValue.fromS("s"))))));
        // the SDK checks the MD5 of the message body SQS answers with
        new SqsInteractionPublisher(CannedAws.sqs(), "http://priming.invalid/000000000000/priming").publish(
                new InteractionRecorded("i", "default", "persona-ada", "u", "s", "m", "Hello?", "Hi.", "model",
                        new Usage(1, 1), Instant.EPOCH));
        List<float[]> vectors = new TitanEmbeddingModel(CannedAws.bedrock(), TitanEmbeddingModel.DEFAULT_MODEL_ID,
                CannedAws.TITAN_DIMENSIONS, 1).embed(List.of("Hello there"));
        ModelReply reply = new BedrockChatModel(CannedAws.bedrock(), "priming-model").reply(new ModelRequest("You are Ada.",
                List.of(), "Hello?", "Ada", List.of(), 64, List.of(), ModelRequest.Task.REPLY, List.of()));

        // THEN each answered as the real service would have
        assertThat(item).containsKey("pk");
        assertThat(queried).isEqualTo(1);
        assertThat(vectors).singleElement().satisfies(v -> assertThat(v).hasSize(CannedAws.TITAN_DIMENSIONS));
        assertThat(reply.text()).isEqualTo("Happy to help.");
        assertThat(reply.usage()).isEqualTo(new Usage(12, 4));
    }
}
