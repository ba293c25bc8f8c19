package dev.lumen.domain.activity;

/** What happened, as the agents read it back. */
public enum ActivityKind {
    /** One chat turn (route {@code POST /api/chat}). */
    CHAT_TURN,
    /** A grounded knowledge answer or a content draft. */
    KNOWLEDGE_ANSWER,
    /** A document ingested into a creator's knowledge base. */
    DOCUMENT_INGESTED,
    /**
     * A user's rating of an assistant message (route {@code POST /api/messages/{messageId}/feedback}),
     * attributes {@code messageId}, {@code rating} (1..5); the entry's model and persona are the
     * rated message's. One entry per message: a re-rating replaces it.
     */
    FEEDBACK
}
