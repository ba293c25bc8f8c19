package dev.lumen.domain.safety;

import dev.lumen.domain.vector.EmbeddingModel;
import dev.lumen.domain.vector.VectorSetCache;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks chat input and ingested document chunks for prompt injection, in two layers: the
 * {@link InjectionPatterns} (precise, explainable, catches hidden encodings) and nearest-exemplar
 * similarity over the {@link EmbeddingModel} port against {@link InjectionExemplars} (catches
 * paraphrases no rule anticipated). Each layer gives a score in 0..1; they are combined as
 * independent evidence, {@code 1 - (1 - patterns) * (1 - embeddings)}, so two weak signals that agree
 * can flag a text while neither alone does.
 *
 * <p>The exemplars are embedded once, on first use (or read from a {@link VectorSetCache}). Long texts are scored per sentence (an injected
 * line hides inside ordinary prose) up to {@value #MAX_SEGMENTS} sentences. Thread-safe.
 */
public final class InjectionDetector {

    /**
     * How embedding similarity becomes a score: below {@code low} cosine it is 0, at {@code high} it is
     * 1, linear between; a segment closer to a benign exemplar (by more than {@code benignMargin}
     * below it) scores 0. A text is flagged at {@code flagAt}.
     */
    public record Thresholds(double low, double high, double benignMargin, double flagAt) {
        /** Chosen for all-MiniLM-L6-v2 (unrelated sentences sit below 0.4 cosine, paraphrases above 0.6), not fitted to evaluation data. */
        public static Thresholds miniLm() {
            return new Thresholds(0.45, 0.75, 0.0, 0.5);
        }
    }

    /** Each layer's verdict alone, and the combined one that {@link #check(String)} returns. */
    public record Layers(InjectionVerdict patterns, InjectionVerdict embeddings, InjectionVerdict combined) {
    }

    static final int MAX_SEGMENTS = 12;
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?。！？])\\s+|\\n+");
    private static final int MIN_SEGMENT_CHARS = 12;

    private final EmbeddingModel model;
    private final Thresholds thresholds;
    private final InjectionPatterns patterns = new InjectionPatterns();
    private final ExemplarIndex<InjectionKind> exemplars;

    public InjectionDetector(EmbeddingModel model) {
        this(model, Thresholds.miniLm());
    }

    public InjectionDetector(EmbeddingModel model, Thresholds thresholds) {
        this(model, thresholds, VectorSetCache.NONE);
    }

    /** @param exemplarVectors where the exemplars' vectors are kept between containers */
    public InjectionDetector(EmbeddingModel model, VectorSetCache exemplarVectors) {
        this(model, Thresholds.miniLm(), exemplarVectors);
    }

    public InjectionDetector(EmbeddingModel model, Thresholds thresholds, VectorSetCache exemplarVectors) {
        this.model = Objects.requireNonNull(model, "model");
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        List<InjectionKind> kinds = new ArrayList<>();
        List<String> attacks = new ArrayList<>();
        new EnumMap<>(InjectionExemplars.ATTACKS).forEach((kind, sentences) -> sentences.forEach(sentence -> {
            kinds.add(kind);
            attacks.add(sentence);
        }));
        this.exemplars = new ExemplarIndex<>(model, exemplarVectors, kinds, attacks, InjectionExemplars.BENIGN);
    }

    /** The combined verdict; a null or blank text is clean. */
    public InjectionVerdict check(String text) {
        return layers(text).combined();
    }

    /** The verdict of each layer and the combined verdict (the benchmark reports all three). */
    public Layers layers(String text) {
        if (text == null || text.isBlank()) {
            return new Layers(InjectionVerdict.clean(), InjectionVerdict.clean(), InjectionVerdict.clean());
        }
        // Pattern layer: independent hits add up, each rule counted once.
        List<InjectionPatterns.Hit> hits = patterns.scan(text);
        double patternMiss = 1;
        Set<InjectionKind> patternKinds = EnumSet.noneOf(InjectionKind.class);
        List<String> patternEvidence = new ArrayList<>();
        for (InjectionPatterns.Hit hit : hits) {
            patternMiss *= 1 - hit.weight();
            patternKinds.add(hit.kind());
            patternEvidence.add(String.format(Locale.ROOT, "pattern %s (%.2f, %s): \"%s\"",
                    hit.rule(), hit.weight(), hit.reading(), hit.matched()));
        }
        double patternScore = 1 - patternMiss;
        InjectionVerdict byPatterns = verdict(patternScore, patternKinds, patternEvidence);

        // Embedding layer: the most attack-like segment.
        List<String> segments = segments(text);
        segments.addAll(patterns.decodedRuns(text).stream().limit(2).toList());
        List<float[]> vectors = model.embed(segments);
        double embeddingScore = 0;
        InjectionKind nearestKind = null;
        String evidence = null;
        for (int i = 0; i < vectors.size(); i++) {
            ExemplarIndex.Nearest<InjectionKind> attack = exemplars.nearestPositive(vectors.get(i));
            double benign = exemplars.nearestNegative(vectors.get(i));
            if (attack.similarity() <= benign + thresholds.benignMargin()) {
                continue;
            }
            double score = clamp((attack.similarity() - thresholds.low()) / (thresholds.high() - thresholds.low()));
            if (score > embeddingScore) {
                embeddingScore = score;
                nearestKind = attack.label();
                evidence = String.format(Locale.ROOT, "embedding %s (cos %.2f, benign %.2f): \"%s\" ~ \"%s\"",
                        attack.label(), attack.similarity(), benign, shorten(segments.get(i)), attack.text());
            }
        }
        InjectionVerdict byEmbeddings = embeddingScore == 0 ? InjectionVerdict.clean()
                : verdict(embeddingScore, Set.of(nearestKind), List.of(evidence));

        double combinedScore = 1 - (1 - patternScore) * (1 - embeddingScore);
        Set<InjectionKind> kinds = EnumSet.noneOf(InjectionKind.class);
        kinds.addAll(byPatterns.kinds());
        // The nearest exemplar's kind is a guess; name it only when the embedding layer is itself confident.
        if (embeddingScore >= thresholds.flagAt() || kinds.isEmpty()) {
            kinds.addAll(byEmbeddings.kinds());
        }
        List<String> allEvidence = new ArrayList<>(byPatterns.evidence());
        allEvidence.addAll(byEmbeddings.evidence());
        InjectionVerdict combined = combinedScore == 0 ? InjectionVerdict.clean()
                : verdict(combinedScore, kinds, allEvidence);
        return new Layers(byPatterns, byEmbeddings, combined);
    }

    private InjectionVerdict verdict(double score, Set<InjectionKind> kinds, List<String> evidence) {
        double s = clamp(score);
        return new InjectionVerdict(s >= thresholds.flagAt(), s, kinds, evidence);
    }

    /** The sentences worth embedding, plus the whole text when it has several (context changes meaning). */
    private static List<String> segments(String text) {
        List<String> segments = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String s : SENTENCE_END.split(text.strip())) {
            String sentence = s.strip();
            if (sentence.length() >= MIN_SEGMENT_CHARS && seen.add(sentence) && segments.size() < MAX_SEGMENTS) {
                segments.add(sentence);
            }
        }
        if (segments.size() != 1) {
            segments.add(text.strip());
        }
        return segments;
    }

    private static double clamp(double x) {
        return Math.max(0, Math.min(1, x));
    }

    private static String shorten(String s) {
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }
}
