package dev.lumen.functions.persona;

import static dev.lumen.functions.HandlerFixture.asAdmin;
import static dev.lumen.functions.HandlerFixture.asCreator;
import static dev.lumen.functions.HandlerFixture.asUser;
import static dev.lumen.functions.HandlerFixture.assertError;
import static dev.lumen.functions.HandlerFixture.event;
import static dev.lumen.functions.HandlerFixture.json;
import static dev.lumen.functions.HandlerFixture.withClaims;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.domain.persona.NewPersona;
import dev.lumen.functions.HandlerFixture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListPersonasHandlerTest {
    private final HandlerFixture fixture = new HandlerFixture();
    private final ListPersonasHandler list = new ListPersonasHandler(fixture.personas);

    @Test
    void aCreatorListsItsOwnPersonasPageByPageAndNoOneElses() throws InterruptedException {
        // GIVEN three personas of the event's creator, created one after another, and one of a rival
        for (String id : List.of("nox", "lune", "sol")) {
            fixture.personas.create(new NewPersona(id, "Name " + id, "about " + id, "sleep-coach", List.of()));
            Thread.sleep(2);
        }
        fixture.personas.create(new NewPersona("rival-1", "Rival", null, "rival", List.of()));

        // WHEN the sample event asks (limit 20), then two pages of 2
        APIGatewayV2HTTPResponse all = list.handleRequest(event("list-personas.json"), null);
        APIGatewayV2HTTPResponse first = list.handleRequest(query(event("list-personas.json"), Map.of("limit", "2")), null);
        String token = json(first).path("nextToken").asText();
        APIGatewayV2HTTPResponse second = list.handleRequest(
                query(event("list-personas.json"), Map.of("limit", "2", "nextToken", token)), null);

        // THEN newest first, summaries without traits, and the last page has no nextToken
        assertThat(all.getStatusCode()).isEqualTo(200);
        JsonNode body = json(all);
        assertThat(body.path("creatorId").asText()).isEqualTo("sleep-coach");
        assertThat(body.path("personas").findValuesAsText("id")).containsExactly("sol", "lune", "nox");
        assertThat(body.at("/personas/0/name").asText()).isEqualTo("Name sol");
        assertThat(body.at("/personas/0/description").asText()).isEqualTo("about sol");
        assertThat(body.at("/personas/0/createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(body.at("/personas/0").has("traits")).isFalse();
        assertThat(body.has("nextToken")).isFalse();
        assertThat(json(first).path("personas").findValuesAsText("id")).containsExactly("sol", "lune");
        assertThat(token).isNotBlank();
        assertThat(json(second).path("personas").findValuesAsText("id")).containsExactly("nox");
        assertThat(json(second).has("nextToken")).isFalse();
        // AND naming the rival is refused; an admin may name it
        assertError(list.handleRequest(query(event("list-personas.json"), Map.of("creatorId", "rival")), null), 403, "another creator");
        APIGatewayV2HTTPResponse admin = list.handleRequest(query(asAdmin(event("list-personas.json")), Map.of("creatorId", "rival")), null);
        assertThat(json(admin).path("personas").findValuesAsText("id")).containsExactly("rival-1");
    }

    @Test
    void anAdminWithoutACreatorListsTheDefaultOnesAndAPlainUserNone() {
        fixture.personas.create(new NewPersona("plain", "Plain", null, null, List.of()));
        APIGatewayV2HTTPResponse admin = list.handleRequest(asAdmin(event("list-personas.json")), null);
        assertThat(json(admin).path("creatorId").asText()).isEqualTo("default");
        assertThat(json(admin).path("personas").findValuesAsText("id")).containsExactly("plain");
        assertError(list.handleRequest(asUser(event("list-personas.json"), "u1"), null), 403, "creator");
        assertError(list.handleRequest(withClaims(event("list-personas.json"), null), null), 401, "token");
    }

    @Test
    void badQueriesAre400sNamingTheParameter() {
        APIGatewayV2HTTPEvent creator = asCreator(event("list-personas.json"), "sleep-coach");
        assertError(list.handleRequest(query(creator, Map.of("nextToken", "not-a-token!")), null), 400, "'nextToken'");
        assertError(list.handleRequest(query(event("list-personas.json"), Map.of("limit", "0")), null), 400, "'limit'");
        assertError(list.handleRequest(query(event("list-personas.json"), Map.of("limit", "101")), null), 400, "'limit'");
        assertError(list.handleRequest(query(event("list-personas.json"), Map.of("limit", "ten")), null), 400, "'limit'");
        assertError(list.handleRequest(query(asAdmin(event("list-personas.json")), Map.of("creatorId", "a#b")), null),
                400, "'creatorId'");
    }

    private static APIGatewayV2HTTPEvent query(APIGatewayV2HTTPEvent event, Map<String, String> parameters) {
        Map<String, String> all = new HashMap<>(parameters);
        event.setQueryStringParameters(all);
        return event;
    }
}
