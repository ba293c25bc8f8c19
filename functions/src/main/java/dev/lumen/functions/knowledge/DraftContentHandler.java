package dev.lumen.functions.knowledge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.knowledge.ContentDrafts;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.http.JsonBody;
import dev.lumen.functions.priming.Priming;

/**
 * {@code POST /api/creators/{creatorId}/content} with
 * {@code {contentType, topic, audience?, length?: short|medium|long, objectives?: []}}: a draft in
 * the creator's voice, citing the passages of their documents it draws on.
 */
public final class DraftContentHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ContentDrafts drafts;

    public DraftContentHandler() {
        this(Components.instance().contentDrafts());
        Priming.register(this);
    }

    DraftContentHandler(ContentDrafts drafts) {
        this.drafts = drafts;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            String creatorId = ApiExchange.pathParameter(event, "creatorId");
            Access.caller(event).requireCreator(creatorId);
            JsonBody body = JsonBody.of(event).allowOnly("contentType", "topic", "audience", "length", "objectives");
            return ApiResult.ok(drafts.draft(creatorId, body.requiredString("contentType"), body.requiredString("topic"),
                    body.optionalString("audience"), body.optionalString("length"), body.optionalStrings("objectives")));
        });
    }
}
