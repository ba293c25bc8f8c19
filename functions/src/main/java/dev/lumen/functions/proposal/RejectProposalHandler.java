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
 * {@code POST /api/proposals/{proposalId}/reject} with {@code {reason}} (admins; the reason is
 * required): the proposal, rejected by the caller. 400 without a reason, 404 for an unknown id,
 * 409 when it is not pending.
 */
public final class RejectProposalHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final Proposals proposals;

    public RejectProposalHandler() {
        this(Components.instance().proposals());
        Priming.register(this);
    }

    RejectProposalHandler(Proposals proposals) {
        this.proposals = proposals;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            Caller caller = Access.caller(event);
            caller.requireAdmin();
            String proposalId = ApiExchange.pathParameter(event, "proposalId");
            String reason = ReviewBody.reason(event);
            return ApiResult.ok(ProposalView.of(proposals.reject(proposalId, caller.userId(), reason)));
        });
    }
}
