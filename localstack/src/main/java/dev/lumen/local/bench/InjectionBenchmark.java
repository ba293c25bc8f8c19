package dev.lumen.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.adapter.onnx.MiniLmEmbeddingModel;
import dev.lumen.domain.safety.InjectionDetector;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * Evaluates the {@link InjectionDetector} with the local MiniLM model: detection rate on the attack
 * set ({@code prompt_injection_dev.json}, field {@code user_input}, also per {@code injection_variant}
 * and {@code speaking_language}) and false-positive rate on benign text (SciFact training queries and
 * the moderation samples whose labels are all 0), each for the pattern layer alone, the embedding
 * layer alone and both combined, with per-text latency.
 *
 * <p>Run with {@code java -jar localstack/target/lumen-local.jar bench-injection [data-dir]}; the data
 * dir defaults to {@code ../shared/data} and is read in place.
 */
public final class InjectionBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LABELS = List.of("S", "H", "V", "HR", "SH", "S3", "H2", "V2");

    private InjectionBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data");
        Path attacksFile = data.resolve("safety/prompt_injection_dev.json");
        Path scifactFile = data.resolve("scifact/queries-train.jsonl");
        Path moderationFile = data.resolve("safety/openai-moderation-samples-1680.jsonl.gz");

        List<JsonNode> attacks = new ArrayList<>();
        JSON.readTree(attacksFile.toFile()).forEach(attacks::add);
        List<String> scifact = new ArrayList<>();
        for (String line : Files.readAllLines(scifactFile)) {
            if (!line.isBlank()) {
                scifact.add(JSON.readTree(line).path("text").asText());
            }
        }
        List<String> moderation = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(moderationFile)), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = JSON.readTree(line);
                if (LABELS.stream().allMatch(l -> node.path(l).asInt(0) == 0)) {
                    moderation.add(node.path("prompt").asText());
                }
            }
        }

        MiniLmEmbeddingModel model = new MiniLmEmbeddingModel();
        InjectionDetector detector = new InjectionDetector(model);
        long t0 = System.nanoTime();
        detector.check("warm up the model and embed the exemplars once");
        System.out.printf(Locale.ROOT, "model %s, exemplars embedded + warm-up in %.1f s; %d cores, java %s%n",
                model.modelId(), (System.nanoTime() - t0) / 1e9, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));

        Latencies latency = new Latencies();
        Tally attackTally = new Tally();
        Map<String, Tally> byVariant = new TreeMap<>();
        Map<String, Tally> byLanguage = new TreeMap<>();
        for (JsonNode attack : attacks) {
            long start = System.nanoTime();
            InjectionDetector.Layers layers = detector.layers(attack.path("user_input").asText());
            latency.since(start);
            attackTally.add(layers);
            byVariant.computeIfAbsent(attack.path("injection_variant").asText("?"), k -> new Tally()).add(layers);
            byLanguage.computeIfAbsent(attack.path("speaking_language").asText("?"), k -> new Tally()).add(layers);
        }
        Tally scifactTally = run(detector, scifact, latency);
        Tally moderationTally = run(detector, moderation, latency);

        System.out.printf(Locale.ROOT, "%n%-44s %6s %10s %10s %10s%n", "set", "n", "patterns", "embeddings", "combined");
        attackTally.print("attacks: detection rate (" + attacksFile.getFileName() + ")");
        scifactTally.print("benign: false positives (scifact queries)");
        moderationTally.print("benign: false positives (moderation, all 0)");
        Tally benign = new Tally();
        benign.merge(scifactTally);
        benign.merge(moderationTally);
        benign.print("benign: false positives (both)");
        System.out.printf(Locale.ROOT, "%ndetection rate by injection_variant:%n");
        byVariant.forEach((k, t) -> t.print("  " + k));
        System.out.printf(Locale.ROOT, "%ndetection rate by speaking_language:%n");
        byLanguage.forEach((k, t) -> t.print("  " + k));
        System.out.printf(Locale.ROOT, "%nlatency per text (both layers, %d texts): p50 / p99 = %s%n",
                latency.count(), latency.p50p99());
        printFalsePositives("scifact", scifactTally);
        printFalsePositives("moderation", moderationTally);
    }

    private static Tally run(InjectionDetector detector, List<String> texts, Latencies latency) {
        Tally tally = new Tally();
        for (String text : texts) {
            long start = System.nanoTime();
            InjectionDetector.Layers layers = detector.layers(text);
            latency.since(start);
            tally.add(layers);
            if (layers.combined().flagged() && tally.examples.size() < 5) {
                tally.examples.add(shorten(text) + "  <- " + layers.combined().evidence());
            }
        }
        return tally;
    }

    private static void printFalsePositives(String name, Tally tally) {
        if (!tally.examples.isEmpty()) {
            System.out.printf(Locale.ROOT, "%nfirst false positives (%s):%n", name);
            tally.examples.forEach(e -> System.out.println("  " + e));
        }
    }

    private static String shorten(String s) {
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() <= 100 ? oneLine : oneLine.substring(0, 97) + "...";
    }

    /** Flagged counts per layer over a set of texts. */
    private static final class Tally {
        int n;
        int patterns;
        int embeddings;
        int combined;
        final List<String> examples = new ArrayList<>();

        void add(InjectionDetector.Layers layers) {
            n++;
            patterns += layers.patterns().flagged() ? 1 : 0;
            embeddings += layers.embeddings().flagged() ? 1 : 0;
            combined += layers.combined().flagged() ? 1 : 0;
        }

        void merge(Tally other) {
            n += other.n;
            patterns += other.patterns;
            embeddings += other.embeddings;
            combined += other.combined;
        }

        void print(String label) {
            Function<Integer, String> rate = k -> n == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * k / n);
            System.out.printf(Locale.ROOT, "%-44s %6d %10s %10s %10s%n", label, n, rate.apply(patterns),
                    rate.apply(embeddings), rate.apply(combined));
        }
    }
}
