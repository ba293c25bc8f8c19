package dev.lumen.functions.knowledge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.error.ValidationException;
import dev.lumen.domain.knowledge.ContentType;
import dev.lumen.domain.knowledge.KnowledgeBase;
import dev.lumen.domain.knowledge.KnowledgeDocument;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.http.JsonBody;
import dev.lumen.functions.priming.Priming;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /api/creators/{creatorId}/documents}: uploads a document for indexing, answering
 * {@code 202 {documentId, status: "PENDING", revision}}. Either a JSON body
 * {@code {documentId?, title, content, contentType: text|markdown|html, metadata?}}, or the raw
 * document with its own {@code content-type} (text/plain, text/markdown, text/html,
 * application/pdf) and {@code ?title=&documentId=} in the query string.
 */
public final class SubmitDocumentHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final KnowledgeBase knowledge;

    public SubmitDocumentHandler() {
        this(Components.instance().knowledgeBase());
        Priming.register(this);
    }

    SubmitDocumentHandler(KnowledgeBase knowledge) {
        this.knowledge = knowledge;
    }

    /** The largest upload plus room for a JSON envelope; {@link KnowledgeBase} checks the document itself. */
    static final int MAX_BODY_BYTES = KnowledgeBase.MAX_UPLOAD_BYTES + ApiExchange.DEFAULT_MAX_BODY_BYTES;

    record Accepted(String documentId, String status, int revision) {
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, MAX_BODY_BYTES, () -> {
            String creatorId = ApiExchange.pathParameter(event, "creatorId");
            Access.caller(event).requireCreator(creatorId);
            String mediaType = mediaType(ApiExchange.header(event, "content-type"));
            KnowledgeDocument document;
            if (mediaType.equals("application/json")) {
                JsonBody body = JsonBody.of(event).allowOnly("documentId", "title", "content", "contentType", "metadata");
                ContentType type = ContentType.parse(body.optionalString("contentType") == null ? "text"
                        : body.requiredString("contentType"));
                if (type == ContentType.PDF) {
                    throw new ValidationException("invalid_content_type",
                            "send a PDF as the raw body with content-type application/pdf, not inside JSON");
                }
                document = knowledge.submit(creatorId, body.optionalString("documentId"), body.requiredString("title"),
                        type, body.optionalStringMap("metadata"),
                        body.requiredString("content").getBytes(StandardCharsets.UTF_8));
            } else {
                document = knowledge.submit(creatorId, ApiExchange.queryParameter(event, "documentId"),
                        ApiExchange.queryParameter(event, "title"), ContentType.parse(mediaType), Map.of(),
                        ApiExchange.bodyBytes(event));
            }
            return ApiResult.accepted(new Accepted(document.documentId(), document.status().name(), document.revision()));
        });
    }

    /** The media type without parameters, lower case; JSON when the client sent none. */
    private static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return "application/json";
        }
        return contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }
}
