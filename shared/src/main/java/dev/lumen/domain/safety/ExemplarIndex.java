package dev.lumen.domain.safety;

import dev.lumen.domain.vector.EmbeddingModel;
import dev.lumen.domain.vector.VectorSetCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Labelled example sentences and look-alikes, embedded once on first use, that a detector's
 * embedding layer compares text against: how close is the nearest positive (and which one), and
 * how close the nearest look-alike. Shared by {@link CrisisDetector} and {@link InjectionDetector}.
 *
 * <p>On first use the vectors are read from the {@link VectorSetCache} under a key naming the model
 * and these exact texts; only on a miss (or a set that does not fit: wrong count or dimensions) are
 * they embedded, and then stored for the next container. The cache only saves time: when it fails,
 * the exemplars are embedded as if it missed, and chat goes on.
 *
 * @param <L> what a positive exemplar stands for (a crisis exemplar, an attack kind…)
 */
final class ExemplarIndex<L> {

    /** The positive closest to a vector: its label, its text and the cosine similarity. */
    record Nearest<L>(L label, String text, double similarity) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ExemplarIndex.class);

    private final EmbeddingModel model;
    private final VectorSetCache cache;
    private final List<L> labels;
    private final List<String> positives;
    private final List<String> negatives;
    private volatile Vectors vectors;

    /** @param labels one per positive, in the same order */
    ExemplarIndex(EmbeddingModel model, VectorSetCache cache, List<L> labels, List<String> positives,
                  List<String> negatives) {
        if (labels.size() != positives.size() || positives.isEmpty()) {
            throw new IllegalArgumentException("one label per positive exemplar, and at least one");
        }
        this.model = model;
        this.cache = java.util.Objects.requireNonNull(cache, "cache");
        this.labels = List.copyOf(labels);
        this.positives = List.copyOf(positives);
        this.negatives = List.copyOf(negatives);
    }

    Nearest<L> nearestPositive(float[] vector) {
        List<float[]> embedded = vectors().positives();
        int best = 0;
        double bestSimilarity = -1;
        for (int i = 0; i < embedded.size(); i++) {
            double similarity = cosine(vector, embedded.get(i));
            if (similarity > bestSimilarity) {
                bestSimilarity = similarity;
                best = i;
            }
        }
        return new Nearest<>(labels.get(best), positives.get(best), bestSimilarity);
    }

    /** The cosine similarity of the closest look-alike; -1 when there are none. */
    double nearestNegative(float[] vector) {
        double best = -1;
        for (float[] negative : vectors().negatives()) {
            best = Math.max(best, cosine(vector, negative));
        }
        return best;
    }

    private Vectors vectors() {
        Vectors current = vectors;
        if (current == null) {
            synchronized (this) {
                current = vectors;
                if (current == null) {
                    current = loadOrEmbed();
                    vectors = current;
                }
            }
        }
        return current;
    }

    private Vectors loadOrEmbed() {
        String key = VectorSetCache.key(model, List.of(positives, negatives));
        int count = positives.size() + negatives.size();
        boolean cacheAnswered = true;
        try {
            Optional<List<float[]>> stored = cache.find(key);
            if (stored.isPresent() && VectorSetCache.wellFormed(stored.get(), count, model.dimensions())) {
                List<float[]> all = stored.get();
                return new Vectors(all.subList(0, positives.size()), all.subList(positives.size(), count));
            }
        } catch (RuntimeException e) {
            cacheAnswered = false;
            LOG.atWarn().setCause(e).addKeyValue("key", key)
                    .log("the exemplar vectors could not be read from the cache; embedding them");
        }
        Vectors embedded = new Vectors(model.embed(positives), negatives.isEmpty() ? List.of() : model.embed(negatives));
        // A cache that could not answer would most likely not take the write either: do not wait twice.
        if (cacheAnswered) {
            try {
                List<float[]> all = new ArrayList<>(count);
                all.addAll(embedded.positives());
                all.addAll(embedded.negatives());
                cache.put(key, all);
            } catch (RuntimeException e) {
                LOG.atWarn().setCause(e).addKeyValue("key", key)
                        .log("the exemplar vectors could not be stored in the cache; the next container embeds them again");
            }
        }
        return embedded;
    }

    /** Vectors from the port are not promised to be unit length, so divide by the norms. */
    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    private record Vectors(List<float[]> positives, List<float[]> negatives) {
    }
}
