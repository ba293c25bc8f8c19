package dev.lumen.functions.feedback;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.Ids;
import dev.lumen.domain.chat.MessageFeedback;
import dev.lumen.domain.feedback.FeedbackService;
import dev.lumen.domain.feedback.Satisfaction;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.http.Caller;
import dev.lumen.functions.http.JsonBody;
import dev.lumen.functions.priming.Priming;

/**
 * {@code POST /api/messages/{messageId}/feedback} with {@code {rating 1..5, comment?}}: rates an
 * assistant message; rating again replaces the rating. Answers the rating and the user's
 * satisfaction with the persona after it.
 */
public final class FeedbackHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** Stands for "no rating given", so that the use case names the missing field. */
    private static final int ABSENT = Integer.MIN_VALUE;
    private final FeedbackService feedback;

    public FeedbackHandler() {
        this(Components.instance().feedback());
        Priming.register(this);
    }

    FeedbackHandler(FeedbackService feedback) {
        this.feedback = feedback;
    }

    /**
     * @param satisfaction null for an anonymous chat's message
     */
    record FeedbackView(String messageId, String personaId, MessageFeedback feedback, boolean replaced,
                        SatisfactionView satisfaction) {
    }

    record SatisfactionView(String personaId, long ratings, double meanRating) {
        static SatisfactionView of(Satisfaction s) {
            return s == null ? null : new SatisfactionView(s.personaId(), s.ratings(), Math.round(s.mean() * 100) / 100.0);
        }
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            Caller caller = Access.caller(event);
            String messageId = Ids.require("messageId", ApiExchange.pathParameter(event, "messageId"));
            JsonBody body = JsonBody.of(event).allowOnly("rating", "comment");
            int rating = body.optionalInt("rating", ABSENT, 1, 5);
            String comment = body.optionalString("comment");
            FeedbackService.Result result = feedback.rate(new FeedbackService.Rater(caller.userId(), caller.isAdmin()),
                    messageId, rating == ABSENT ? null : rating, comment);
            return ApiResult.ok(new FeedbackView(result.message().messageId(), result.message().personaId(),
                    result.feedback(), result.replaced(), SatisfactionView.of(result.satisfaction())));
        });
    }
}
