package dev.lumen.functions.proposal;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.proposal.Proposals;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.http.Caller;
import dev.lumen.functions.priming.Priming;

/**
 * {@code POST /api/proposals/{proposalId}/approve} with {@code {reason?}} (admins; the body may be
 * empty): the proposal, approved by the caller. A trait adjustment is applied at once and comes back
 * {@code APPLIED} (or {@code APPROVED} with {@code applyFailure} when its persona or trait is gone).
 * 404 for an unknown id, 409 when it is not pending.
 */
public final class ApproveProposalHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final Proposals proposals;

    public ApproveProposalHandler() {
        this(Components.instance().proposals());
        Priming.register(this);
    }

    ApproveProposalHandler(Proposals proposals) {
        this.proposals = proposals;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            Caller caller = Access.caller(event);
            caller.requireAdmin();
            String proposalId = ApiExchange.pathParameter(event, "proposalId");
            String reason = ReviewBody.reason(event);
            return ApiResult.ok(ProposalView.of(proposals.approve(proposalId, caller.userId(), reason)));
        });
    }
}
