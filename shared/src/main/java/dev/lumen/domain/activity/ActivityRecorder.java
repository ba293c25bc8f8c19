package dev.lumen.domain.activity;

import dev.lumen.domain.chat.ChatSafety;
import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.knowledge.DocumentRepository;
import dev.lumen.domain.knowledge.DocumentStatus;
import dev.lumen.domain.knowledge.IngestRequested;
import dev.lumen.domain.knowledge.KnowledgeDocument;
import dev.lumen.domain.memory.InteractionRecorded;
import dev.lumen.domain.model.FallbackChatModel;
import dev.lumen.domain.usage.ModelPrices;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the activity feed from the workers: one {@link ActivityKind#CHAT_TURN} per interaction
 * (the interaction worker), one {@link ActivityKind#DOCUMENT_INGESTED} per settled document revision
 * (the ingest worker). Both are keyed by what identifies the event (the interaction id; the
 * creator, document and revision), with the event's own time, so a redelivery records nothing new.
 *
 * <p>The feed carries figures and ids, never message text: texts stay in the conversation store,
 * where retention and erasure apply; the Guardian reads them from there by id.
 */
public final class ActivityRecorder {
    public static final String CHAT_ROUTE = "POST /api/chat";
    public static final String INGEST_ROUTE = "ingest-worker";
    /** CHAT_TURN: the user's message id (the entry's id is the reply's). */
    public static final String USER_MESSAGE_ID = "userMessageId";
    /** CHAT_TURN: {@code true} when Lumen answered itself (crisis lines, refused injection): no model call. */
    public static final String SAFETY_REPLY = "safetyReply";
    /** DOCUMENT_INGESTED: the document, its revision, its chunk count and how many were quarantined. */
    public static final String DOCUMENT_ID = "documentId";
    public static final String REVISION = "revision";
    public static final String CHUNKS = "chunks";
    public static final String QUARANTINED = "quarantined";
    public static final String STATUS = "status";

    private final ActivityFeed feed;
    private final ModelPrices prices;
    private final DocumentRepository documents;

    public ActivityRecorder(ActivityFeed feed, ModelPrices prices, DocumentRepository documents) {
        this.feed = feed;
        this.prices = prices;
        this.documents = documents;
    }

    /** Records a chat turn: model, latency, tokens, cost, and whether it degraded to the fallback reply. */
    public void recordTurn(InteractionRecorded interaction) {
        Usage usage = interaction.usage() == null ? Usage.NONE : interaction.usage();
        Map<String, String> attributes = new HashMap<>();
        if (interaction.userMessageId() != null) {
            attributes.put(USER_MESSAGE_ID, interaction.userMessageId());
        }
        if (ChatSafety.SAFETY_MODEL.equals(interaction.model())) {
            attributes.put(SAFETY_REPLY, "true");
        }
        boolean degraded = FallbackChatModel.DEGRADED_MODEL.equals(interaction.model());
        feed.record(new Activity(interaction.interactionId(), ActivityKind.CHAT_TURN, interaction.occurredAt(),
                interaction.tenant(), interaction.personaId(), interaction.userId(), interaction.sessionId(), CHAT_ROUTE,
                interaction.model(), interaction.latencyMs(), usage.inputTokens(), usage.outputTokens(),
                prices.cost(interaction.model(), usage).doubleValue(), degraded, attributes));
    }

    /**
     * Records the requested revision once it has settled (indexed or failed). Called after every
     * delivery, whatever it did: a redelivery that finds the revision already indexed records the
     * same entry again, which the feed ignores, so an entry lost to a crash is recorded late, not never.
     *
     * @return whether the revision had settled
     */
    public boolean recordIngestion(IngestRequested request) {
        Optional<KnowledgeDocument> found = documents.find(request.creatorId(), request.documentId());
        if (found.isEmpty() || found.get().revision() != request.revision()
                || (found.get().status() != DocumentStatus.INDEXED && found.get().status() != DocumentStatus.FAILED)) {
            return false;
        }
        KnowledgeDocument document = found.get();
        Map<String, String> attributes = Map.of(DOCUMENT_ID, document.documentId(),
                REVISION, Integer.toString(document.revision()), CHUNKS, Integer.toString(document.chunksTotal()),
                QUARANTINED, Integer.toString(document.quarantinedChunks()), STATUS, document.status().name());
        feed.record(new Activity("ingest:" + document.creatorId() + ":" + document.documentId() + ":" + document.revision(),
                ActivityKind.DOCUMENT_INGESTED, document.updatedAt(), document.creatorId(), null, null, null,
                INGEST_ROUTE, "", 0, 0, 0, 0, document.status() == DocumentStatus.FAILED, attributes));
        return true;
    }
}
