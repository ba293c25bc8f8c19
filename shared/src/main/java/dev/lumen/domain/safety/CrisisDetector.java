package dev.lumen.domain.safety;

import dev.lumen.domain.safety.CrisisExemplars.Exemplar;
import dev.lumen.domain.vector.EmbeddingModel;
import dev.lumen.domain.vector.VectorSetCache;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks one user message for a crisis before any model sees it. Two layers, then a combiner:
 * <ol>
 *   <li>{@link CrisisPatterns}: curated phrases with look-alike exclusions; the only layer that
 *       can say {@code HIGH} on its own wording (explicit intent, plan, means, farewell);</li>
 *   <li>embeddings: each sentence of the message is compared with the labelled
 *       {@link CrisisExemplars}; a sentence counts when its nearest positive is close enough and
 *       closer than its nearest look-alike by a margin. This catches paraphrases no rule lists;</li>
 *   <li>the combiner takes the stronger layer and raises the severity one step when both layers
 *       agree on a category, since two independent signals are better evidence than one.</li>
 * </ol>
 * Exemplars are embedded once, on first use, or read from a {@link VectorSetCache} where an earlier
 * container of the deployment left them. Deterministic for a deterministic model.
 */
public final class CrisisDetector {

    /**
     * Cosine thresholds for the embedding layer. {@code low}/{@code medium}/{@code high}: similarity
     * to the nearest positive exemplar for that severity (capped by the exemplar's own severity);
     * {@code margin}: how much closer the nearest positive must be than the nearest look-alike.
     */
    public record Thresholds(double low, double medium, double high, double margin) {
        /** Chosen for MiniLM (all-minilm-l6-v2): paraphrases of one sentence score about 0.6 and up. */
        public static Thresholds miniLm() {
            return new Thresholds(0.50, 0.58, 0.80, 0.04);
        }
    }

    private static final int MAX_SEGMENTS = 24;
    private static final int MAX_SEGMENT_CHARS = 400;

    private final EmbeddingModel model;
    private final Thresholds thresholds;
    private final CrisisPatterns patterns = new CrisisPatterns();
    private final ExemplarIndex<Exemplar> exemplars;

    public CrisisDetector(EmbeddingModel model) {
        this(model, Thresholds.miniLm());
    }

    public CrisisDetector(EmbeddingModel model, Thresholds thresholds) {
        this(model, thresholds, VectorSetCache.NONE);
    }

    /** @param exemplarVectors where the exemplars' vectors are kept between containers */
    public CrisisDetector(EmbeddingModel model, VectorSetCache exemplarVectors) {
        this(model, Thresholds.miniLm(), exemplarVectors);
    }

    public CrisisDetector(EmbeddingModel model, Thresholds thresholds, VectorSetCache exemplarVectors) {
        this.model = model;
        this.thresholds = thresholds;
        this.exemplars = new ExemplarIndex<>(model, exemplarVectors, CrisisExemplars.POSITIVES,
                CrisisExemplars.POSITIVES.stream().map(Exemplar::text).toList(), CrisisExemplars.NEGATIVES);
    }

    /** Both layers and the combiner: the verdict the chat path uses. */
    public CrisisAssessment assess(String message) {
        if (message == null || message.isBlank()) {
            return CrisisAssessment.none();
        }
        return combine(patternsOnly(message), embeddingsOnly(message));
    }

    /** The pattern layer alone (for evaluation and tests). */
    public CrisisAssessment patternsOnly(String message) {
        List<CrisisPatterns.Hit> hits = patterns.find(message);
        Severity severity = Severity.NONE;
        Set<CrisisCategory> categories = EnumSet.noneOf(CrisisCategory.class);
        List<String> evidence = new ArrayList<>();
        for (CrisisPatterns.Hit hit : hits) {
            severity = Severity.max(severity, hit.severity());
            categories.add(hit.category());
            evidence.add("pattern " + hit.severity() + ": " + hit.phrase());
        }
        return new CrisisAssessment(severity, categories, evidence);
    }

    /** The embedding layer alone (for evaluation and tests). */
    public CrisisAssessment embeddingsOnly(String message) {
        if (message == null || message.isBlank()) {
            return CrisisAssessment.none();
        }
        List<String> segments = segments(message);
        List<float[]> vectors = model.embed(segments);
        Severity best = Severity.NONE;
        Set<CrisisCategory> categories = EnumSet.noneOf(CrisisCategory.class);
        List<String> evidence = new ArrayList<>();
        for (float[] vector : vectors) {
            ExemplarIndex.Nearest<Exemplar> nearest = exemplars.nearestPositive(vector);
            double positive = nearest.similarity();
            double negative = exemplars.nearestNegative(vector);
            Exemplar exemplar = nearest.label();
            Severity severity = severityFor(positive, negative, exemplar.severity());
            if (severity != Severity.NONE) {
                categories.add(exemplar.category());
                best = Severity.max(best, severity);
                evidence.add(String.format(Locale.ROOT, "exemplar %.2f (look-alike %.2f): %s", positive, negative, exemplar.text()));
            }
        }
        return new CrisisAssessment(best, categories, evidence);
    }

    private Severity severityFor(double positive, double negative, Severity exemplarSeverity) {
        if (positive - negative < thresholds.margin()) {
            return Severity.NONE;
        }
        Severity bySimilarity = positive >= thresholds.high() ? Severity.HIGH
                : positive >= thresholds.medium() ? Severity.MEDIUM
                : positive >= thresholds.low() ? Severity.LOW : Severity.NONE;
        // A sentence near a LOW exemplar never counts as more than LOW, however close.
        return bySimilarity.compareTo(exemplarSeverity) <= 0 ? bySimilarity : exemplarSeverity;
    }

    private static CrisisAssessment combine(CrisisAssessment patterns, CrisisAssessment embeddings) {
        Severity severity = Severity.max(patterns.severity(), embeddings.severity());
        Set<CrisisCategory> agreed = EnumSet.noneOf(CrisisCategory.class);
        agreed.addAll(patterns.categories());
        agreed.retainAll(embeddings.categories());
        if (!agreed.isEmpty() && severity == Severity.LOW) {
            severity = Severity.MEDIUM;
        }
        Set<CrisisCategory> categories = EnumSet.noneOf(CrisisCategory.class);
        categories.addAll(patterns.categories());
        categories.addAll(embeddings.categories());
        List<String> evidence = new ArrayList<>(new LinkedHashSet<>(patterns.evidence()));
        evidence.addAll(embeddings.evidence());
        return new CrisisAssessment(severity, categories, evidence);
    }

    /** Sentences (long messages dilute one sentence's meaning in a single vector), capped for latency. */
    static List<String> segments(String message) {
        List<String> segments = new ArrayList<>();
        for (String sentence : message.split("(?<=[.!?])\\s+|\\n+")) {
            String trimmed = sentence.strip();
            if (trimmed.chars().anyMatch(Character::isLetter)) {
                segments.add(trimmed.length() > MAX_SEGMENT_CHARS ? trimmed.substring(0, MAX_SEGMENT_CHARS) : trimmed);
            }
            if (segments.size() == MAX_SEGMENTS) {
                break;
            }
        }
        if (segments.isEmpty()) {
            segments.add(message.strip());
        }
        return segments;
    }
}
