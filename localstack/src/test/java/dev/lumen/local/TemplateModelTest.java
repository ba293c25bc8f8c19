package dev.lumen.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.lumen.local.template.FunctionSpec;
import dev.lumen.local.template.HttpRoute;
import dev.lumen.local.template.Intrinsic;
import dev.lumen.local.template.Intrinsics;
import dev.lumen.local.template.QueueSpec;
import dev.lumen.local.template.SamTemplate;
import dev.lumen.local.template.SqsEventSpec;
import dev.lumen.local.template.TableSpec;
import dev.lumen.local.template.TemplateException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

/** Reading template.yaml: the project's real one, and small templates for the edge cases. */
class TemplateModelTest {

    /** The module's tests run from localstack/, the template sits at the top of the checkout. */
    static final Path PROJECT_TEMPLATE = Path.of("..", "template.yaml");

    @Nested
    class ProjectTemplate {

        private final SamTemplate template = SamTemplate.load(PROJECT_TEMPLATE);

        @Test
        void every_consumed_queue_has_a_dead_letter_queue_a_long_enough_visibility_and_partial_batch_failures() {
            // GIVEN
            List<SqsEventSpec> consumers = template.sqsEvents();
            assertThat(consumers).isNotEmpty();

            for (SqsEventSpec consumer : consumers) {
                // WHEN
                QueueSpec queue = template.queues().stream()
                        .filter(q -> q.logicalId().equals(consumer.queueId())).findFirst().orElseThrow();
                int consumerTimeout = template.function(consumer.functionId()).orElseThrow().timeoutSeconds();

                // THEN the rules every queue of Lumen follows
                assertThat(queue.deadLetterQueue()).as(queue.logicalId() + " has a DLQ").isPresent();
                assertThat(queue.maxReceiveCount()).as(queue.logicalId() + " maxReceiveCount").isEqualTo(3);
                assertThat(queue.visibilityTimeoutSeconds()).as(queue.logicalId() + " visibility vs 6x consumer timeout")
                        .isGreaterThanOrEqualTo(6 * consumerTimeout);
                assertThat(consumer.reportBatchItemFailures()).as(consumer.functionId() + " reports batch item failures").isTrue();
                assertThat(template.queues()).extracting(QueueSpec::logicalId).contains(queue.deadLetterQueue().get());
            }
        }

        @Test
        void every_route_of_the_api_is_served_by_the_function_the_template_names() {
            // WHEN
            List<HttpRoute> routes = template.httpRoutes();

            // THEN
            assertThat(routes).contains(
                    new HttpRoute("POST", "/api/personas", "CreatePersonaFunction"),
                    new HttpRoute("GET", "/api/personas/{personaId}", "GetPersonaFunction"),
                    new HttpRoute("GET", "/api/personas", "ListPersonasFunction"),
                    new HttpRoute("PUT", "/api/personas/{personaId}/traits/{traitId}", "TraitUpdateFunction"),
                    new HttpRoute("PUT", "/api/personality", "PersonalityUpdateFunction"),
                    new HttpRoute("POST", "/api/chat", "ChatFunction"),
                    new HttpRoute("GET", "/api/sessions/{sessionId}/messages", "ListMessagesFunction"),
                    new HttpRoute("GET", "/api/health", "HealthFunction"),
                    new HttpRoute("GET", "/api/personas/{personaId}/memories", "ListMemoriesFunction"),
                    new HttpRoute("GET", "/api/users/{userId}/emotional-state", "GetEmotionalStateFunction"),
                    new HttpRoute("PUT", "/api/users/{userId}/emotional-state", "PutEmotionalStateFunction"),
                    new HttpRoute("GET", "/api/users/{userId}/profile", "GetProfileFunction"),
                    new HttpRoute("PUT", "/api/sessions/{sessionId}/typing", "PutTypingFunction"),
                    new HttpRoute("GET", "/api/sessions/{sessionId}/typing", "GetTypingFunction"),
                    new HttpRoute("GET", "/api/stats", "StatsFunction"),
                    new HttpRoute("POST", "/api/creators/{creatorId}/documents", "SubmitDocumentFunction"),
                    new HttpRoute("GET", "/api/creators/{creatorId}/documents", "DocumentsFunction"),
                    new HttpRoute("GET", "/api/creators/{creatorId}/documents/{documentId}", "DocumentsFunction"),
                    new HttpRoute("DELETE", "/api/creators/{creatorId}/documents/{documentId}", "DocumentsFunction"),
                    new HttpRoute("POST", "/api/creators/{creatorId}/query", "QueryKnowledgeFunction"),
                    new HttpRoute("PUT", "/api/creators/{creatorId}", "CreatorFunction"),
                    new HttpRoute("GET", "/api/creators/{creatorId}", "CreatorFunction"),
                    new HttpRoute("POST", "/api/creators/{creatorId}/content", "DraftContentFunction"),
                    new HttpRoute("GET", "/api/escalations", "ListEscalationsFunction"),
                    new HttpRoute("POST", "/api/escalations/{escalationId}/resolve", "ResolveEscalationFunction"),
                    new HttpRoute("GET", "/api/usage", "UsageFunction"),
                    new HttpRoute("DELETE", "/api/users/{userId}", "EraseUserFunction"),
                    new HttpRoute("POST", "/api/agents/{agent}/cycle", "AgentCycleFunction"),
                    new HttpRoute("GET", "/api/agents/status", "AgentStatusFunction"),
                    new HttpRoute("GET", "/api/agents/{agent}/runs", "AgentRunsFunction"),
                    new HttpRoute("GET", "/api/agents/{agent}/findings", "FindingsFunction"),
                    new HttpRoute("GET", "/api/status", "StatusFunction"),
                    new HttpRoute("GET", "/api/database/health", "DatabaseHealthFunction"),
                    new HttpRoute("POST", "/api/custody/test/{agentType}", "CustodyTestFunction"),
                    new HttpRoute("GET", "/api/custody", "CustodyReportsFunction"),
                    new HttpRoute("GET", "/api/custody/analytics", "CustodyReportsFunction"),
                    new HttpRoute("GET", "/api/custody/test-categories", "CustodyReportsFunction"),
                    new HttpRoute("GET", "/api/custody/recommendations", "CustodyReportsFunction"),
                    new HttpRoute("GET", "/api/proposals", "ListProposalsFunction"),
                    new HttpRoute("POST", "/api/proposals/{proposalId}/approve", "ApproveProposalFunction"),
                    new HttpRoute("POST", "/api/proposals/{proposalId}/reject", "RejectProposalFunction"),
                    new HttpRoute("POST", "/api/snapshots/{kind}/{id}", "TakeSnapshotFunction"),
                    new HttpRoute("GET", "/api/snapshots/{kind}/{id}", "ListSnapshotsFunction"),
                    new HttpRoute("GET", "/api/snapshots/{kind}/{id}/{version}", "GetSnapshotFunction"),
                    new HttpRoute("GET", "/api/snapshots/{kind}/{id}/diff", "DiffSnapshotsFunction"),
                    new HttpRoute("POST", "/api/snapshots/{kind}/{id}/{version}/restore", "RestoreSnapshotFunction"),
                    new HttpRoute("POST", "/api/messages/{messageId}/feedback", "FeedbackFunction"),
                    new HttpRoute("GET", "/api/users/{userId}/proactive", "GetProactiveFunction"),
                    new HttpRoute("PUT", "/api/users/{userId}/goals/{goalId}", "PutGoalFunction"),
                    new HttpRoute("GET", "/api/users/{userId}/goals", "ListGoalsFunction"),
                    new HttpRoute("PUT", "/api/users/{userId}/time-zone", "PutTimeZoneFunction"));
            // 22 above the escalation routes, the two escalation routes, GET /api/usage, the erasure,
            // the six agent-platform and status routes
            // and the five custody routes, and the three proposal routes, and the five snapshot routes,
            // and the feedback route, and the four proactive-engagement routes, and the persona list
            assertThat(routes).hasSize(32 + 5 + 3 + 5 + 1 + 4 + 1);
            // API Gateway lets a literal segment beat a variable: .../diff is the diff, not version "diff".
            dev.lumen.local.http.RouteTable table = new dev.lumen.local.http.RouteTable(routes);
            assertThat(((dev.lumen.local.http.RouteTable.Found) table.find("GET", "/api/snapshots/persona/p1/diff"))
                    .route().functionId()).isEqualTo("DiffSnapshotsFunction");
            assertThat(((dev.lumen.local.http.RouteTable.Found) table.find("GET", "/api/snapshots/persona/p1/3"))
                    .pathParameters()).containsEntry("version", "3");
            // Only the health probes opt out of the JWT authorizer.
            assertThat(template.openRouteKeys()).containsExactlyInAnyOrder("GET /api/health", "GET /api/database/health");
            assertThat(routes).extracting(HttpRoute::routeKey).doesNotHaveDuplicates();
        }

        @Test
        void every_handler_class_the_template_names_exists() throws Exception {
            // GIVEN
            List<String> missing = new ArrayList<>();

            // WHEN
            for (FunctionSpec function : template.functions()) {
                try {
                    Class.forName(function.handlerClass(), false, getClass().getClassLoader());
                } catch (ClassNotFoundException e) {
                    missing.add(function.logicalId() + " -> " + function.handlerClass());
                }
            }

            // THEN
            assertThat(template.functions()).isNotEmpty();
            assertThat(missing).isEmpty();
        }

        @Test
        void a_function_gets_globals_merged_with_its_own_settings() {
            // WHEN
            FunctionSpec chat = template.function("ChatFunction").orElseThrow();
            FunctionSpec health = template.function("HealthFunction").orElseThrow();

            // THEN
            assertThat(chat.handlerClass()).isEqualTo("dev.lumen.functions.chat.ChatHandler");
            assertThat(chat.timeoutSeconds()).isEqualTo(28);
            assertThat(health.timeoutSeconds()).isEqualTo(15);
            assertThat(chat.memoryMb()).isEqualTo(1024);
            assertThat(chat.environment())
                    .containsEntry("LUMEN_CHAT_MODEL", "bedrock")
                    .containsEntry("POWERTOOLS_SERVICE_NAME", "lumen")
                    .containsEntry("TABLE_NAME", new Intrinsic("Ref", "LumenTable"));
            assertThat(health.environment()).doesNotContainKey("BEDROCK_MODEL_ID");
        }

        @Test
        void environment_values_resolve_to_parameter_defaults_and_local_resource_names() {
            // GIVEN
            Intrinsics local = new Intrinsics(template.parameterDefaults(), "eu-west-1",
                    Map.of("LumenTable", "lumen-local",
                            "InteractionsQueue", "http://127.0.0.1:9324/000000000000/InteractionsQueue",
                            "IngestQueue", "http://127.0.0.1:9324/000000000000/IngestQueue",
                            "EscalationsQueue", "http://127.0.0.1:9324/000000000000/EscalationsQueue"), Map.of());
            List<String> unresolved = new ArrayList<>();

            // WHEN
            Map<String, String> chat = local.resolveAll(template.function("ChatFunction").orElseThrow().environment(),
                    (name, value) -> unresolved.add(name));

            // THEN
            assertThat(chat).contains(
                    entry("TABLE_NAME", "lumen-local"),
                    entry("BEDROCK_MODEL_ID", template.parameterDefaults().get("ChatModelId")),
                    entry("LUMEN_MESSAGE_RETENTION_DAYS", template.parameterDefaults().get("MessageRetentionDays")));
            assertThat(chat.get("JAVA_TOOL_OPTIONS")).contains("TieredStopAtLevel=1").doesNotContain("${");
            assertThat(chat.get("INTERACTIONS_QUEUE_URL")).endsWith("/InteractionsQueue");
            assertThat(chat.get("ESCALATIONS_QUEUE_URL")).endsWith("/EscalationsQueue");
            // The OpenSearch domain and the documents bucket have no stand-in in the template: the runner
            // supplies its own values (a local node or the embedded store; a local folder).
            assertThat(unresolved).containsExactlyInAnyOrder("LUMEN_OPENSEARCH_URL", "DOCUMENTS_BUCKET");
        }

        @Test
        void the_table_becomes_a_create_table_request_with_keys_indexes_and_ttl() {
            // GIVEN
            TableSpec table = template.tables().stream()
                    .filter(spec -> spec.logicalId().equals("LumenTable")).findFirst().orElseThrow();

            // WHEN
            CreateTableRequest request = table.createTableRequest("lumen-test");

            // THEN
            assertThat(request.tableName()).isEqualTo("lumen-test");
            assertThat(request.keySchema()).containsExactly(
                    KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                    KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build());
            assertThat(request.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
            assertThat(request.provisionedThroughput()).isNull();
            assertThat(request.globalSecondaryIndexes()).extracting(index -> index.indexName()).contains("gsi1");
            assertThat(request.attributeDefinitions()).extracting(definition -> definition.attributeName())
                    .contains("pk", "sk", "gsi1pk", "gsi1sk");
            assertThat(table.ttlAttribute()).contains("expiresAt");
        }
    }

    @Nested
    class Parsing {

        @Test
        void short_and_long_form_intrinsics_both_become_intrinsics() {
            // GIVEN
            String yaml = """
                    Parameters:
                      Stage: { Type: String, Default: dev }
                    Resources:
                      Fn:
                        Type: AWS::Serverless::Function
                        Properties:
                          Handler: a.B::handleRequest
                          Environment:
                            Variables:
                              SHORT_SUB: !Sub "lumen-${Stage}-${AWS::Region}"
                              LONG_SUB: { "Fn::Sub": "x-${Stage}" }
                              ATTR: !GetAtt Table.Arn
                              LONG_ATTR: { "Fn::GetAtt": [Table, Arn] }
                              JOINED: !Join [":", [a, !Ref Stage]]
                              PICKED: !Select [1, [a, b, c]]
                              CONDITIONAL: !If [IsProd, a, b]
                              IMPORTED: !ImportValue shared-thing
                              NUMBER: 42
                    """;
            SamTemplate template = SamTemplate.parse(yaml, "inline");
            Intrinsics local = new Intrinsics(template.parameterDefaults(), "eu-west-1", Map.of("Table", "t"),
                    Map.of("Table.Arn", "arn:aws:dynamodb:eu-west-1:000000000000:table/t"));
            List<String> unresolved = new ArrayList<>();

            // WHEN
            Map<String, String> values = local.resolveAll(template.functions().get(0).environment(),
                    (name, value) -> unresolved.add(name));

            // THEN
            assertThat(values).containsExactly(
                    entry("SHORT_SUB", "lumen-dev-eu-west-1"),
                    entry("LONG_SUB", "x-dev"),
                    entry("ATTR", "arn:aws:dynamodb:eu-west-1:000000000000:table/t"),
                    entry("LONG_ATTR", "arn:aws:dynamodb:eu-west-1:000000000000:table/t"),
                    entry("JOINED", "a:dev"),
                    entry("PICKED", "b"),
                    entry("NUMBER", "42"));
            assertThat(unresolved).containsExactly("CONDITIONAL", "IMPORTED");
            assertThat(template.functions().get(0).environment().get("CONDITIONAL"))
                    .isEqualTo(new Intrinsic("Fn::If", List.of("IsProd", "a", "b")));
        }

        @Test
        void an_http_api_event_without_path_is_the_default_route_and_methods_are_upper_cased() {
            // GIVEN
            String yaml = """
                    Resources:
                      Proxy:
                        Type: AWS::Serverless::Function
                        Properties:
                          Handler: a.Proxy
                          Events:
                            Everything: { Type: HttpApi }
                            Any: { Type: HttpApi, Properties: { Path: "/files/{path+}", Method: any } }
                            Queue: { Type: SQS, Properties: { Queue: !GetAtt Q.Arn } }
                    """;

            // WHEN
            SamTemplate template = SamTemplate.parse(yaml, "inline");

            // THEN
            assertThat(template.httpRoutes()).containsExactly(
                    new HttpRoute("ANY", "$default", "Proxy"),
                    new HttpRoute("ANY", "/files/{path+}", "Proxy"));
            assertThat(template.functions().get(0).events()).extracting(event -> event.type())
                    .containsExactly("HttpApi", "HttpApi", "SQS");
            assertThat(template.functions().get(0).timeoutSeconds()).isEqualTo(3);
        }

        @Test
        void a_table_without_billing_mode_or_throughput_is_made_on_demand_and_provisioned_keeps_its_capacity() {
            // GIVEN
            String yaml = """
                    Resources:
                      Plain:
                        Type: AWS::DynamoDB::Table
                        Properties:
                          AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
                          KeySchema: [{ AttributeName: id, KeyType: HASH }]
                      Provisioned:
                        Type: AWS::DynamoDB::Table
                        Properties:
                          AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
                          KeySchema: [{ AttributeName: id, KeyType: HASH }]
                          ProvisionedThroughput: { ReadCapacityUnits: 3, WriteCapacityUnits: 2 }
                          TimeToLiveSpecification: { AttributeName: ttl, Enabled: false }
                    """;

            // WHEN
            List<TableSpec> tables = SamTemplate.parse(yaml, "inline").tables();

            // THEN
            assertThat(tables.get(0).createTableRequest("a").billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
            CreateTableRequest provisioned = tables.get(1).createTableRequest("b");
            assertThat(provisioned.billingMode()).isEqualTo(BillingMode.PROVISIONED);
            assertThat(provisioned.provisionedThroughput().readCapacityUnits()).isEqualTo(3L);
            assertThat(tables.get(1).ttlAttribute()).isEmpty();
        }

        @Test
        void a_broken_template_is_reported_with_where_the_problem_is() {
            // GIVEN
            String duplicateKeys = "Resources:\n  A: { Type: X }\n  A: { Type: Y }\n";
            String noHandler = "Resources:\n  Fn: { Type: AWS::Serverless::Function, Properties: {} }\n";
            String badMethod = """
                    Resources:
                      Fn:
                        Type: AWS::Serverless::Function
                        Properties:
                          Handler: a.B
                          Events: { E: { Type: HttpApi, Properties: { Path: /x, Method: FETCH } } }
                    """;

            // WHEN / THEN
            assertThatThrownBy(() -> SamTemplate.parse(duplicateKeys, "dup.yaml"))
                    .isInstanceOf(TemplateException.class).hasMessageContaining("dup.yaml");
            assertThatThrownBy(() -> SamTemplate.parse(noHandler, "inline").functions())
                    .isInstanceOf(TemplateException.class).hasMessageContaining("Fn.Handler");
            assertThatThrownBy(() -> SamTemplate.parse(badMethod, "inline").httpRoutes())
                    .isInstanceOf(TemplateException.class).hasMessageContaining("Fn.Events.E.Method");
            assertThatThrownBy(() -> SamTemplate.load(Path.of("does-not-exist.yaml")))
                    .isInstanceOf(TemplateException.class).hasMessageContaining("does-not-exist.yaml");
        }
    }
}
