package dev.lumen.domain.vector;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Port: fixed sets of vectors kept per deployment, so that what every container would embed the
 * same way (the safety detectors' ~200 exemplar sentences) is embedded once and then read back. With
 * Titan that is ~200 Bedrock calls saved on each new container's first chat turn.
 *
 * <p>A cache, not a store of record: {@link #find} may miss at any time (expired, never written, half
 * written) and the caller then embeds and {@link #put}s again. Keys come from {@link #key}, which
 * names the model, its dimensions and the exact texts, so a changed exemplar list or a different
 * model simply misses instead of returning stale vectors. Vectors come back bit for bit as put.
 */
public interface VectorSetCache {

    /** No cache: always misses, keeps nothing (tests, benchmarks of the embedding itself). */
    VectorSetCache NONE = new VectorSetCache() {
        @Override
        public Optional<List<float[]>> find(String key) {
            return Optional.empty();
        }

        @Override
        public void put(String key, List<float[]> vectors) {
        }
    };

    /** The vectors put under {@code key}, in order, or empty when there is no complete set. */
    Optional<List<float[]>> find(String key);

    /**
     * Keeps {@code vectors} under {@code key}, replacing what was there.
     *
     * @throws IllegalArgumentException when the vectors are not all of one length
     */
    void put(String key, List<float[]> vectors);

    /**
     * The key of the vectors {@code model} gives for these groups of texts, in order:
     * {@code {modelId}|{dimensions}|{sha-256 hex}}. The digest covers each group's size and each
     * text's length and characters, so moving a text from one group to the next also changes it.
     */
    static String key(EmbeddingModel model, List<List<String>> groups) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        for (List<String> group : groups) {
            digest.update(("G" + group.size() + "\n").getBytes(StandardCharsets.UTF_8));
            for (String text : group) {
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                digest.update((bytes.length + ":").getBytes(StandardCharsets.UTF_8));
                digest.update(bytes);
            }
        }
        return model.modelId() + "|" + model.dimensions() + "|" + HexFormat.of().formatHex(digest.digest());
    }

    /** Whether every vector has {@code dimensions} finite components: a set read back that is not is a miss. */
    static boolean wellFormed(List<float[]> vectors, int count, int dimensions) {
        if (vectors == null || vectors.size() != count) {
            return false;
        }
        for (float[] vector : vectors) {
            if (vector == null || vector.length != dimensions) {
                return false;
            }
            for (float component : vector) {
                if (!Float.isFinite(component)) {
                    return false;
                }
            }
        }
        return true;
    }
}
