package dev.lumen.domain.activity;

/** What happened, as the agents read it back. */
public enum ActivityKind {
    /** One chat turn (route {@code POST /api/chat}). */
    CHAT_TURN,
    /** A grounded knowledge answer or a content draft. */
    KNOWLEDGE_ANSWER,
    /** A document ingested into a creator's knowledge base. */
    DOCUMENT_INGESTED
}
