package dev.lumen.domain.usage;

import dev.lumen.domain.chat.ModelReply;
import dev.lumen.domain.model.FallbackChatModel;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Budgets and accounting around a model call made on a request path (knowledge answers, content
 * drafts) or in a worker (trait extraction): {@link #beforeCall} enforces the budgets,
 * {@link #afterCall} prices the reply and records it. Chat turns are recorded by the interaction
 * worker instead (see {@link UsageAccounting#recordTurn}), off the chat path.
 */
public final class UsageMeter {
    /** Checks nothing and records nothing. */
    public static final UsageMeter NONE = new UsageMeter(Budgets.UNLIMITED, null, null, Clock.systemUTC());
    private static final Logger LOG = LoggerFactory.getLogger(UsageMeter.class);

    private final Budgets budgets;
    private final UsageLedger ledger;
    private final ModelPrices prices;
    private final Clock clock;

    public UsageMeter(Budgets budgets, UsageLedger ledger, ModelPrices prices, Clock clock) {
        this.budgets = budgets;
        this.ledger = ledger;
        this.prices = prices;
        this.clock = clock;
    }

    /**
     * @throws dev.lumen.domain.error.BudgetExceededException when the user's or creator's budget is used up
     */
    public void beforeCall(String userId, String creatorId) {
        budgets.check(userId, creatorId, clock.instant());
    }

    /**
     * Records the call's tokens and cost. Best effort: the model has answered and the caller gets the
     * answer even if the ledger cannot be written (logged, with the call's figures).
     *
     * @param callId unique per call; the same id again is not counted twice
     */
    public void afterCall(String callId, String userId, String personaId, String creatorId, ModelReply reply) {
        if (ledger == null || FallbackChatModel.DEGRADED_MODEL.equals(reply.model())) {
            return;
        }
        Instant now = clock.instant();
        try {
            ledger.record(new ChargedCall(callId, userId, personaId, creatorId, reply.model(), reply.usage(),
                    prices.cost(reply.model(), reply.usage()), now));
        } catch (RuntimeException e) {
            LOG.atWarn().setCause(e).addKeyValue("callId", callId).addKeyValue("creatorId", creatorId)
                    .addKeyValue("model", reply.model()).addKeyValue("inputTokens", reply.usage().inputTokens())
                    .addKeyValue("outputTokens", reply.usage().outputTokens())
                    .log("model usage could not be recorded");
        }
    }
}
