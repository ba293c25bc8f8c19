package dev.lumen.functions.persona;

import static dev.lumen.functions.HandlerFixture.event;
import static dev.lumen.functions.HandlerFixture.json;
import static dev.lumen.functions.HandlerFixture.assertError;
import static dev.lumen.functions.HandlerFixture.withBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.functions.HandlerFixture;
import org.junit.jupiter.api.Test;

class PersonaHandlersTest {
    private final HandlerFixture fixture = new HandlerFixture();
    private final CreatePersonaHandler create = new CreatePersonaHandler(fixture.personas);
    private final GetPersonaHandler get = new GetPersonaHandler(fixture.personas);
    private final TraitUpdateHandler traitUpdate = new TraitUpdateHandler(fixture.personas);
    private final PersonalityUpdateHandler personalityUpdate = new PersonalityUpdateHandler(fixture.personas);

    @Test
    void createsThenReadsAPersonaWithEffectiveTraits() {
        // WHEN
        APIGatewayV2HTTPResponse created = create.handleRequest(event("create-persona.json"), null);
        APIGatewayV2HTTPResponse read = get.handleRequest(event("get-persona.json"), null);

        // THEN
        assertThat(created.getStatusCode()).isEqualTo(201);
        assertThat(created.getHeaders()).containsEntry("content-type", "application/json");
        JsonNode persona = json(read);
        assertThat(read.getStatusCode()).isEqualTo(200);
        assertThat(persona.path("id").asText()).isEqualTo("persona-ada");
        assertThat(persona.path("creatorId").asText()).isEqualTo("default");
        assertThat(persona.path("traits").findValuesAsText("id")).contains("empathy", "honesty", "curiosity", "warmth");
        assertThat(json(created)).isEqualTo(persona);
    }

    @Test
    void duplicateCreateIsAConflict() {
        create.handleRequest(event("create-persona.json"), null);
        APIGatewayV2HTTPResponse again = create.handleRequest(event("create-persona.json"), null);
        assertThat(again.getStatusCode()).isEqualTo(409);
        assertThat(json(again).at("/error/code").asText()).isEqualTo("persona_exists");
    }

    @Test
    void badPersonaBodiesAre400sNamingTheField() {
        assertError(create.handleRequest(withBody("create-persona.json", "{\"name\": 42}"), null), 400, "'name'");
        assertError(create.handleRequest(withBody("create-persona.json", "{\"name\":\"X\",\"traits\":{}}"), null), 400, "'traits'");
        assertError(create.handleRequest(withBody("create-persona.json",
                "{\"name\":\"X\",\"traits\":[{\"name\":\"Wit\",\"intensity\":\"high\"}]}"), null), 400, "'intensity'");
        assertError(create.handleRequest(withBody("create-persona.json", "[1,2]"), null), 400, "JSON object");
        assertError(create.handleRequest(withBody("create-persona.json", null), null), 400, "JSON body");
        assertThat(fixture.personaRepository.find("persona-ada")).isEmpty();
    }

    @Test
    void unknownPersonaIs404() {
        assertError(get.handleRequest(event("get-persona.json"), null), 404, "persona-ada");
    }

    @Test
    void traitUpdateReturnsTheTraitAfterTheUpdate() {
        // GIVEN warmth 0.8
        create.handleRequest(event("create-persona.json"), null);

        // WHEN increase 0.1
        APIGatewayV2HTTPResponse response = traitUpdate.handleRequest(event("trait-update.json"), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).path("id").asText()).isEqualTo("warmth");
        assertThat(json(response).path("intensity").asDouble()).isEqualTo(0.9);
        assertThat(fixture.personaRepository.traitHistory("persona-ada", "warmth")).hasSize(1);
    }

    @Test
    void badTraitUpdatesAre400sAndChangeNothing() {
        create.handleRequest(event("create-persona.json"), null);
        assertError(traitUpdate.handleRequest(event("trait-update-out-of-range.json"), null), 400, "intensity");
        assertError(traitUpdate.handleRequest(withBody("trait-update.json", "{\"action\":\"double\",\"intensity\":0.1}"), null),
                400, "increase, decrease, set");
        assertError(traitUpdate.handleRequest(withBody("trait-update.json", "{\"action\":\"set\"}"), null), 400, "'intensity'");
        assertError(traitUpdate.handleRequest(withBody("trait-update.json", "{\"action\":\"set\",\"intensity\":-0.1}"), null),
                400, "intensity");
        assertError(traitUpdate.handleRequest(withBody("trait-update.json", "{not json"), null), 400, "not valid JSON");
        assertThat(fixture.personaRepository.traitHistory("persona-ada", "warmth")).isEmpty();
    }

    @Test
    void personalityFormAnswersSuccessAndTrait() {
        create.handleRequest(event("create-persona.json"), null);
        APIGatewayV2HTTPResponse response = personalityUpdate.handleRequest(event("personality-update.json"), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).path("success").asBoolean()).isTrue();
        assertThat(json(response).at("/trait/intensity").asDouble()).isEqualTo(0.5);
        assertError(personalityUpdate.handleRequest(withBody("personality-update.json",
                "{\"personaId\":\"persona-ada\",\"action\":\"set\",\"intensity\":0.5}"), null), 400, "'traitId'");
    }
}
