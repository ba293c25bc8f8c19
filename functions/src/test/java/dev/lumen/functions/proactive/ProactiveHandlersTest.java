package dev.lumen.functions.proactive;

import dev.lumen.functions.observability.InvocationCapture;
import dev.lumen.functions.observability.LambdaContextStub;
import static dev.lumen.functions.HandlerFixture.asUser;
import static dev.lumen.functions.HandlerFixture.assertError;
import static dev.lumen.functions.HandlerFixture.event;
import static dev.lumen.functions.HandlerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.domain.activity.Activity;
import dev.lumen.domain.activity.ActivityKind;
import dev.lumen.domain.error.UnavailableException;
import dev.lumen.domain.persona.CoreTraits;
import dev.lumen.domain.persona.Persona;
import dev.lumen.domain.proactive.Channel;
import dev.lumen.domain.proactive.Connections;
import dev.lumen.domain.proactive.GoalTracking;
import dev.lumen.domain.proactive.ProactiveDelivery;
import dev.lumen.domain.proactive.ProactiveDispatch;
import dev.lumen.domain.proactive.ProactiveEvaluation;
import dev.lumen.domain.proactive.ProactiveMessage;
import dev.lumen.domain.proactive.ProactivePlanner;
import dev.lumen.domain.proactive.ProactiveSettings;
import dev.lumen.domain.proactive.ProactiveState;
import dev.lumen.domain.proactive.Trigger;
import dev.lumen.domain.proactive.TriggerType;
import dev.lumen.domain.proactive.Webhook;
import dev.lumen.fakes.InMemoryActivityFeed;
import dev.lumen.fakes.InMemoryConnectionRegistry;
import dev.lumen.fakes.InMemoryGoalStore;
import dev.lumen.fakes.InMemoryLearningRepository;
import dev.lumen.fakes.InMemoryPersonaRepository;
import dev.lumen.fakes.InMemoryProactiveOutbox;
import dev.lumen.fakes.RecordingPush;
import dev.lumen.fakes.ScriptedChatModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The proactive handlers from the sample events in {@code events/}. */
class ProactiveHandlersTest {
    private static final Instant NOW = Instant.parse("2026-12-07T11:00:00Z");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryGoalStore goalStore = new InMemoryGoalStore();
    private final GoalTracking goals = new GoalTracking(goalStore, clock);
    private final InMemoryProactiveOutbox outbox = new InMemoryProactiveOutbox();

    @Test
    void aGoalIsSetAndListedWithTheTimeZone() {
        // WHEN
        APIGatewayV2HTTPResponse put = new PutGoalHandler(goals).handleRequest(event("put-goal.json"), null);
        APIGatewayV2HTTPResponse zone = new PutTimeZoneHandler(goals).handleRequest(event("put-time-zone.json"), null);
        APIGatewayV2HTTPResponse list = new ListGoalsHandler(goals).handleRequest(event("list-goals.json"), null);

        // THEN
        assertThat(put.getStatusCode()).as(put.getBody()).isEqualTo(200);
        assertThat(json(put).at("/status/lastProgressAt").asText()).isEqualTo(NOW.toString());
        assertThat(json(zone).path("timeZone").asText()).isEqualTo("Europe/Berlin");
        JsonNode body = json(list);
        assertThat(body.path("timeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(body.at("/goals/0/goalId").asText()).isEqualTo("run-5k");
        assertThat(body.at("/goals/0/status/progress").asDouble()).isEqualTo(0.3);
        assertThat(body.at("/goals/0/status/milestoneDueAt").asText()).isEqualTo("2026-12-08T18:00:00Z");
    }

    @Test
    void badGoalsAndTimeZonesAre400sNamingTheFieldAndChangeNothing() {
        assertError(new PutGoalHandler(goals).handleRequest(event("put-goal-invalid.json"), null), 400, "'progress'");
        assertError(new PutTimeZoneHandler(goals).handleRequest(event("put-time-zone-invalid.json"), null), 400, "'timeZone'");
        assertThat(goalStore.ofUser("user-sam")).isEmpty();
        assertThat(goalStore.timeZone("user-sam")).isEmpty();
    }

    @Test
    void theUsersProactiveMessagesAreListedNewestFirstWithState() {
        // GIVEN two of user-sam's messages, the later one sent, and someone else's
        outbox.add(message("user-sam", "p-older", NOW.minus(Duration.ofDays(2))));
        outbox.add(message("user-sam", "p-newer", NOW.minus(Duration.ofHours(3))));
        outbox.add(message("user-kim", "p-other", NOW));
        outbox.markSent("user-sam", "p-newer", NOW.minus(Duration.ofHours(1)));

        // WHEN
        APIGatewayV2HTTPResponse response = new ListProactiveHandler(outbox).handleRequest(event("get-proactive.json"), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode messages = json(response).path("messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).path("messageId").asText()).isEqualTo("p-newer");
        assertThat(messages.get(0).path("state").asText()).isEqualTo("SENT");
        assertThat(messages.get(0).path("trigger").asText()).isEqualTo("INACTIVITY");
        assertThat(messages.get(1).path("state").asText()).isEqualTo("PLANNED");
        // AND another user may not read them
        assertThat(new ListProactiveHandler(outbox).handleRequest(asUser(event("get-proactive.json"), "user-kim"), null)
                .getStatusCode()).isEqualTo(403);
    }

    @Test
    void theScheduledEvaluationPlansForTheIdleUser() {
        // GIVEN user-sam's last turn 25 hours ago
        InMemoryActivityFeed feed = new InMemoryActivityFeed();
        InMemoryPersonaRepository personas = new InMemoryPersonaRepository();
        personas.create(new Persona("coach", "Mira", "", "default", List.of(), NOW.minus(Duration.ofDays(30))));
        feed.record(new Activity("t1", ActivityKind.CHAT_TURN, NOW.minus(Duration.ofHours(25)), "default", "coach",
                "user-sam", "s-1", "POST /api/chat", "m", 10, 1, 1, 0.0, false, Map.of()));
        ProactiveSettings settings = ProactiveSettings.defaults();
        ProactiveEvaluation evaluation = new ProactiveEvaluation(feed, new InMemoryLearningRepository(), personas,
                CoreTraits.defaults(), goals.statuses(), Connections.NONE, goals::zoneOf,
                new ProactivePlanner(settings, outbox, new ScriptedChatModel("Hi, it's Mira."), clock), settings, clock);
        ScheduledEvent event = EventLoader.loadScheduledEvent("events/schedule-proactive.json");

        // WHEN
        ProactiveEvaluationHandler.Result result = new ProactiveEvaluationHandler(evaluation).handleRequest(event, null);

        // THEN
        assertThat(result).isEqualTo(new ProactiveEvaluationHandler.Result(1, 1, 0));
        assertThat(outbox.latest("user-sam", 5)).singleElement()
                .satisfies(m -> assertThat(m.trigger().type()).isEqualTo(TriggerType.INACTIVITY));
    }

    @Test
    void theDispatcherQueuesWhatIsDue() {
        outbox.add(message("user-sam", "p-due", NOW.minus(Duration.ofHours(1))));
        List<String> queued = new ArrayList<>();
        ProactiveDispatch dispatch = new ProactiveDispatch(outbox, (u, m) -> queued.add(m), clock);

        ProactiveDispatch.Outcome outcome = new ProactiveDispatchHandler(dispatch)
                .handleRequest(EventLoader.loadScheduledEvent("events/schedule-proactive-dispatch.json"), null);

        assertThat(outcome.queued()).isEqualTo(1);
        assertThat(queued).containsExactly("p-due");
    }

    @Test
    void aFailedSendIsABatchFailureAndOnTheLastReceiveTheMessageIsFailed() {
        // GIVEN the sample's message, and a webhook that always answers 500
        String id = "p-0123456789abcdef0123456789abcdef";
        outbox.add(message("user-sam", id, NOW.minus(Duration.ofHours(1))));
        Webhook failing = new Webhook() {
            @Override
            public boolean configured() {
                return true;
            }

            @Override
            public void send(String messageId, String payload) {
                throw new UnavailableException("webhook_rejected", "HTTP 500", null);
            }
        };
        ProactiveDeliveryHandler handler = new ProactiveDeliveryHandler(new ProactiveDelivery(outbox,
                new InMemoryConnectionRegistry(), new RecordingPush(), failing, clock), 3);
        SQSEvent first = EventLoader.loadSQSEvent("events/sqs-proactive-delivery.json");

        // WHEN the first receive fails: retried, still planned
        SQSBatchResponse response = handler.handleRequest(first, null);
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(first.getRecords().get(0).getMessageId());
        assertThat(outbox.find("user-sam", id).orElseThrow().state()).isEqualTo(ProactiveState.PLANNED);

        // AND the third fails too: FAILED in the outbox, and still a batch failure (to the dead-letter queue)
        SQSEvent third = EventLoader.loadSQSEvent("events/sqs-proactive-delivery.json");
        third.getRecords().get(0).getAttributes().put("ApproximateReceiveCount", "3");
        assertThat(handler.handleRequest(third, null).getBatchItemFailures()).hasSize(1);
        assertThat(outbox.find("user-sam", id).orElseThrow().state()).isEqualTo(ProactiveState.FAILED);
    }

    @Test
    void anUnreadableDeliveryIsABatchFailure() {
        SQSEvent event = EventLoader.loadSQSEvent("events/sqs-proactive-delivery.json");
        event.getRecords().get(0).setBody("{\"not\":\"a delivery\"}");
        ProactiveDeliveryHandler handler = new ProactiveDeliveryHandler(new ProactiveDelivery(outbox,
                new InMemoryConnectionRegistry(), new RecordingPush(), Webhook.NONE, clock), 3);

        assertThat(handler.handleRequest(event, null).getBatchItemFailures()).hasSize(1);
    }

    private static ProactiveMessage message(String userId, String id, Instant plannedAt) {
        return new ProactiveMessage(id, userId, "coach", new Trigger(TriggerType.INACTIVITY, 3.04, Map.of("idleHours", "25")),
                "Hi, it's Mira.", plannedAt, plannedAt, Channel.WEBHOOK, ProactiveState.PLANNED);
    }

    @Test
    void aScheduledRunLogsWithItsInvocationContextAndWritesItsMetricLine() {
        try (InvocationCapture capture = new InvocationCapture()) {
            // GIVEN a due message and a delivery queue that logs as it takes it
            outbox.add(message("user-sam", "p-due", NOW.minus(Duration.ofHours(1))));
            ProactiveDispatch dispatch = new ProactiveDispatch(outbox,
                    (u, m) -> capture.logger().info("delivery queued"), clock);

            // WHEN the schedule fires
            new ProactiveDispatchHandler(dispatch).handleRequest(EventLoader.loadScheduledEvent(
                    "events/schedule-proactive-dispatch.json"), new LambdaContextStub("req-sched-1", "lumen-dev-ProactiveDispatchFunction"));

            // THEN
            JsonNode line = capture.logged("delivery queued").get(0);
            assertThat(line.path("requestId").asText()).isEqualTo("req-sched-1");
            assertThat(line.path("function").asText()).isEqualTo("lumen-dev-ProactiveDispatchFunction");
            assertThat(line.path("handler").asText()).isEqualTo("ProactiveDispatch");
            JsonNode metric = capture.invocationMetric();
            assertThat(metric.path("Kind").asText()).isEqualTo("schedule");
            assertThat(metric.path("Handler").asText()).isEqualTo("ProactiveDispatch");
            assertThat(metric.path("Errors").asInt()).isZero();
            assertThat(metric.path("function").asText()).isEqualTo("lumen-dev-ProactiveDispatchFunction");
            capture.assertContextCleared();
        }
    }
}
