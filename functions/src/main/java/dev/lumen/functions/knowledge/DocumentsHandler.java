package dev.lumen.functions.knowledge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.knowledge.KnowledgeBase;
import dev.lumen.domain.knowledge.KnowledgeDocument;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.priming.Priming;
import java.util.List;

/**
 * The document routes that read or remove, one function for the three:
 * {@code GET /api/creators/{creatorId}/documents} (status, progress and chunk counts, newest first),
 * {@code GET …/documents/{documentId}} and {@code DELETE …/documents/{documentId}} (its chunks,
 * content and record).
 */
public final class DocumentsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final KnowledgeBase knowledge;

    public DocumentsHandler() {
        this(Components.instance().knowledgeBase());
        Priming.register(this);
    }

    DocumentsHandler(KnowledgeBase knowledge) {
        this.knowledge = knowledge;
    }

    record Documents(String creatorId, List<KnowledgeDocument> documents) {
    }

    record Deleted(String creatorId, String documentId, boolean deleted) {
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            String creatorId = ApiExchange.pathParameter(event, "creatorId");
            Access.caller(event).requireCreator(creatorId);
            boolean one = event.getPathParameters() != null && event.getPathParameters().containsKey("documentId");
            if (!one) {
                return ApiResult.ok(new Documents(creatorId, knowledge.list(creatorId)));
            }
            String documentId = ApiExchange.pathParameter(event, "documentId");
            if ("DELETE".equals(event.getRequestContext().getHttp().getMethod())) {
                knowledge.delete(creatorId, documentId);
                return ApiResult.ok(new Deleted(creatorId, documentId, true));
            }
            return ApiResult.ok(knowledge.get(creatorId, documentId));
        });
    }
}
