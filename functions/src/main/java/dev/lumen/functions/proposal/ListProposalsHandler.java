package dev.lumen.functions.proposal;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.error.ValidationException;
import dev.lumen.domain.proposal.ProposalStatus;
import dev.lumen.domain.proposal.Proposals;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.priming.Priming;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code GET /api/proposals?status=&agent=&limit=} (admins): agents' proposals, newest first;
 * {@code status} one of pending, approved, rejected, applied, ineligible (any case; all when absent),
 * {@code agent} one of imperium, guardian, sandbox, conquest (all when absent), limit 1..100, default 50.
 */
public final class ListProposalsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final int DEFAULT_LIMIT = 50;

    private final Proposals proposals;

    public ListProposalsHandler() {
        this(Components.instance().proposals());
        Priming.register(this);
    }

    ListProposalsHandler(Proposals proposals) {
        this.proposals = proposals;
    }

    record Listed(String status, String agent, List<ProposalView> proposals) {
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            Access.caller(event).requireAdmin();
            ProposalStatus status = status(ApiExchange.queryParameter(event, "status"));
            String agentText = ApiExchange.queryParameter(event, "agent");
            AgentType agent = agentText == null || agentText.isBlank() ? null : AgentType.parse("agent", agentText);
            int limit = ApiExchange.intQueryParameter(event, "limit", DEFAULT_LIMIT, 1, Proposals.MAX_LIST);
            return ApiResult.ok(new Listed(status == null ? null : status.name(), agent == null ? null : agent.slug(),
                    proposals.list(status, agent, limit).stream().map(ProposalView::of).toList()));
        });
    }

    private static ProposalStatus status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (ProposalStatus status : ProposalStatus.values()) {
            if (status.name().equalsIgnoreCase(value.strip())) {
                return status;
            }
        }
        throw new ValidationException("invalid_status", "'status' must be one of " + Arrays.stream(ProposalStatus.values())
                .map(s -> s.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }
}
