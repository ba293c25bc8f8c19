package dev.lumen.domain.usage;

import dev.lumen.domain.memory.InteractionRecorded;
import dev.lumen.domain.model.FallbackChatModel;

/**
 * Prices model calls and records them in the {@link UsageLedger}. A chat turn is recorded by the
 * interaction worker under the turn's interaction id, so however often SQS delivers it, it is
 * counted once.
 */
public final class UsageAccounting {
    private final UsageLedger ledger;
    private final ModelPrices prices;

    public UsageAccounting(UsageLedger ledger, ModelPrices prices) {
        this.ledger = ledger;
        this.prices = prices;
    }

    /**
     * Records a chat turn's model call. The graceful reply given when no model answered is not a
     * call and is not recorded.
     *
     * @return false when it was recorded before, or there was no call to record
     */
    public boolean recordTurn(InteractionRecorded interaction) {
        if (FallbackChatModel.DEGRADED_MODEL.equals(interaction.model())) {
            return false;
        }
        return ledger.record(new ChargedCall(interaction.interactionId(), interaction.userId(), interaction.personaId(),
                interaction.tenant(), interaction.model(), interaction.usage(),
                prices.cost(interaction.model(), interaction.usage()), interaction.occurredAt()));
    }
}
