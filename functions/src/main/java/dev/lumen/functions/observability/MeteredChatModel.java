package dev.lumen.functions.observability;

import dev.lumen.domain.chat.ChatModel;
import dev.lumen.domain.chat.ModelReply;
import dev.lumen.domain.chat.ModelRequest;
import dev.lumen.domain.model.FallbackChatModel;
import dev.lumen.domain.usage.ModelPrices;

/**
 * Meters every model call the container makes (chat, knowledge answers, drafts, trait
 * extraction): tokens and cost per answering model, as {@link Metrics#modelCall}. It wraps the
 * port rather than the use cases, so no call escapes it and the domain stays free of metrics.
 * The graceful reply given when no model answered is not a call and is not counted.
 */
public final class MeteredChatModel implements ChatModel {
    private final ChatModel model;
    private final ModelPrices prices;
    private final Metrics metrics;

    public MeteredChatModel(ChatModel model, ModelPrices prices, Metrics metrics) {
        this.model = model;
        this.prices = prices;
        this.metrics = metrics;
    }

    @Override
    public ModelReply reply(ModelRequest request) {
        ModelReply reply = model.reply(request);
        if (reply != null && reply.usage() != null && !FallbackChatModel.DEGRADED_MODEL.equals(reply.model())) {
            metrics.modelCall(reply.model(), reply.usage().inputTokens(), reply.usage().outputTokens(),
                    prices.cost(reply.model(), reply.usage()));
        }
        return reply;
    }
}
