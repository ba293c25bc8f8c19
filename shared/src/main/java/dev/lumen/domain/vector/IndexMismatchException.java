package dev.lumen.domain.vector;

/**
 * An index exists with another embedding model or dimension than the one asked for. A
 * configuration error: re-embed into a new index rather than mixing vectors of two models.
 */
public final class IndexMismatchException extends IllegalStateException {
    public IndexMismatchException(String message) {
        super(message);
    }
}
