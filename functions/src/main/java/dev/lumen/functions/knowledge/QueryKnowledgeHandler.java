package dev.lumen.functions.knowledge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.knowledge.KnowledgeQuery;
import dev.lumen.domain.knowledge.SearchMode;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.http.JsonBody;
import dev.lumen.functions.priming.Priming;

/**
 * {@code POST /api/creators/{creatorId}/query} with
 * {@code {query, k?: 1..50 (5), filter?: {metadata…}, mode?: dense|lexical|hybrid (hybrid), answer?: bool}}:
 * the creator's best chunks with scores and, when {@code answer}, a cited answer.
 */
public final class QueryKnowledgeHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final int DEFAULT_K = 5;
    private final KnowledgeQuery knowledge;

    public QueryKnowledgeHandler() {
        this(Components.instance().knowledgeQuery());
        Priming.register(this);
    }

    QueryKnowledgeHandler(KnowledgeQuery knowledge) {
        this.knowledge = knowledge;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            String creatorId = ApiExchange.pathParameter(event, "creatorId");
            Access.caller(event).requireCreator(creatorId);
            JsonBody body = JsonBody.of(event).allowOnly("query", "k", "filter", "mode", "answer");
            return ApiResult.ok(knowledge.query(creatorId, body.requiredString("query"),
                    body.optionalInt("k", DEFAULT_K, 1, KnowledgeQuery.MAX_K), body.optionalStringMap("filter"),
                    SearchMode.parse(body.optionalString("mode")), body.optionalBoolean("answer", false)));
        });
    }
}
