package dev.lumen.functions.persona;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.persona.Persona;
import dev.lumen.domain.persona.PersonaPage;
import dev.lumen.domain.persona.PersonaService;
import dev.lumen.domain.persona.PersonaSummary;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.http.Caller;
import dev.lumen.functions.priming.Primers;
import dev.lumen.functions.priming.Priming;
import java.util.List;

/**
 * {@code GET /api/personas?creatorId=&limit=&nextToken=}: the caller's personas, newest first
 * (limit 1..100, default 20). A creator lists its own; only an admin may name another creator
 * (without one, an admin lists {@code default}'s, where personas created without a creator go).
 */
public final class ListPersonasHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final int DEFAULT_LIMIT = 20;

    private final PersonaService personas;

    public ListPersonasHandler() {
        this(Components.instance().personas());
        Priming.register(this, Primers::personaList);
    }

    ListPersonasHandler(PersonaService personas) {
        this.personas = personas;
    }

    /** {@code nextToken} is left out on the last page. */
    record Listed(String creatorId, List<PersonaSummary> personas, String nextToken) {
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            Caller caller = Access.caller(event);
            String requested = ApiExchange.queryParameter(event, "creatorId");
            if (requested != null) {
                dev.lumen.domain.Ids.require("creatorId", requested);
            }
            String owner = caller.owningCreator(requested);
            String creatorId = owner == null ? Persona.DEFAULT_CREATOR : owner;
            int limit = ApiExchange.intQueryParameter(event, "limit", DEFAULT_LIMIT, 1, PersonaService.MAX_LIST);
            PersonaPage page = personas.list(creatorId, limit, ApiExchange.queryParameter(event, "nextToken"));
            return ApiResult.ok(new Listed(creatorId, page.personas(), page.next() == null ? null : page.next().encode()));
        });
    }
}
