package dev.lumen.domain.usage;

import dev.lumen.domain.chat.ChatModel;
import dev.lumen.domain.chat.ModelReply;
import dev.lumen.domain.chat.ModelRequest;
import dev.lumen.domain.error.BudgetExceededException;
import dev.lumen.domain.model.FallbackChatModel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model agents work with (custody examinations, rubric grading, Sandbox's experiments,
 * knowledge-transfer measurements), metered: each call inside an {@link AgentCallScope} is priced
 * and recorded in the {@link UsageLedger} under {@link Account.Kind#AGENT} and the agent's slug,
 * per UTC day and month, once per receipt id (see {@link AgentCallScope}), so a redelivered run
 * is not counted twice. A full examination is some 40 calls of a few thousand input tokens each:
 * without this, in AWS their cost shows on the Bedrock bill and nowhere in Lumen.
 *
 * <p>With a daily budget per agent, a call is refused once the agent's spending today (UTC) has
 * reached it: {@link BudgetExceededException} before the model is called, so nothing more is spent.
 * The run that made the call then ends as its errors do (an examination or an experiment FAILED,
 * Imperium's cycle PARTIAL with its other findings kept). Like the user budgets this reads the
 * ledger before each call, so it can overshoot by at most the one call in flight.
 *
 * <p>Recording is best effort, as for {@link UsageMeter}: the model has answered, and the agent's
 * work goes on if the ledger cannot be written (logged with the call's figures). A call outside
 * any agent's work is passed through unrecorded (nothing in Lumen makes one; logged).
 */
public final class AgentModelMeter implements ChatModel {
    private static final Logger LOG = LoggerFactory.getLogger(AgentModelMeter.class);

    private final ChatModel model;
    private final UsageLedger ledger;
    private final ModelPrices prices;
    private final BigDecimal dailyBudget;
    private final Clock clock;

    /**
     * @param dailyBudget USD per agent per UTC day; null or zero is unlimited
     */
    public AgentModelMeter(ChatModel model, UsageLedger ledger, ModelPrices prices, BigDecimal dailyBudget, Clock clock) {
        this.model = Objects.requireNonNull(model, "model");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.prices = Objects.requireNonNull(prices, "prices");
        if (dailyBudget != null && dailyBudget.signum() < 0) {
            throw new IllegalArgumentException("a budget cannot be negative: " + dailyBudget);
        }
        this.dailyBudget = dailyBudget == null || dailyBudget.signum() == 0 ? null : dailyBudget;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ModelReply reply(ModelRequest request) {
        AgentCallScope scope = AgentCallScope.current();
        if (scope == null) {
            LOG.atWarn().addKeyValue("task", request.task()).log("agent model called outside agent work: not metered");
            return model.reply(request);
        }
        checkBudget(scope.agent());
        String receipt = scope.nextReceipt(purpose(request.task()));
        ModelReply reply = model.reply(request);
        record(scope, receipt, reply);
        return reply;
    }

    /** What a call is for, in its receipt id: {@code answer} (an examination answer), {@code grade}, … */
    static String purpose(ModelRequest.Task task) {
        return switch (task) {
            case EXAMINATION -> "answer";
            case GRADE -> "grade";
            default -> task.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private void checkBudget(String agent) {
        if (dailyBudget == null) {
            return;
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        BigDecimal spent = ledger.day(Account.agent(agent), today).costUsd();
        if (spent.compareTo(dailyBudget) >= 0) {
            Instant resetsAt = today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            throw new BudgetExceededException("the daily budget of $" + usd(dailyBudget) + " for agent '" + agent
                    + "' is reached ($" + usd(spent) + " spent today); no more model calls until " + resetsAt,
                    resetsAt, Duration.between(now, resetsAt));
        }
    }

    private void record(AgentCallScope scope, String receipt, ModelReply reply) {
        if (FallbackChatModel.DEGRADED_MODEL.equals(reply.model())) {
            return; // the graceful reply given when no model answered: nothing was called
        }
        try {
            ledger.record(ChargedCall.forAgent(receipt, scope.agent(), reply.model(), reply.usage(),
                    prices.cost(reply.model(), reply.usage()), clock.instant()));
        } catch (RuntimeException e) {
            LOG.atWarn().setCause(e).addKeyValue("receipt", receipt).addKeyValue("agent", scope.agent())
                    .addKeyValue("model", reply.model())
                    .addKeyValue("inputTokens", reply.usage() == null ? 0 : reply.usage().inputTokens())
                    .addKeyValue("outputTokens", reply.usage() == null ? 0 : reply.usage().outputTokens())
                    .log("agent model usage could not be recorded");
        }
    }

    private static String usd(BigDecimal amount) {
        return amount.setScale(Math.max(2, amount.stripTrailingZeros().scale()), RoundingMode.UNNECESSARY).toPlainString();
    }
}
