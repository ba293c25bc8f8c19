package dev.lumen.functions.knowledge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.knowledge.CreatorProfiles;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.http.JsonBody;
import dev.lumen.functions.priming.Priming;

/**
 * {@code PUT /api/creators/{creatorId}} with {@code {name, expertise?, methodology?, communicationStyle?}}
 * sets the creator's profile; {@code GET} reads it.
 */
public final class CreatorHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final CreatorProfiles creators;

    public CreatorHandler() {
        this(Components.instance().creators());
        Priming.register(this);
    }

    CreatorHandler(CreatorProfiles creators) {
        this.creators = creators;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            String creatorId = ApiExchange.pathParameter(event, "creatorId");
            Access.caller(event).requireCreator(creatorId);
            if ("GET".equals(event.getRequestContext().getHttp().getMethod())) {
                return ApiResult.ok(creators.get(creatorId));
            }
            JsonBody body = JsonBody.of(event).allowOnly("name", "expertise", "methodology", "communicationStyle");
            return ApiResult.ok(creators.put(creatorId, body.requiredString("name"), body.optionalString("expertise"),
                    body.optionalString("methodology"), body.optionalString("communicationStyle")));
        });
    }
}
