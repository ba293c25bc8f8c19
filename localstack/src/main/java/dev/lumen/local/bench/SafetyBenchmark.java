package dev.lumen.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.adapter.onnx.MiniLmEmbeddingModel;
import dev.lumen.domain.safety.CrisisAssessment;
import dev.lumen.domain.safety.CrisisDetector;
import dev.lumen.domain.safety.Severity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * Evaluates {@link CrisisDetector} with the local MiniLM model on OpenAI's moderation samples:
 * positive = label {@code SH} (self-harm) is 1, everything else negative. Prints recall,
 * precision and F1 for "flagged = severity ≥ MEDIUM" and "≥ LOW", per layer, and latency.
 *
 * <p>Run with {@code java -jar localstack/target/lumen-local.jar bench-safety [samples.jsonl.gz]};
 * the default path is {@code ../shared/data/safety/openai-moderation-samples-1680.jsonl.gz}. The
 * data is read in place, never copied; neither the patterns nor the exemplars were drawn from it.
 */
public final class SafetyBenchmark {
    private static final Path DEFAULT = Path.of("../shared/data/safety/openai-moderation-samples-1680.jsonl.gz");

    private record Sample(String text, boolean selfHarm) {
    }

    private record Verdicts(CrisisAssessment patterns, CrisisAssessment embeddings, CrisisAssessment combined) {
    }

    private SafetyBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path path = args.length > 0 ? Path.of(args[0]) : DEFAULT;
        List<Sample> samples = read(path);
        long positives = samples.stream().filter(Sample::selfHarm).count();
        System.out.printf(Locale.ROOT, "samples: %d from %s, positives (SH=1): %d%n", samples.size(), path, positives);

        CrisisDetector detector = new CrisisDetector(new MiniLmEmbeddingModel());
        long warm = System.nanoTime();
        detector.assess("warm up the model and embed the exemplars");
        System.out.printf(Locale.ROOT, "model load + exemplar embedding: %d ms%n", (System.nanoTime() - warm) / 1_000_000);

        Latencies latencies = new Latencies();
        List<Verdicts> verdicts = new ArrayList<>();
        for (Sample sample : samples) {
            long start = System.nanoTime();
            CrisisAssessment combined = detector.assess(sample.text());
            latencies.since(start);
            verdicts.add(new Verdicts(detector.patternsOnly(sample.text()), detector.embeddingsOnly(sample.text()), combined));
        }

        System.out.println();
        System.out.println("| layer | flagged when | TP | FP | FN | TN | recall | precision | F1 |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        row("patterns only", samples, verdicts, Verdicts::patterns);
        row("embeddings only", samples, verdicts, Verdicts::embeddings);
        row("combined", samples, verdicts, Verdicts::combined);
        System.out.println();
        long high = verdicts.stream().filter(v -> v.combined().severity() == Severity.HIGH).count();
        long highTrue = java.util.stream.IntStream.range(0, samples.size())
                .filter(i -> verdicts.get(i).combined().severity() == Severity.HIGH && samples.get(i).selfHarm()).count();
        System.out.printf(Locale.ROOT, "combined HIGH: %d messages, %d of them SH=1%n", high, highTrue);
        System.out.printf(Locale.ROOT, "latency per message (combined, %d messages, mean %.0f chars): p50 / p99 %s%n",
                latencies.count(), samples.stream().mapToInt(s -> s.text().length()).average().orElse(0), latencies.p50p99());
    }

    private static void row(String layer, List<Sample> samples, List<Verdicts> verdicts, Function<Verdicts, CrisisAssessment> pick) {
        for (Severity threshold : List.of(Severity.MEDIUM, Severity.LOW)) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            int tn = 0;
            for (int i = 0; i < samples.size(); i++) {
                boolean flagged = pick.apply(verdicts.get(i)).reaches(threshold);
                boolean positive = samples.get(i).selfHarm();
                if (flagged && positive) {
                    tp++;
                } else if (flagged) {
                    fp++;
                } else if (positive) {
                    fn++;
                } else {
                    tn++;
                }
            }
            double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
            double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
            double f1 = recall + precision == 0 ? 0 : 2 * recall * precision / (recall + precision);
            System.out.printf(Locale.ROOT, "| %s | >= %s | %d | %d | %d | %d | %.3f | %.3f | %.3f |%n",
                    layer, threshold, tp, fp, fn, tn, recall, precision, f1);
        }
    }

    private static List<Sample> read(Path path) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Sample> samples = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(path)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = json.readTree(line);
                samples.add(new Sample(node.path("prompt").asText(), node.path("SH").asInt(0) == 1));
            }
        }
        return samples;
    }
}
