package dev.lumen.domain.safety;

import dev.lumen.domain.vector.EmbeddingModel;
import java.util.List;

/**
 * Labelled example sentences and look-alikes, embedded once on first use, that a detector's
 * embedding layer compares text against: how close is the nearest positive (and which one), and
 * how close the nearest look-alike. Shared by {@link CrisisDetector} and {@link InjectionDetector}.
 *
 * @param <L> what a positive exemplar stands for (a crisis exemplar, an attack kind…)
 */
final class ExemplarIndex<L> {

    /** The positive closest to a vector: its label, its text and the cosine similarity. */
    record Nearest<L>(L label, String text, double similarity) {
    }

    private final EmbeddingModel model;
    private final List<L> labels;
    private final List<String> positives;
    private final List<String> negatives;
    private volatile Vectors vectors;

    /** @param labels one per positive, in the same order */
    ExemplarIndex(EmbeddingModel model, List<L> labels, List<String> positives, List<String> negatives) {
        if (labels.size() != positives.size() || positives.isEmpty()) {
            throw new IllegalArgumentException("one label per positive exemplar, and at least one");
        }
        this.model = model;
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
                    current = new Vectors(model.embed(positives), negatives.isEmpty() ? List.of() : model.embed(negatives));
                    vectors = current;
                }
            }
        }
        return current;
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
