package dev.lumen.functions.proposal;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.lumen.functions.http.JsonBody;

/** What the approve and reject routes share: the optional body {@code {reason}}. */
final class ReviewBody {

    private ReviewBody() {
    }

    /** The body's {@code reason}; an empty body gives none. Any other field is a 400 naming it. */
    static String reason(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        JsonBody fields = (body == null || body.isBlank() ? JsonBody.parse("{}") : JsonBody.of(event)).allowOnly("reason");
        return fields.optionalString("reason");
    }
}
