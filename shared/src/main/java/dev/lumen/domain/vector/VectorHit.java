package dev.lumen.domain.vector;

/**
 * A search result.
 *
 * @param score cosine similarity mapped to [0, 1] as {@code (1 + cos) / 2}, the scale both Lucene
 *              and OpenSearch's lucene engine report, so scores compare across stores
 */
public record VectorHit(VectorDocument document, double score) {
}
