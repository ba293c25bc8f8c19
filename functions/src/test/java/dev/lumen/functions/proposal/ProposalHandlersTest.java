package dev.lumen.functions.proposal;

import static dev.lumen.functions.HandlerFixture.assertError;
import static dev.lumen.functions.HandlerFixture.asUser;
import static dev.lumen.functions.HandlerFixture.event;
import static dev.lumen.functions.HandlerFixture.json;
import static dev.lumen.functions.HandlerFixture.withBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.contract.ProposalRepositoryContract;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.persona.NewPersona;
import dev.lumen.domain.proposal.Proposal;
import dev.lumen.domain.proposal.ProposalDraft;
import dev.lumen.domain.proposal.ProposalStatus;
import dev.lumen.domain.proposal.ProposalType;
import dev.lumen.domain.proposal.Proposals;
import dev.lumen.fakes.InMemoryCustodyRepository;
import dev.lumen.fakes.InMemoryProposalRepository;
import dev.lumen.functions.HandlerFixture;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProposalHandlersTest {
    static final String ID = "cycle-2026-12-07T09-00-00Z-1a2b3c4d-0";

    private final HandlerFixture fixture = new HandlerFixture();
    private final InMemoryProposalRepository repository = new InMemoryProposalRepository();
    private final Proposals proposals = new Proposals(repository, new InMemoryCustodyRepository(), fixture.personas,
            Clock.systemUTC());
    private final ListProposalsHandler list = new ListProposalsHandler(proposals);
    private final ApproveProposalHandler approve = new ApproveProposalHandler(proposals);
    private final RejectProposalHandler reject = new RejectProposalHandler(proposals);

    /** Seeds: a pending conquest trait adjustment under the events' id, an older one, an ineligible guardian one. */
    static void seed(InMemoryProposalRepository repository, Instant now) {
        repository.add(Proposal.of(ID, AgentType.CONQUEST, "cycle-2026-12-07T09-00-00Z", new ProposalDraft(
                ProposalType.TRAIT_ADJUSTMENT, "Warmer Ada", "Curt replies ended sessions",
                Map.of("personaId", "persona-ada", "traitId", "warmth", "action", "increase", "intensity", "0.2"),
                Map.of("sessions", "5")), now, null));
        repository.add(ProposalRepositoryContract.proposal("older-one", AgentType.CONQUEST, now.minusSeconds(60), null));
        repository.add(ProposalRepositoryContract.proposal("refused-one", AgentType.GUARDIAN, now.minusSeconds(30),
                "guardian was never examined under custody"));
    }

    @BeforeEach
    void seed() {
        fixture.personas.create(new NewPersona("persona-ada", "Ada", "A study coach", "coach-sleep",
                List.of(new NewPersona.NewTrait("warmth", "Warmth", "Kind", 0.5))));
        seed(repository, Instant.now());
    }

    @Test
    void listShowsPendingProposalsOfAnAgentNewestFirstInTheDocumentedShape() {
        // WHEN
        APIGatewayV2HTTPResponse response = list.handleRequest(event("list-proposals.json"), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("status").asText()).isEqualTo("PENDING");
        assertThat(body.path("agent").asText()).isEqualTo("conquest");
        assertThat(body.path("proposals").findValuesAsText("proposalId")).containsExactly(ID, "older-one");
        JsonNode first = body.path("proposals").get(0);
        assertThat(first.path("agent").asText()).isEqualTo("conquest");
        assertThat(first.path("type").asText()).isEqualTo("trait_adjustment");
        assertThat(first.path("change").path("traitId").asText()).isEqualTo("warmth");
        assertThat(first.path("evidence").path("sessions").asText()).isEqualTo("5");
        assertThat(first.has("reviewer")).isFalse();

        APIGatewayV2HTTPEvent all = event("list-proposals.json");
        all.setQueryStringParameters(null);
        assertThat(json(list.handleRequest(all, null)).path("proposals").findValuesAsText("proposalId"))
                .containsExactly(ID, "refused-one", "older-one");
        APIGatewayV2HTTPEvent ineligible = event("list-proposals.json");
        ineligible.setQueryStringParameters(Map.of("status", "ineligible"));
        assertThat(json(list.handleRequest(ineligible, null)).path("proposals").get(0).path("ineligibleReason").asText())
                .contains("never examined");
    }

    @Test
    void approvingATraitAdjustmentAppliesItAsTheCallerThenItIs409() {
        // WHEN
        APIGatewayV2HTTPResponse response = approve.handleRequest(event("approve-proposal.json"), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("status").asText()).isEqualTo("APPLIED");
        assertThat(body.path("reviewer").asText()).isEqualTo("admin-1");
        assertThat(body.path("reviewReason").asText()).startsWith("Same error rate");
        assertThat(body.path("appliedAt").asText()).isNotBlank();
        assertThat(fixture.personas.history("persona-ada", "warmth")).singleElement()
                .satisfies(change -> assertThat(change.actor()).isEqualTo("proposal:" + ID + " approved by admin-1"));

        assertError(approve.handleRequest(event("approve-proposal.json"), null), 409, "not pending");
        assertError(reject.handleRequest(event("reject-proposal.json"), null), 409, "not pending");
    }

    @Test
    void rejectNeedsAReasonAndRecordsIt() {
        assertError(reject.handleRequest(withBody("reject-proposal.json", null), null), 400, "'reason'");
        assertError(reject.handleRequest(withBody("reject-proposal.json", "{\"reason\":\"  \"}"), null), 400, "'reason'");

        APIGatewayV2HTTPResponse response = reject.handleRequest(event("reject-proposal.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).path("status").asText()).isEqualTo("REJECTED");
        assertThat(json(response).path("reviewReason").asText()).startsWith("Ada is warm enough");
        assertThat(fixture.personas.history("persona-ada", "warmth")).isEmpty();
    }

    @Test
    void anEmptyApproveBodyIsFineAndUnknownIdsAre404() {
        APIGatewayV2HTTPEvent unknown = withBody("approve-proposal.json", null);
        unknown.setPathParameters(Map.of("proposalId", "no-such-proposal"));
        assertError(approve.handleRequest(unknown, null), 404, "no-such-proposal");
        APIGatewayV2HTTPEvent unknownReject = event("reject-proposal.json");
        unknownReject.setPathParameters(Map.of("proposalId", "no-such-proposal"));
        assertError(reject.handleRequest(unknownReject, null), 404, "no-such-proposal");
        assertThat(approve.handleRequest(withBody("approve-proposal.json", ""), null).getStatusCode()).isEqualTo(200);
    }

    @Test
    void badInputIs400NamingTheFieldAndChangesNothing() {
        APIGatewayV2HTTPEvent badStatus = event("list-proposals.json");
        badStatus.setQueryStringParameters(Map.of("status", "done"));
        assertError(list.handleRequest(badStatus, null), 400, "'status'");
        APIGatewayV2HTTPEvent badAgent = event("list-proposals.json");
        badAgent.setQueryStringParameters(Map.of("agent", "skynet"));
        assertError(list.handleRequest(badAgent, null), 400, "'agent'");
        APIGatewayV2HTTPEvent badLimit = event("list-proposals.json");
        badLimit.setQueryStringParameters(Map.of("limit", "101"));
        assertError(list.handleRequest(badLimit, null), 400, "'limit'");
        assertError(approve.handleRequest(withBody("approve-proposal.json", "{\"reason\":7}"), null), 400, "'reason'");
        assertError(approve.handleRequest(withBody("approve-proposal.json", "{\"status\":\"APPLIED\"}"), null), 400, "status");
        assertError(reject.handleRequest(withBody("reject-proposal.json", "not json"), null), 400, "JSON");
        APIGatewayV2HTTPEvent badId = event("approve-proposal.json");
        badId.setPathParameters(Map.of("proposalId", "p#1"));
        assertError(approve.handleRequest(badId, null), 400, "'proposalId'");
        assertError(approve.handleRequest(asUser(event("approve-proposal.json"), "user-1"), null), 403, "admin");

        assertThat(repository.list(ProposalStatus.PENDING, null, 10)).hasSize(2);
        assertThat(fixture.personas.history("persona-ada", "warmth")).isEmpty();
    }
}
