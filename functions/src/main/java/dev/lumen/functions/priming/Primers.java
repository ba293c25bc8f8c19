package dev.lumen.functions.priming;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lumen.adapter.bedrock.BedrockChatModel;
import dev.lumen.adapter.bedrock.TitanEmbeddingModel;
import dev.lumen.adapter.dynamodb.DynamoDbVectorSetCache;
import dev.lumen.adapter.sqs.InteractionJson;
import dev.lumen.adapter.sqs.SqsInteractionPublisher;
import dev.lumen.domain.Ids;
import dev.lumen.domain.chat.ChatReply;
import dev.lumen.domain.chat.ChatRequest;
import dev.lumen.domain.chat.ModelRequest;
import dev.lumen.domain.chat.PromptBuilder;
import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.error.ValidationException;
import dev.lumen.domain.knowledge.CoachingContext;
import dev.lumen.domain.memory.InteractionRecorded;
import dev.lumen.domain.persona.CoreTraits;
import dev.lumen.domain.persona.Persona;
import dev.lumen.domain.persona.PersonaCursor;
import dev.lumen.domain.persona.PersonaSummary;
import dev.lumen.domain.persona.Trait;
import dev.lumen.domain.safety.CrisisDetector;
import dev.lumen.domain.safety.InjectionPatterns;
import dev.lumen.domain.vector.EmbeddingModel;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.Json;
import dev.lumen.functions.http.JsonBody;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * The priming work itself, one small method per kind of handler; {@link Priming} runs
 * {@link #common()} for every handler and the handler's own method after it. Everything here is
 * in-process: sample requests are built in code, nothing is sent anywhere.
 */
public final class Primers {
    /** Claims as API Gateway's JWT authorizer passes them (see {@link Access}). */
    private static final Map<String, String> CLAIMS = Map.of("sub", "priming-user", "custom:role", "user");
    private static final String CHAT_BODY = "{\"message\":\"Hi Ada, can you help me plan a study schedule for this week?"
            + " I feel a bit anxious about maths.\",\"personaId\":\"persona-ada\",\"sessionId\":\"session-1\","
            + "\"userId\":\"priming-user\"}";
    /** An interaction as chat publishes it and the interaction worker reads it. */
    private static final InteractionRecorded INTERACTION = new InteractionRecorded("priming-interaction", "default",
            "persona-ada", "priming-user", "session-1", "priming-message",
            "I signed up for the city marathon in April. Can you help me plan my training?",
            "That's a big goal. Let's start with three easy runs a week and build your long run gradually.",
            "priming-model", new Usage(412, 38), Instant.EPOCH);
    /** A model that refuses: priming must never embed (that is a Bedrock call in AWS). */
    private static final EmbeddingModel NO_EMBEDDINGS = new EmbeddingModel() {
        @Override
        public List<float[]> embed(List<String> texts) {
            throw new IllegalStateException("priming must not call the embedding model");
        }

        @Override
        public String modelId() {
            return "none";
        }

        @Override
        public int dimensions() {
            return 0;
        }
    };

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Primers.class);

    private Primers() {
    }

    /**
     * What every API handler runs: the request envelope (claims, path parameters, a JSON body and its
     * validation, the error mapping), the response JSON, and the SDK's DynamoDB and SQS request model.
     * The caller is read from its claims without {@link Access#caller}, which would take a token from
     * the rate limit (a DynamoDB write).
     */
    static void common() {
        APIGatewayV2HTTPEvent event = apiEvent(CHAT_BODY);
        Access.fromClaims(CLAIMS);
        JsonBody body = JsonBody.of(event).allowOnly("personaId", "sessionId", "userId", "message", "locale");
        body.requiredString("personaId");
        body.optionalString("locale");
        Ids.require("personaId", "persona-ada");
        try {
            Ids.require("personaId", "not an id!");
        } catch (ValidationException expected) {
            ApiExchange.statusOf(expected);
            write(Map.of("error", Map.of("code", expected.code(), "message", expected.getMessage())));
        }
        write(samplePersona());
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("PERSONA#persona-ada"),
                "sk", AttributeValue.fromS("PERSONA"));
        GetItemRequest get = GetItemRequest.builder().tableName("priming").key(key).consistentRead(true).build();
        QueryRequest query = QueryRequest.builder().tableName("priming").keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("SESSION#s"))).limit(10).build();
        // Every API handler reads the table: the SDK's whole call path once, answered in process (CannedAws).
        alone(() -> CannedAws.dynamoDb().getItem(get));
        alone(() -> CannedAws.dynamoDb().query(query));
        TransactWriteItemsRequest.builder().transactItems(TransactWriteItem.builder()
                .put(Put.builder().tableName("priming").item(key).conditionExpression("attribute_not_exists(pk)").build())
                .build()).build();
        SendMessageRequest.builder().queueUrl("http://priming.invalid/queue").messageBody("{}").build();
    }

    /** {@code POST /api/chat}: the request, the safety patterns, the prompt, the reply and the interaction message. */
    public static void chat() {
        String message = JsonBody.parse(CHAT_BODY).requiredString("message");
        new ChatRequest("persona-ada", "session-1", "priming-user", message, null);
        // The pattern layers only: their embedding layers would call the embedding model.
        new CrisisDetector(NO_EMBEDDINGS).patternsOnly(message);
        new InjectionPatterns().scan(message);
        Persona persona = samplePersona();
        List<Trait> traits = CoreTraits.defaults().effective(persona.traits());
        PromptBuilder.systemPrompt(persona.name(), persona.description(), traits,
                List.of("User: I get anxious before maths exams.\nAssistant: That is common; let us plan for it."),
                CoachingContext.NONE);
        write(new ChatReply("Happy to help.", persona.id(), "session-1", Ids.random(), traits, 0.9,
                List.of("What should I do next?"), "priming-model", new Usage(156, 96), 1, List.of()));
        InteractionJson.read(InteractionJson.write(INTERACTION));
        chatCalls(message, persona, traits);
    }

    /**
     * The AWS calls of a chat turn, each once through the SDK against {@link CannedAws}'s in-process
     * answers: the DynamoDB operations of the turn (the rate limit's read and conditional write, the
     * persona and session queries, the exemplar vectors' query with its binary chunks, the turn's
     * transaction), the interaction's SQS message, a Titan embedding and a Converse reply. Without it
     * the first real turn of a restored container loads and initialises all of that (about half of its
     * time, measured by bench-cold). Each call stands alone: a canned answer an adapter reads
     * differently only ends that call early.
     */
    static void chatCalls(String message, Persona persona, List<Trait> traits) {
        DynamoDbClient dynamoDb = CannedAws.dynamoDb();
        String table = "priming";
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("RATE#priming"), "sk", AttributeValue.fromS("BUCKET"));
        alone(() -> dynamoDb.getItem(r -> r.tableName(table).key(key).consistentRead(true)));
        alone(() -> dynamoDb.putItem(r -> r.tableName(table).item(key).conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", "pk"))));
        alone(() -> dynamoDb.query(r -> r.tableName(table).keyConditionExpression("#pk = :pk AND begins_with(#sk, :sk)")
                .expressionAttributeNames(Map.of("#pk", "pk", "#sk", "sk"))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("SESSION#s"), ":sk", AttributeValue.fromS("MSG#")))
                .scanIndexForward(false).limit(10).consistentRead(true)));
        alone(() -> new DynamoDbVectorSetCache(dynamoDb, table, Clock.systemUTC()).find("priming"));
        alone(() -> dynamoDb.updateItem(r -> r.tableName(table).key(key).updateExpression("ADD #n :one")
                .expressionAttributeNames(Map.of("#n", "n")).expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))));
        alone(() -> dynamoDb.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(key)
                        .conditionExpression("attribute_not_exists(pk)").build()).build(),
                TransactWriteItem.builder().update(Update.builder().tableName(table).key(key).updateExpression("ADD #n :one")
                        .expressionAttributeNames(Map.of("#n", "n"))
                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))).build()).build())));
        alone(() -> new SqsInteractionPublisher(CannedAws.sqs(), "http://priming.invalid/000000000000/priming")
                .publish(INTERACTION));
        alone(() -> new TitanEmbeddingModel(CannedAws.bedrock(), TitanEmbeddingModel.DEFAULT_MODEL_ID,
                CannedAws.TITAN_DIMENSIONS, 1).embed(List.of(message)));
        alone(() -> new BedrockChatModel(CannedAws.bedrock(), "priming-model").reply(new ModelRequest("You are Ada.",
                List.of(), message, persona.name(), traits, 64, List.of(), ModelRequest.Task.REPLY, List.of())));
    }

    /** Runs one priming call; a failure only ends that call (its classes are loaded by then), never the hook. */
    private static void alone(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.debug("a priming call ended early", e);
        }
    }

    /** The persona routes: the effective traits and the persona's JSON. */
    public static void persona() {
        Persona persona = samplePersona();
        write(CoreTraits.defaults().effective(persona.traits()));
    }

    /** Listing personas: a page as JSON and its opaque cursor, both ways. */
    public static void personaList() {
        PersonaSummary summary = PersonaSummary.of(samplePersona());
        String token = summary.cursor().encode();
        PersonaCursor.decode(token);
        write(Map.of("creatorId", summary.creatorId(), "personas", List.of(summary), "nextToken", token));
    }

    /** The interaction worker: the queue message in and out, and the batch response. */
    public static void interactionWorker() {
        InteractionJson.read(InteractionJson.write(INTERACTION));
        new InjectionPatterns().scan(INTERACTION.userText());
        new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure("priming")));
    }

    private static Persona samplePersona() {
        return new Persona("persona-ada", "Ada", "A patient mentor who explains ideas step by step.", Persona.DEFAULT_CREATOR,
                List.of(new Trait("warmth", "Warmth", "Friendly and encouraging in tone", 0.8, false),
                        new Trait("humor", "Humor", "Uses light, gentle humour", 0.4, false)),
                Instant.EPOCH);
    }

    private static APIGatewayV2HTTPEvent apiEvent(String body) {
        APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
        jwt.setClaims(CLAIMS);
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        authorizer.setJwt(jwt);
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setAuthorizer(authorizer);
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRequestContext(context);
        event.setRouteKey("POST /api/chat");
        event.setPathParameters(Map.of("personaId", "persona-ada"));
        event.setHeaders(Map.of("content-type", "application/json"));
        event.setBody(body);
        return event;
    }

    private static String write(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
