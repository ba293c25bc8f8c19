package dev.lumen.adapter.bedrock;

import dev.lumen.domain.chat.ChatModel;
import dev.lumen.domain.chat.ModelReply;
import dev.lumen.domain.chat.ModelRequest;
import dev.lumen.domain.chat.Role;
import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.error.UnavailableException;
import dev.lumen.domain.model.ModelCallException;
import dev.lumen.domain.model.ModelFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;

/**
 * {@link ChatModel} on Bedrock Runtime's Converse API, which speaks one request shape for every
 * chat model Bedrock hosts. A failure becomes a {@link ModelCallException} (an
 * {@link UnavailableException}) that says what kind it was, so the fallback chain can decide to
 * retry or move on. Retries are the client's (see {@link BedrockClients#create}) or, for chat,
 * the chain's over a client without retries ({@link BedrockClients#createWithoutRetries}).
 */
public final class BedrockChatModel implements ChatModel {
    private static final Logger log = LoggerFactory.getLogger(BedrockChatModel.class);
    private static final String TURN_SEPARATOR = "\n\n";

    private final BedrockRuntimeClient client;
    private final String modelId;

    public BedrockChatModel(BedrockRuntimeClient client, String modelId) {
        this.client = Objects.requireNonNull(client, "client");
        if (modelId == null || modelId.isBlank()) {
            throw new IllegalArgumentException("a Bedrock model id is required");
        }
        this.modelId = modelId;
    }

    @Override
    public ModelReply reply(ModelRequest request) {
        ConverseRequest converse = ConverseRequest.builder()
                .modelId(modelId)
                .system(SystemContentBlock.fromText(request.systemPrompt()))
                .messages(conversation(request.history(), request.userMessage()))
                .inferenceConfig(config -> config.maxTokens(request.maxTokens()))
                .build();
        ConverseResponse response;
        try {
            response = client.converse(converse);
        } catch (SdkException e) {
            logFailure(e);
            throw new ModelCallException(failureOf(e), modelId, e);
        }
        return toReply(response);
    }

    /**
     * The history then the new message as Converse messages. Converse rejects a conversation that
     * does not start with the user or does not alternate roles; stored history can break both
     * (the window of the last N messages may start on a reply, a failed turn may leave two user
     * messages in a row), so a leading reply is dropped and same-role neighbours are merged
     * instead of failing the user's chat. Blank texts are skipped: Converse rejects empty blocks.
     */
    static List<Message> conversation(List<ModelRequest.Turn> history, String userMessage) {
        List<ModelRequest.Turn> turns = new ArrayList<>(history.size() + 1);
        turns.addAll(history);
        turns.add(new ModelRequest.Turn(Role.USER, userMessage));

        List<Role> roles = new ArrayList<>();
        List<StringBuilder> texts = new ArrayList<>();
        for (ModelRequest.Turn turn : turns) {
            if (turn.text() == null || turn.text().isBlank()) {
                continue;
            }
            if (roles.isEmpty() && turn.role() != Role.USER) {
                continue;
            }
            int last = roles.size() - 1;
            if (last >= 0 && roles.get(last) == turn.role()) {
                texts.get(last).append(TURN_SEPARATOR).append(turn.text());
            } else {
                roles.add(turn.role());
                texts.add(new StringBuilder(turn.text()));
            }
        }

        List<Message> messages = new ArrayList<>(roles.size());
        for (int i = 0; i < roles.size(); i++) {
            messages.add(Message.builder()
                    .role(roles.get(i) == Role.USER ? ConversationRole.USER : ConversationRole.ASSISTANT)
                    .content(ContentBlock.fromText(texts.get(i).toString()))
                    .build());
        }
        return messages;
    }

    private ModelReply toReply(ConverseResponse response) {
        if (response.output() == null || response.output().message() == null) {
            // A 200 without an output message is a broken response, not an empty answer.
            log.atWarn()
                    .addKeyValue("modelId", modelId)
                    .addKeyValue("stopReason", response.stopReasonAsString())
                    .log("Bedrock Converse returned no output message");
            throw new ModelCallException(ModelFailure.MALFORMED, modelId, null);
        }
        // Models may add non-text blocks (reasoning, tool use); the reply is the text ones.
        String text = response.output().message().content().stream()
                .map(ContentBlock::text)
                .filter(Objects::nonNull)
                .collect(Collectors.joining("\n"));
        TokenUsage tokens = response.usage();
        Usage usage = tokens == null ? Usage.NONE
                : new Usage(orZero(tokens.inputTokens()), orZero(tokens.outputTokens()));
        String stopReason = response.stopReasonAsString();
        log.atDebug()
                .addKeyValue("modelId", modelId)
                .addKeyValue("inputTokens", usage.inputTokens())
                .addKeyValue("outputTokens", usage.outputTokens())
                .addKeyValue("stopReason", stopReason)
                .log("Bedrock Converse replied");
        return new ModelReply(text, modelId, usage, stopReason);
    }

    private void logFailure(SdkException e) {
        if (isConfigurationError(e)) {
            // Not the caller's fault and not transient: an operator must fix the model id,
            // region, model access or IAM policy. Logged here, with the cause, because only this
            // adapter knows it; the caller just sees the model as unavailable.
            log.atError()
                    .setCause(e)
                    .addKeyValue("modelId", modelId)
                    .addKeyValue("status", statusOf(e))
                    .addKeyValue("errorCode", errorCodeOf(e))
                    .addKeyValue("requestId", requestIdOf(e))
                    .log("Bedrock rejected the chat request; check the model id, region and permissions");
        } else {
            // Transient (throttling, 5xx, timeout, unreadable body) and already retried. The
            // cause travels inside the UnavailableException for whoever reports it.
            log.atWarn()
                    .addKeyValue("modelId", modelId)
                    .addKeyValue("status", statusOf(e))
                    .addKeyValue("errorCode", errorCodeOf(e))
                    .addKeyValue("requestId", requestIdOf(e))
                    .addKeyValue("attempts", e.numAttempts())
                    .log("Bedrock chat call failed");
        }
    }

    /**
     * What kind of failure an SDK exception is, for the fallback chain: throttling and quota
     * (429, or a throttling error code), server errors (5xx, a broken connection), timeouts (the
     * client's call or attempt timeout, a socket read timeout), unreadable answers (the response
     * could not be unmarshalled) and rejections (400/401/403/404: configuration, not transient).
     */
    static ModelFailure failureOf(SdkException e) {
        if (e instanceof AwsServiceException service) {
            if (e instanceof ServiceQuotaExceededException || service.isThrottlingException()
                    || service.statusCode() == 429) {
                return ModelFailure.THROTTLED;
            }
            if (isConfigurationError(e)) {
                return ModelFailure.REJECTED;
            }
            if (service.statusCode() >= 500) {
                return ModelFailure.SERVER_ERROR;
            }
            return ModelFailure.REJECTED;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException
                    || t instanceof java.net.SocketTimeoutException || t instanceof java.net.http.HttpTimeoutException) {
                return ModelFailure.TIMEOUT;
            }
            String name = t.getClass().getName();
            if (name.contains("JsonParse") || name.contains("JsonEOF") || name.contains("Unmarshall")
                    || (t.getMessage() != null && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("unmarshall"))) {
                return ModelFailure.MALFORMED;
            }
        }
        return ModelFailure.SERVER_ERROR;
    }

    /**
     * Errors that retrying cannot fix: the request or the configuration is wrong (400 validation,
     * 401/403 credentials or model access, 404 unknown model). A quota error is also a 400 but
     * clears on its own, so it counts as transient.
     */
    static boolean isConfigurationError(SdkException e) {
        if (!(e instanceof AwsServiceException service) || e instanceof ServiceQuotaExceededException) {
            return false;
        }
        int status = service.statusCode();
        return status == 400 || status == 401 || status == 403 || status == 404;
    }

    static Integer statusOf(SdkException e) {
        return e instanceof AwsServiceException service ? service.statusCode() : null;
    }

    static String errorCodeOf(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return service.awsErrorDetails().errorCode();
        }
        return e.getClass().getSimpleName();
    }

    static String requestIdOf(SdkException e) {
        return e instanceof AwsServiceException service ? service.requestId() : null;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
