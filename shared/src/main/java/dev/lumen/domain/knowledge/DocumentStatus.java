package dev.lumen.domain.knowledge;

/** Where a document is in ingestion: waiting or being indexed, searchable, or given up on (with a reason). */
public enum DocumentStatus { PENDING, INDEXED, FAILED }
