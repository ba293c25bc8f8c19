package dev.lumen.functions.persona;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.persona.PersonaService;
import dev.lumen.domain.persona.TraitAction;
import dev.lumen.domain.persona.TraitUpdate;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.http.JsonBody;
import dev.lumen.functions.priming.Primers;
import dev.lumen.functions.priming.Priming;

/** {@code PUT /api/personas/{personaId}/traits/{traitId}} with {@code {action, intensity}}: the trait after the update. */
public final class TraitUpdateHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final PersonaService personas;

    public TraitUpdateHandler() {
        this(Components.instance().personas());
        Priming.register(this, Primers::persona);
    }

    TraitUpdateHandler(PersonaService personas) {
        this.personas = personas;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            Access.caller(event).requireCreator(personas.load(ApiExchange.pathParameter(event, "personaId")).creatorId());
            JsonBody body = JsonBody.of(event).allowOnly("action", "intensity", "actor");
            TraitUpdate update = new TraitUpdate(ApiExchange.pathParameter(event, "personaId"),
                    ApiExchange.pathParameter(event, "traitId"), TraitAction.parse(body.requiredString("action")),
                    body.requiredNumber("intensity"), body.optionalString("actor"));
            return ApiResult.ok(personas.updateTrait(update));
        });
    }
}
