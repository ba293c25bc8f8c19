package dev.lumen.functions.persona;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.persona.PersonaService;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.priming.Primers;
import dev.lumen.functions.priming.Priming;

/** {@code GET /api/personas/{personaId}}: the persona with its effective traits. */
public final class GetPersonaHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final PersonaService personas;

    public GetPersonaHandler() {
        this(Components.instance().personas());
        Priming.register(this, Primers::persona);
    }

    GetPersonaHandler(PersonaService personas) {
        this.personas = personas;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            Access.caller(event);
            return ApiResult.ok(personas.get(ApiExchange.pathParameter(event, "personaId")));
        });
    }
}
