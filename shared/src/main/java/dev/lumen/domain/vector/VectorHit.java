package dev.lumen.domain.vector;

/**
 * A search result.
 *
 * @param score cosine similarity mapped to [0, 1] as {@code (1 + cos) / 2}, the scale both Lucene
 *              and OpenSearch's lucene engine report, so scores compare across stores
 */
public record VectorHit(VectorDocument document, double score) {

    /** The score of {@code b} for query {@code a} on this record's scale, computed exactly in double precision. */
    public static double scoreOf(float[] a, float[] b) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            normA += (double) a[i] * a[i];
            normB += (double) b[i] * b[i];
        }
        return Math.max(0, (1 + dot / Math.sqrt(normA * normB)) / 2);
    }
}
