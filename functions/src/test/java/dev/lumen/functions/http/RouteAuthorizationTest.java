package dev.lumen.functions.http;

import static dev.lumen.functions.HandlerFixture.asAdmin;
import static dev.lumen.functions.HandlerFixture.asCreator;
import static dev.lumen.functions.HandlerFixture.asUser;
import static dev.lumen.functions.HandlerFixture.event;
import static dev.lumen.functions.HandlerFixture.json;
import static dev.lumen.functions.HandlerFixture.withBody;
import static dev.lumen.functions.HandlerFixture.withClaims;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.chat.ChatRequest;
import dev.lumen.domain.knowledge.ContentDrafts;
import dev.lumen.domain.knowledge.CreatorProfiles;
import dev.lumen.domain.knowledge.KnowledgeBase;
import dev.lumen.domain.knowledge.KnowledgeIndexer;
import dev.lumen.domain.knowledge.KnowledgeQuery;
import dev.lumen.domain.knowledge.KnowledgeSearch;
import dev.lumen.domain.knowledge.TextSplitter;
import dev.lumen.domain.learning.UserInsights;
import dev.lumen.domain.memory.MemoryLookup;
import dev.lumen.domain.persona.NewPersona;
import dev.lumen.domain.presence.TypingService;
import dev.lumen.domain.stats.Counts;
import dev.lumen.domain.stats.StatsService;
import dev.lumen.fakes.InMemoryDocumentContentStore;
import dev.lumen.fakes.InMemoryDocumentRepository;
import dev.lumen.fakes.InMemoryTypingRepository;
import dev.lumen.fakes.RecordingIngestPublisher;
import dev.lumen.fakes.ScriptedChatModel;
import dev.lumen.functions.HandlerFixture;
import dev.lumen.functions.chat.ChatHandler;
import dev.lumen.functions.chat.ListMessagesHandler;
import dev.lumen.functions.health.HealthHandler;
import dev.lumen.functions.knowledge.CreatorHandler;
import dev.lumen.functions.knowledge.DocumentsHandler;
import dev.lumen.functions.knowledge.DraftContentHandler;
import dev.lumen.functions.knowledge.QueryKnowledgeHandler;
import dev.lumen.functions.knowledge.SubmitDocumentHandler;
import dev.lumen.functions.memory.ListMemoriesHandler;
import dev.lumen.functions.persona.CreatePersonaHandler;
import dev.lumen.functions.persona.GetPersonaHandler;
import dev.lumen.functions.persona.ListPersonasHandler;
import dev.lumen.functions.persona.PersonalityUpdateHandler;
import dev.lumen.functions.persona.TraitUpdateHandler;
import dev.lumen.functions.presence.GetTypingHandler;
import dev.lumen.functions.presence.PutTypingHandler;
import dev.lumen.functions.stats.StatsHandler;
import dev.lumen.functions.user.GetEmotionalStateHandler;
import dev.lumen.functions.user.GetProfileHandler;
import dev.lumen.functions.user.PutEmotionalStateHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every route of {@code template.yaml} against its handler: 401 without claims, 403 with another
 * user's or creator's claims, allowed with the owner's. The routes are read from the template, so a
 * route added there without a case here fails this test.
 */
class RouteAuthorizationTest {
    private static final Path TEMPLATE = Path.of("..", "template.yaml");

    private final HandlerFixture fixture = new HandlerFixture();
    private final ScriptedChatModel model = new ScriptedChatModel("One step at a time.");
    private final TypingService typing = new TypingService(new InMemoryTypingRepository(), Clock.systemUTC());
    private final InMemoryDocumentRepository documents = new InMemoryDocumentRepository();
    private final RecordingIngestPublisher ingest = new RecordingIngestPublisher();
    private final KnowledgeBase knowledge = new KnowledgeBase(documents, new InMemoryDocumentContentStore(), ingest,
            new KnowledgeIndexer(fixture.embeddings, fixture.vectors, TextSplitter.defaults(), Clock.systemUTC()), Clock.systemUTC());
    private final KnowledgeSearch search = new KnowledgeSearch(fixture.embeddings, fixture.vectors);
    private final CreatorProfiles creators = new CreatorProfiles(fixture.creators, Clock.systemUTC());
    private final UserInsights insights = new UserInsights(fixture.learning, Clock.systemUTC());
    private final dev.lumen.domain.escalation.Escalations escalations = new dev.lumen.domain.escalation.Escalations(
            new dev.lumen.fakes.InMemoryEscalationRepository(), new dev.lumen.fakes.RecordingEscalationPublisher(), Clock.systemUTC());
    private final dev.lumen.domain.usage.UsageReport usage = new dev.lumen.domain.usage.UsageReport(
            new dev.lumen.fakes.InMemoryUsageLedger(), Clock.systemUTC());
    private final dev.lumen.fakes.InMemoryProposalRepository proposalRepository = new dev.lumen.fakes.InMemoryProposalRepository();
    private final dev.lumen.domain.proposal.Proposals proposals = new dev.lumen.domain.proposal.Proposals(proposalRepository,
            new dev.lumen.fakes.InMemoryCustodyRepository(), fixture.personas, Clock.systemUTC());

    /**
     * One route's case.
     *
     * @param handler the route's handler over the fixture
     * @param event   the route's request, claims to be set per call
     * @param owner   claims that may do it
     * @param other   claims that may not (another user or creator, or a non-admin); null when any
     *                signed-in caller may (and {@code owner} is then just someone signed in)
     * @param open    the route needs no token at all
     */
    private record Case(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                        java.util.function.Supplier<APIGatewayV2HTTPEvent> event,
                        UnaryOperator<APIGatewayV2HTTPEvent> owner, UnaryOperator<APIGatewayV2HTTPEvent> other, boolean open) {
    }

    /** user-1's reply in session-1: what the feedback route rates. */
    private String ratedReplyId;

    @BeforeEach
    void existingData() {
        fixture.personas.create(new NewPersona("persona-ada", "Ada", "A study coach", "coach-sleep",
                List.of(new NewPersona.NewTrait("warmth", "Warmth", "Kind", 0.5))));
        ratedReplyId = fixture.chat(model).chat(new ChatRequest("persona-ada", "session-1", "user-1", "Hello")).messageId();
        typing.set("session-42", "user-sam", true);
        insights.setEmotionalState("user-sam", 0.6, "calm", List.of());
        escalations.raise(dev.lumen.contract.EscalationRepositoryContract.escalation("esc-7f3k2m9q", java.time.Instant.now(), "user-2"));
        creators.put("coach-sleep", "Dr Sleep", "sleep", "small steps", "warm");
        knowledge.submit("coach-sleep", "sleep-guide", "Sleep guide", dev.lumen.domain.knowledge.ContentType.TEXT, Map.of(),
                "Stop caffeine after 2 pm.".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private Map<String, Case> cases() {
        Map<String, Case> cases = new LinkedHashMap<>();
        UnaryOperator<APIGatewayV2HTTPEvent> coach = e -> asCreator(e, "coach-sleep");
        UnaryOperator<APIGatewayV2HTTPEvent> otherCoach = e -> asCreator(e, "coach-other");
        cases.put("POST /api/personas", new Case(handler(CreatePersonaHandler.class, fixture.personas),
                () -> withBody("create-persona.json", "{\"id\":\"persona-new\",\"name\":\"New\",\"creatorId\":\"coach-sleep\"}"),
                coach, otherCoach, false));
        cases.put("GET /api/personas", new Case(handler(ListPersonasHandler.class, fixture.personas),
                () -> {
                    // Naming the creator: without it, another creator would list its own (allowed).
                    APIGatewayV2HTTPEvent e = event("list-personas.json");
                    e.setQueryStringParameters(Map.of("creatorId", "coach-sleep"));
                    return e;
                }, coach, otherCoach, false));
        cases.put("GET /api/personas/{personaId}", new Case(handler(GetPersonaHandler.class, fixture.personas),
                () -> event("get-persona.json"), e -> asUser(e, "user-sam"), null, false));
        cases.put("PUT /api/personas/{personaId}/traits/{traitId}", new Case(handler(TraitUpdateHandler.class, fixture.personas),
                () -> event("trait-update.json"), coach, otherCoach, false));
        cases.put("PUT /api/personality", new Case(handler(PersonalityUpdateHandler.class, fixture.personas),
                () -> event("personality-update.json"), coach, otherCoach, false));
        cases.put("POST /api/chat", new Case(handler(ChatHandler.class, fixture.chat(model)),
                () -> event("chat.json"), e -> asUser(e, "user-1"), e -> asUser(e, "user-2"), false));
        cases.put("GET /api/sessions/{sessionId}/messages", new Case(handler(ListMessagesHandler.class, fixture.history()),
                () -> event("list-messages.json"), e -> asUser(e, "user-1"), e -> asUser(e, "user-2"), false));
        cases.put("POST /api/messages/{messageId}/feedback", new Case(handler(
                dev.lumen.functions.feedback.FeedbackHandler.class, new dev.lumen.domain.feedback.FeedbackService(
                        fixture.conversations, fixture.learning, new dev.lumen.fakes.InMemoryActivityFeed(), Clock.systemUTC())),
                () -> {
                    APIGatewayV2HTTPEvent rate = event("message-feedback.json");
                    rate.setPathParameters(Map.of("messageId", ratedReplyId));
                    return rate;
                }, e -> asUser(e, "user-1"), e -> asUser(e, "user-2"), false));
        cases.put("GET /api/personas/{personaId}/memories",
                new Case(handler(ListMemoriesHandler.class, new MemoryLookup(fixture.personas, fixture.memory)),
                        () -> event("list-memories.json"), e -> asUser(e, "user-sam"), e -> asUser(e, "user-kim"), false));
        cases.put("POST /api/creators/{creatorId}/documents", new Case(handler(SubmitDocumentHandler.class, knowledge),
                () -> event("submit-document.json"), coach, otherCoach, false));
        cases.put("GET /api/creators/{creatorId}/documents", new Case(handler(DocumentsHandler.class, knowledge),
                () -> event("list-documents.json"), coach, otherCoach, false));
        cases.put("GET /api/creators/{creatorId}/documents/{documentId}", new Case(handler(DocumentsHandler.class, knowledge),
                () -> document("GET"), coach, otherCoach, false));
        cases.put("DELETE /api/creators/{creatorId}/documents/{documentId}", new Case(handler(DocumentsHandler.class, knowledge),
                () -> document("DELETE"), coach, otherCoach, false));
        cases.put("POST /api/creators/{creatorId}/query", new Case(handler(QueryKnowledgeHandler.class, new KnowledgeQuery(search, model)),
                () -> event("query-knowledge.json"), coach, otherCoach, false));
        cases.put("POST /api/creators/{creatorId}/content",
                new Case(handler(DraftContentHandler.class, new ContentDrafts(fixture.creators, search, model)),
                        () -> event("draft-content.json"), coach, otherCoach, false));
        cases.put("PUT /api/creators/{creatorId}", new Case(handler(CreatorHandler.class, creators),
                () -> event("put-creator.json"), coach, otherCoach, false));
        cases.put("GET /api/creators/{creatorId}", new Case(handler(CreatorHandler.class, creators),
                () -> method(event("put-creator.json"), "GET"), coach, otherCoach, false));
        cases.put("GET /api/users/{userId}/emotional-state", new Case(handler(GetEmotionalStateHandler.class, insights),
                () -> event("get-emotional-state.json"), e -> asUser(e, "user-sam"), e -> asUser(e, "user-kim"), false));
        cases.put("PUT /api/users/{userId}/emotional-state", new Case(handler(PutEmotionalStateHandler.class, insights),
                () -> event("put-emotional-state.json"), e -> asUser(e, "user-sam"), e -> asUser(e, "user-kim"), false));
        cases.put("GET /api/users/{userId}/profile", new Case(handler(GetProfileHandler.class, insights),
                () -> event("get-profile.json"), e -> asUser(e, "user-sam"), e -> asUser(e, "user-kim"), false));
        cases.put("PUT /api/sessions/{sessionId}/typing", new Case(handler(PutTypingHandler.class, typing),
                () -> event("put-typing.json"), e -> asUser(e, "user-sam"), e -> asUser(e, "user-kim"), false));
        cases.put("GET /api/sessions/{sessionId}/typing", new Case(handler(GetTypingHandler.class, typing),
                () -> event("get-typing.json"), e -> asUser(e, "user-sam"), e -> asUser(e, "user-kim"), false));
        cases.put("GET /api/stats", new Case(handler(StatsHandler.class, new StatsService(now -> new Counts(1, 2, 3, 4, 5, 6), () -> 0,
                Clock.systemUTC())), () -> event("stats.json"), HandlerFixture::asAdmin, e -> asUser(e, "user-sam"), false));
        cases.put("GET /api/escalations", new Case(handler(dev.lumen.functions.escalation.ListEscalationsHandler.class, escalations),
                () -> event("list-escalations.json"), HandlerFixture::asAdmin, e -> asUser(e, "user-2"), false));
        cases.put("POST /api/escalations/{escalationId}/resolve",
                new Case(handler(dev.lumen.functions.escalation.ResolveEscalationHandler.class, escalations),
                        () -> event("resolve-escalation.json"), HandlerFixture::asAdmin, e -> asUser(e, "user-2"), false));
        cases.put("GET /api/usage", new Case(handler(dev.lumen.functions.usage.UsageHandler.class, usage),
                () -> event("get-usage.json"), e -> asUser(e, "user-52e8"), e -> asUser(e, "user-kim"), false));
        cases.put("DELETE /api/users/{userId}", new Case(handler(dev.lumen.functions.privacy.EraseUserHandler.class,
                new dev.lumen.domain.privacy.UserErasure(fixture.conversations, fixture.memory, fixture.learning, userId -> 0)),
                () -> event("erase-user.json"), e -> asUser(e, "user-sam"), e -> asUser(e, "user-kim"), false));
        // The agent platform: admins only; the database probe is open like /api/health.
        dev.lumen.domain.agent.AgentCycles agentCycles = new dev.lumen.functions.agent.AgentPlatformFixture().cycles;
        cases.put("POST /api/agents/{agent}/cycle", new Case(handler(dev.lumen.functions.agent.AgentCycleHandler.class, agentCycles),
                () -> event("agent-cycle.json"), HandlerFixture::asAdmin, e -> asUser(e, "user-sam"), false));
        cases.put("GET /api/agents/status", new Case(handler(dev.lumen.functions.agent.AgentStatusHandler.class, agentCycles),
                () -> event("agent-status.json"), HandlerFixture::asAdmin, e -> asCreator(e, "coach-sleep"), false));
        cases.put("GET /api/agents/{agent}/runs", new Case(handler(dev.lumen.functions.agent.AgentRunsHandler.class, agentCycles),
                () -> event("agent-runs.json"), HandlerFixture::asAdmin, e -> asUser(e, "user-sam"), false));
        cases.put("GET /api/agents/{agent}/findings", new Case(handler(dev.lumen.functions.agent.FindingsHandler.class, agentCycles),
                () -> event("agent-findings.json"), HandlerFixture::asAdmin, e -> asUser(e, "user-sam"), false));
        cases.put("GET /api/status", new Case(handler(dev.lumen.functions.health.StatusHandler.class,
                new dev.lumen.domain.health.SystemStatus("test", "test", Map.of(), agentCycles::status, Clock.systemUTC())),
                () -> event("status.json"), HandlerFixture::asAdmin, e -> asUser(e, "user-sam"), false));
        cases.put("GET /api/database/health", new Case(handler(dev.lumen.functions.health.DatabaseHealthHandler.class,
                (dev.lumen.domain.health.DatabaseProbe) () -> new dev.lumen.domain.health.DatabaseProbe.DatabaseHealth(
                        "dynamodb", true, "ACTIVE", 3, null)),
                () -> event("database-health.json"), e -> e, null, true));
        dev.lumen.domain.custody.Graders graders = dev.lumen.domain.custody.Graders.standard(new dev.lumen.adapter.offline.OfflineChatModel());
        dev.lumen.domain.custody.Custody custody = new dev.lumen.domain.custody.Custody(
                dev.lumen.domain.custody.TestBank.load(graders), graders, new dev.lumen.adapter.offline.OfflineChatModel(),
                new dev.lumen.fakes.InMemoryCustodyRepository(), new dev.lumen.fakes.InMemoryExamTranscripts(),
                new dev.lumen.fakes.InMemoryMentoringMaterial(), Clock.systemUTC());
        cases.put("POST /api/custody/test/{agentType}", new Case(handler(dev.lumen.functions.custody.CustodyTestHandler.class,
                new dev.lumen.fakes.RecordingAgentWorkPublisher()), () -> event("custody-test.json"),
                HandlerFixture::asAdmin, e -> asUser(e, "user-sam"), false));
        for (String report : List.of("custody-overview", "custody-analytics", "custody-test-categories", "custody-recommendations")) {
            APIGatewayV2HTTPEvent sample = event(report + ".json");
            cases.put(sample.getRouteKey(), new Case(handler(dev.lumen.functions.custody.CustodyReportsHandler.class, custody),
                    () -> event(report + ".json"), HandlerFixture::asAdmin, e -> asUser(e, "user-sam"), false));
        }
        cases.put("GET /api/health", new Case(handler(HealthHandler.class, List.of()), () -> event("health.json"), e -> e, null, true));
        cases.put("GET /api/proposals", new Case(handler(dev.lumen.functions.proposal.ListProposalsHandler.class, proposals),
                () -> event("list-proposals.json"), HandlerFixture::asAdmin, e -> asCreator(e, "coach-sleep"), false));
        // Each call approves or rejects a fresh proposal: the cases run one route several times.
        cases.put("POST /api/proposals/{proposalId}/approve",
                new Case(handler(dev.lumen.functions.proposal.ApproveProposalHandler.class, proposals),
                        () -> proposalEvent("approve-proposal.json"), HandlerFixture::asAdmin, e -> asUser(e, "user-1"), false));
        cases.put("POST /api/proposals/{proposalId}/reject",
                new Case(handler(dev.lumen.functions.proposal.RejectProposalHandler.class, proposals),
                        () -> proposalEvent("reject-proposal.json"), HandlerFixture::asAdmin, e -> asUser(e, "user-1"), false));
        // Snapshots (issue 8): a persona's for its creator, versions 1 and 2 taken up front.
        dev.lumen.domain.snapshot.Snapshots snapshots = new dev.lumen.domain.snapshot.Snapshots(
                new dev.lumen.fakes.InMemorySnapshotStore(), new dev.lumen.adapter.cbor.CborSnapshotCodec(),
                List.of(new dev.lumen.domain.snapshot.PersonaStateAccess(fixture.personas)), 100, Clock.systemUTC());
        snapshots.take(dev.lumen.domain.snapshot.SnapshotKind.PERSONA, "persona-ada", dev.lumen.domain.snapshot.SnapshotReason.MANUAL);
        snapshots.take(dev.lumen.domain.snapshot.SnapshotKind.PERSONA, "persona-ada", dev.lumen.domain.snapshot.SnapshotReason.MANUAL);
        for (var route : Map.of("snapshot-take.json", dev.lumen.functions.snapshot.TakeSnapshotHandler.class,
                "snapshot-list.json", dev.lumen.functions.snapshot.ListSnapshotsHandler.class,
                "snapshot-get.json", dev.lumen.functions.snapshot.GetSnapshotHandler.class,
                "snapshot-diff.json", dev.lumen.functions.snapshot.DiffSnapshotsHandler.class,
                "snapshot-restore.json", dev.lumen.functions.snapshot.RestoreSnapshotHandler.class).entrySet()) {
            cases.put(event(route.getKey()).getRouteKey(), new Case(handler(route.getValue(), snapshots, fixture.personas),
                    () -> event(route.getKey()), coach, otherCoach, false));
        }
        // Proactive engagement (issue 8): the user's own goals, time zone and messages; admins too.
        dev.lumen.domain.proactive.GoalTracking goalTracking = new dev.lumen.domain.proactive.GoalTracking(
                new dev.lumen.fakes.InMemoryGoalStore(), Clock.systemUTC());
        dev.lumen.fakes.InMemoryProactiveOutbox proactiveOutbox = new dev.lumen.fakes.InMemoryProactiveOutbox();
        cases.put("PUT /api/users/{userId}/goals/{goalId}", new Case(handler(
                dev.lumen.functions.proactive.PutGoalHandler.class, goalTracking),
                () -> event("put-goal.json"), e -> asUser(e, "user-sam"), e -> asUser(e, "user-kim"), false));
        cases.put("GET /api/users/{userId}/goals", new Case(handler(
                dev.lumen.functions.proactive.ListGoalsHandler.class, goalTracking),
                () -> event("list-goals.json"), e -> asUser(e, "user-sam"), e -> asUser(e, "user-kim"), false));
        cases.put("PUT /api/users/{userId}/time-zone", new Case(handler(
                dev.lumen.functions.proactive.PutTimeZoneHandler.class, goalTracking),
                () -> event("put-time-zone.json"), e -> asUser(e, "user-sam"), e -> asUser(e, "user-kim"), false));
        cases.put("GET /api/users/{userId}/proactive", new Case(handler(
                dev.lumen.functions.proactive.ListProactiveHandler.class, proactiveOutbox),
                () -> event("get-proactive.json"), e -> asUser(e, "user-sam"), e -> asUser(e, "user-kim"), false));
        return cases;
    }

    @Test
    void everyRouteOfTheTemplateHasAnAuthorizationCase() throws IOException {
        assertThat(new TreeSet<>(cases().keySet())).isEqualTo(new TreeSet<>(templateRoutes()));
    }

    @TestFactory
    List<DynamicTest> eachRouteRefusesStrangersAndServesItsOwner() {
        return cases().entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
            Case c = entry.getValue();
            String route = entry.getKey();
            if (!c.open()) {
                APIGatewayV2HTTPResponse anonymous = c.handler().handleRequest(withClaims(c.event().get(), null), null);
                assertThat(anonymous.getStatusCode()).as("%s without claims", route).isEqualTo(401);
                assertThat(json(anonymous).at("/error/code").asText()).isEqualTo("unauthenticated");
                APIGatewayV2HTTPResponse noSubject = c.handler().handleRequest(
                        withClaims(c.event().get(), Map.of("custom:role", "admin")), null);
                assertThat(noSubject.getStatusCode()).as("%s with claims but no subject", route).isEqualTo(401);
            }
            if (c.other() != null) {
                APIGatewayV2HTTPResponse stranger = c.handler().handleRequest(c.other().apply(c.event().get()), null);
                assertThat(stranger.getStatusCode()).as("%s as someone else: %s", route, stranger.getBody()).isEqualTo(403);
                assertThat(json(stranger).at("/error/code").asText()).isEqualTo("forbidden");
            }
            APIGatewayV2HTTPResponse owner = c.handler().handleRequest(c.owner().apply(c.event().get()), null);
            assertThat(owner.getStatusCode()).as("%s as its owner: %s", route, owner.getBody()).isBetween(200, 299);
            APIGatewayV2HTTPResponse admin = c.handler().handleRequest(asAdmin(c.event().get()), null);
            assertThat(admin.getStatusCode()).as("%s as an admin: %s", route, admin.getBody()).isNotIn(401, 403);
        })).toList();
    }

    @Test
    void refusedWritesChangeNothing() {
        String stateBefore = json(handler(GetEmotionalStateHandler.class, insights)
                .handleRequest(event("get-emotional-state.json"), null)).toString();
        // WHEN another user writes user-sam's state, another creator renames a persona's trait
        handler(PutEmotionalStateHandler.class, insights).handleRequest(asUser(event("put-emotional-state.json"), "user-kim"), null);
        handler(TraitUpdateHandler.class, fixture.personas).handleRequest(asCreator(event("trait-update.json"), "coach-other"), null);
        handler(ChatHandler.class, fixture.chat(model)).handleRequest(
                asUser(withBody("chat.json", "{\"personaId\":\"persona-ada\",\"sessionId\":\"session-1\",\"message\":\"hi\"}"), "user-2"), null);

        // THEN nothing moved: the state as it was, the trait as created, session-1 still holds user-1's one turn
        assertThat(json(handler(GetEmotionalStateHandler.class, insights)
                .handleRequest(event("get-emotional-state.json"), null)).toString()).isEqualTo(stateBefore);
        assertThat(fixture.personas.get("persona-ada").traits().stream().filter(t -> t.id().equals("warmth"))
                .findFirst().orElseThrow().intensity()).isEqualTo(0.5);
        assertThat(fixture.conversations.latest("persona-ada", "session-1", 10)).hasSize(2)
                .allSatisfy(m -> assertThat(m.userId()).isEqualTo("user-1"));
    }

    @Test
    void aCreatorCreatesPersonasForThemselvesAndAPlainUserCannot() {
        var create = handler(CreatePersonaHandler.class, fixture.personas);
        APIGatewayV2HTTPResponse own = create.handleRequest(asCreator(withBody("create-persona.json",
                "{\"id\":\"mine\",\"name\":\"Mine\"}"), "coach-sleep"), null);
        assertThat(own.getStatusCode()).isEqualTo(201);
        assertThat(json(own).path("creatorId").asText()).isEqualTo("coach-sleep");
        assertThat(create.handleRequest(asUser(withBody("create-persona.json", "{\"id\":\"u\",\"name\":\"U\"}"), "user-sam"), null)
                .getStatusCode()).isEqualTo(403);
    }

    @Test
    void chatWithoutAUserIdActsForTheCallerAndAnotherUsersSessionIsForbidden() {
        var chat = handler(ChatHandler.class, fixture.chat(model));
        APIGatewayV2HTTPResponse mine = chat.handleRequest(asUser(withBody("chat.json",
                "{\"personaId\":\"persona-ada\",\"sessionId\":\"session-sam\",\"message\":\"hi\"}"), "user-sam"), null);
        assertThat(mine.getStatusCode()).isEqualTo(200);
        assertThat(fixture.conversations.latest("persona-ada", "session-sam", 10)).extracting(m -> m.userId())
                .containsOnly("user-sam");
        APIGatewayV2HTTPResponse theirs = chat.handleRequest(asUser(withBody("chat.json",
                "{\"personaId\":\"persona-ada\",\"sessionId\":\"session-sam\",\"message\":\"hi\"}"), "user-kim"), null);
        assertThat(theirs.getStatusCode()).isEqualTo(403);
    }

    @Test
    void usageIsEachCallersOwnAndAnyonesForAnAdmin() {
        var handler = handler(dev.lumen.functions.usage.UsageHandler.class, usage);
        APIGatewayV2HTTPEvent creatorUsage = event("get-usage.json");
        creatorUsage.setQueryStringParameters(Map.of("creatorId", "coach-sleep"));
        APIGatewayV2HTTPEvent everyone = event("get-usage.json");
        everyone.setQueryStringParameters(Map.of());
        assertThat(handler.handleRequest(asCreator(creatorUsage, "coach-sleep"), null).getStatusCode()).isEqualTo(200);
        creatorUsage = event("get-usage.json");
        creatorUsage.setQueryStringParameters(Map.of("creatorId", "coach-sleep"));
        assertThat(handler.handleRequest(asCreator(creatorUsage, "coach-other"), null).getStatusCode()).isEqualTo(403);
        assertThat(handler.handleRequest(asUser(everyone, "user-sam"), null).getStatusCode()).isEqualTo(403);
        // What an agent spends is the platform's: admins only
        APIGatewayV2HTTPEvent agentUsage = event("get-usage.json");
        agentUsage.setQueryStringParameters(Map.of("agent", "imperium"));
        assertThat(handler.handleRequest(asCreator(agentUsage, "coach-sleep"), null).getStatusCode()).isEqualTo(403);
        agentUsage = event("get-usage.json");
        agentUsage.setQueryStringParameters(Map.of("agent", "imperium"));
        assertThat(handler.handleRequest(asUser(agentUsage, "user-sam"), null).getStatusCode()).isEqualTo(403);
        agentUsage = event("get-usage.json");
        agentUsage.setQueryStringParameters(Map.of("agent", "imperium"));
        assertThat(handler.handleRequest(asAdmin(agentUsage), null).getStatusCode()).isEqualTo(200);
    }

    @Test
    void cognitoGroupsGiveRolesAndTheStrongestWins() {
        assertThat(Access.fromClaims(Map.of("sub", "a", "cognito:groups", "[creator admin]")).role()).isEqualTo(Caller.Role.ADMIN);
        assertThat(Access.fromClaims(Map.of("sub", "a", "cognito:groups", "[creator]", "custom:creatorId", "c1")))
                .isEqualTo(new Caller("a", Caller.Role.CREATOR, "c1"));
        assertThat(Access.fromClaims(Map.of("sub", "a", "custom:role", "superuser")).role()).isEqualTo(Caller.Role.USER);
    }

    /**
     * A handler over the given ports, through its package-private test constructor (handlers keep
     * that constructor out of their public API; this test sits outside their packages).
     */
    @SuppressWarnings("unchecked")
    private static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler(Class<?> type, Object port) {
        for (java.lang.reflect.Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0].isInstance(port)) {
                try {
                    constructor.setAccessible(true);
                    return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) constructor.newInstance(port);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalArgumentException(type.getSimpleName() + " has no constructor taking " + port.getClass().getSimpleName());
    }

    /** As {@link #handler(Class, Object)} for a handler whose test constructor takes two ports. */
    @SuppressWarnings("unchecked")
    private static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler(Class<?> type, Object first,
                                                                                          Object second) {
        for (java.lang.reflect.Constructor<?> constructor : type.getDeclaredConstructors()) {
            Class<?>[] types = constructor.getParameterTypes();
            if (types.length == 2 && types[0].isInstance(first) && types[1].isInstance(second)) {
                try {
                    constructor.setAccessible(true);
                    return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) constructor.newInstance(first, second);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalArgumentException(type.getSimpleName() + " has no constructor taking those two ports");
    }

    /** A review request for a new pending proposal (a configuration change: approving it applies nothing). */
    private APIGatewayV2HTTPEvent proposalEvent(String name) {
        String id = "proposal-" + dev.lumen.domain.Ids.random();
        proposalRepository.add(dev.lumen.domain.proposal.Proposal.of(id, dev.lumen.domain.agent.AgentType.CONQUEST, "run-1",
                new dev.lumen.domain.proposal.ProposalDraft(dev.lumen.domain.proposal.ProposalType.CONFIGURATION_CHANGE,
                        "Cheaper model", "", Map.of("setting", "LUMEN_MODEL_CHAIN", "value", "amazon.nova-lite-v1:0"), Map.of()),
                java.time.Instant.now(), null));
        APIGatewayV2HTTPEvent event = event(name);
        event.setPathParameters(Map.of("proposalId", id));
        return event;
    }

    private static APIGatewayV2HTTPEvent document(String method) {
        APIGatewayV2HTTPEvent event = method(event("list-documents.json"), method);
        event.setPathParameters(Map.of("creatorId", "coach-sleep", "documentId", "sleep-guide"));
        return event;
    }

    private static APIGatewayV2HTTPEvent method(APIGatewayV2HTTPEvent event, String method) {
        event.getRequestContext().getHttp().setMethod(method);
        if (method.equals("GET") || method.equals("DELETE")) {
            event.setBody(null);
        }
        return event;
    }

    /** {@code METHOD /path} of every HttpApi event in the template. */
    static List<String> templateRoutes() throws IOException {
        String template = Files.readString(TEMPLATE);
        Matcher matcher = Pattern.compile("Path:\\s*(/\\S+)\\s*\\n\\s*Method:\\s*(\\w+)").matcher(template);
        List<String> routes = new java.util.ArrayList<>();
        while (matcher.find()) {
            routes.add(matcher.group(2).toUpperCase(java.util.Locale.ROOT) + " " + matcher.group(1));
        }
        assertThat(routes).as("routes read from the template").hasSizeGreaterThanOrEqualTo(20);
        return routes;
    }

}
