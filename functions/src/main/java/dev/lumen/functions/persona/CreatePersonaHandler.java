package dev.lumen.functions.persona;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.persona.NewPersona;
import dev.lumen.domain.persona.PersonaService;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.Caller;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.http.JsonBody;
import dev.lumen.functions.priming.Primers;
import dev.lumen.functions.priming.Priming;

/** {@code POST /api/personas}: creates a persona with its own traits (201). */
public final class CreatePersonaHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final PersonaService personas;

    public CreatePersonaHandler() {
        this(Components.instance().personas());
        Priming.register(this, Primers::persona);
    }

    CreatePersonaHandler(PersonaService personas) {
        this.personas = personas;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            Caller caller = Access.caller(event);
            JsonBody body = JsonBody.of(event).allowOnly("id", "name", "description", "creatorId", "traits");
            var traits = body.optionalObjects("traits").stream()
                    .map(t -> t.allowOnly("id", "name", "description", "intensity"))
                    .map(t -> new NewPersona.NewTrait(t.optionalString("id"), t.requiredString("name"),
                            t.optionalString("description"), t.requiredNumber("intensity")))
                    .toList();
            return ApiResult.created(personas.create(new NewPersona(body.optionalString("id"), body.requiredString("name"),
                    body.optionalString("description"), caller.owningCreator(body.optionalString("creatorId")), traits)));
        });
    }
}
