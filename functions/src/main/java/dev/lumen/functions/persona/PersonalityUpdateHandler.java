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
import dev.lumen.functions.http.Caller;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.http.JsonBody;
import dev.lumen.domain.persona.Trait;
import dev.lumen.functions.priming.Primers;
import dev.lumen.functions.priming.Priming;

/**
 * {@code PUT /api/personality} with {@code {personaId, traitId, action, intensity}}: the original
 * design's form of a trait update, kept for its clients. Answers {@code {success, trait}}.
 */
public final class PersonalityUpdateHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final PersonaService personas;

    public PersonalityUpdateHandler() {
        this(Components.instance().personas());
        Priming.register(this, Primers::persona);
    }

    /** The original design's answer shape. */
    record Result(boolean success, Trait trait) {
    }

    PersonalityUpdateHandler(PersonaService personas) {
        this.personas = personas;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            Caller caller = Access.caller(event);
            JsonBody body = JsonBody.of(event).allowOnly("personaId", "traitId", "action", "intensity", "actor");
            caller.requireCreator(personas.load(body.requiredString("personaId")).creatorId());
            TraitUpdate update = new TraitUpdate(body.requiredString("personaId"), body.requiredString("traitId"),
                    TraitAction.parse(body.requiredString("action")), body.requiredNumber("intensity"),
                    body.optionalString("actor"));
            return ApiResult.ok(new Result(true, personas.updateTrait(update)));
        });
    }
}
