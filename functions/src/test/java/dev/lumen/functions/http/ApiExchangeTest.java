package dev.lumen.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.error.ConflictException;
import dev.lumen.domain.error.NotFoundException;
import dev.lumen.domain.error.UnavailableException;
import dev.lumen.domain.error.UnprocessableContentException;
import dev.lumen.domain.error.ValidationException;
import org.junit.jupiter.api.Test;

class ApiExchangeTest {

    @Test
    void eachDomainFailureHasItsStatusAndAJsonErrorNamingIt() {
        assertThat(respond(new ValidationException("missing_field", "'x' is required")).getStatusCode()).isEqualTo(400);
        assertThat(respond(new NotFoundException("persona_not_found", "no such persona")).getStatusCode()).isEqualTo(404);
        assertThat(respond(new ConflictException("persona_exists", "taken")).getStatusCode()).isEqualTo(409);
        APIGatewayV2HTTPResponse unreadable = respond(new UnprocessableContentException("unreadable_pdf", "the PDF cannot be read"));
        assertThat(unreadable.getStatusCode()).isEqualTo(422);
        assertThat(unreadable.getBody()).contains("\"code\":\"unreadable_pdf\"", "the PDF cannot be read");
        assertThat(respond(new UnavailableException("model_unavailable", "down", null)).getStatusCode()).isEqualTo(503);
    }

    @Test
    void anUnexpectedFailureIsA500WithoutItsDetails() {
        APIGatewayV2HTTPResponse response = respond(new IllegalStateException("secret internals"));
        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getBody()).contains("internal_error").doesNotContain("secret internals");
    }

    private static APIGatewayV2HTTPResponse respond(RuntimeException failure) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey("GET /test");
        return ApiExchange.run(event, null, () -> {
            throw failure;
        });
    }
}
