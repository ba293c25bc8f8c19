package dev.lumen.functions.memory;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.memory.MemoryLookup;
import dev.lumen.domain.memory.RecalledMemory;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.Caller;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.priming.Priming;
import java.util.List;

/**
 * {@code GET /api/personas/{personaId}/memories?userId=&q=&k=}: the persona's memories of the user
 * most similar to {@code q}, best first, with similarity scores in [0, 1]. Without {@code userId},
 * the persona's anonymous conversations.
 */
public final class ListMemoriesHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final int DEFAULT_K = 5;
    private final MemoryLookup memories;

    public ListMemoriesHandler() {
        this(Components.instance().memories());
        Priming.register(this);
    }

    ListMemoriesHandler(MemoryLookup memories) {
        this.memories = memories;
    }

    record Memories(String personaId, String userId, String query, List<RecalledMemory> memories) {
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            String personaId = ApiExchange.pathParameter(event, "personaId");
            Caller caller = Access.caller(event);
            String userId = caller.actingUser(ApiExchange.queryParameter(event, "userId"));
            String query = ApiExchange.queryParameter(event, "q");
            int k = ApiExchange.intQueryParameter(event, "k", DEFAULT_K, 1, MemoryLookup.MAX_K);
            return ApiResult.ok(new Memories(personaId, userId, query, memories.search(personaId, userId, query, k)));
        });
    }
}
