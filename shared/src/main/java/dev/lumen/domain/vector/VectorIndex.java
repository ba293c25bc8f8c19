package dev.lumen.domain.vector;

/**
 * A named vector index and the embedding model its vectors come from. An index remembers the
 * model and dimension it was created with and refuses another (see {@link IndexMismatchException}),
 * because vectors of different models are not comparable.
 *
 * @param name e.g. {@code memories} or {@code knowledge}; lower-case letters, digits and '-'
 */
public record VectorIndex(String name, String modelId, int dimensions) {

    public VectorIndex {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException("index name must be lower-case letters, digits and '-': " + name);
        }
        if (dimensions < 1) {
            throw new IllegalArgumentException("dimensions must be positive");
        }
    }

    /**
     * Checks that a vector can live in this index: its dimension, finite components and a
     * direction (cosine is undefined for a zero vector). Every store applies this one rule.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public void requireFits(float[] vector) {
        if (vector == null || vector.length != dimensions) {
            throw new IllegalArgumentException("index '" + name + "' takes vectors of " + dimensions
                    + " dimensions, got " + (vector == null ? "none" : vector.length));
        }
        boolean direction = false;
        for (float component : vector) {
            if (!Float.isFinite(component)) {
                throw new IllegalArgumentException("vector components must be finite numbers");
            }
            direction |= component != 0;
        }
        if (!direction) {
            throw new IllegalArgumentException("a zero vector has no cosine similarity");
        }
    }
}
