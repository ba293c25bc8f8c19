package dev.lumen.domain.knowledge;

import java.util.Map;

/**
 * One retrieved chunk of a creator's document.
 *
 * @param chunkId  {@code {documentId}:{position}}
 * @param position the chunk's place in its document, from 0
 * @param text     the chunk's text (without the title indexed with it)
 * @param score    dense: cosine in [0, 1]; lexical: BM25; hybrid: the fused reciprocal-rank score
 */
public record KnowledgeHit(String chunkId, String documentId, String title, int position, String text,
                           double score, Map<String, String> metadata) {

    public KnowledgeHit {
        metadata = Map.copyOf(metadata);
    }
}
