package dev.lumen.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.adapter.onnx.MiniLmEmbeddingModel;
import dev.lumen.domain.vector.EmbeddingModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Measures the local embedding model the way ingestion and recall use it: throughput on a list of
 * chunk-sized passages (~1000 characters, the splitter's chunk size) and the latency of embedding
 * one short query, p50/p99.
 *
 * <p>Run with {@code java -jar localstack/target/lumen-local.jar bench-embeddings [corpus.jsonl] [passages]}.
 * The corpus is a BEIR-style JSON-lines file ({@code title}, {@code text} per line, e.g. SciFact's
 * {@code corpus.jsonl}); its titles serve as queries. Without one, generated English-like text is
 * used, which tokenizes a little differently but takes the same path.
 */
public final class EmbeddingBenchmark {
    private static final int PASSAGE_CHARS = 1000;
    private static final int QUERIES = 300;
    private static final int WARM_UP = 30;

    private EmbeddingBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path corpus = args.length > 0 ? Path.of(args[0]) : null;
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        Texts texts = corpus != null ? Texts.fromCorpus(corpus, count) : Texts.generated(count);
        System.out.printf(Locale.ROOT, "machine: %d cores, %s, java %s; texts: %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch"),
                System.getProperty("java.version"), texts.source());

        EmbeddingModel model = new MiniLmEmbeddingModel();
        long loadStart = System.nanoTime();
        model.embed("load the model");
        System.out.printf(Locale.ROOT, "%s: model load + first call %d ms%n", model.modelId(), millisSince(loadStart));

        // Warm-up: let the JIT and onnxruntime's thread pool settle before anything is timed.
        model.embed(texts.passages().subList(0, Math.min(WARM_UP, texts.passages().size())));
        for (int i = 0; i < WARM_UP; i++) {
            model.embed(texts.queries().get(i % texts.queries().size()));
        }

        long start = System.nanoTime();
        List<float[]> vectors = model.embed(texts.passages());
        double seconds = (System.nanoTime() - start) / 1e9;
        double meanChars = texts.passages().stream().mapToInt(String::length).average().orElse(0);
        System.out.printf(Locale.ROOT, "throughput: %d passages (mean %.0f chars) in %.1f s = %.1f passages/s%n",
                vectors.size(), meanChars, seconds, vectors.size() / seconds);

        long[] micros = new long[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            String query = texts.queries().get(i % texts.queries().size());
            long t0 = System.nanoTime();
            model.embed(query);
            micros[i] = (System.nanoTime() - t0) / 1_000;
        }
        Arrays.sort(micros);
        double meanQueryChars = texts.queries().stream().mapToInt(String::length).average().orElse(0);
        System.out.printf(Locale.ROOT, "single query (mean %.0f chars, %d sequential): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                meanQueryChars, QUERIES, percentile(micros, 0.50) / 1000.0, percentile(micros, 0.99) / 1000.0,
                micros[micros.length - 1] / 1000.0);
    }

    private static long percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    /** Passages to embed in bulk and short queries to embed one at a time. */
    private record Texts(String source, List<String> passages, List<String> queries) {

        /** The first {@code count} documents of at least 1000 characters, cut to about 1000 at a word boundary. */
        static Texts fromCorpus(Path corpus, int count) throws IOException {
            ObjectMapper json = new ObjectMapper();
            List<String> passages = new ArrayList<>(count);
            List<String> queries = new ArrayList<>(QUERIES);
            try (BufferedReader lines = Files.newBufferedReader(corpus)) {
                String line;
                while ((line = lines.readLine()) != null && (passages.size() < count || queries.size() < QUERIES)) {
                    JsonNode document = json.readTree(line);
                    String title = document.path("title").asText();
                    String passage = title + "\n" + document.path("text").asText();
                    if (passage.length() >= PASSAGE_CHARS && passages.size() < count) {
                        passages.add(cutAtWord(passage));
                    }
                    if (!title.isBlank() && queries.size() < QUERIES) {
                        queries.add(title);
                    }
                }
            }
            if (passages.isEmpty() || queries.isEmpty()) {
                throw new IllegalArgumentException(corpus + " has no documents with a title and 1000+ characters");
            }
            return new Texts(corpus.toString(), passages, queries);
        }

        /** Sentences of common words with a fixed seed, so every run embeds the same text. */
        static Texts generated(int count) {
            String[] words = ("the a user coach goal week run plan sleep work stress progress habit morning evening "
                    + "talked about wants keep better feel tired motivated deadline family friend training rest "
                    + "day meal focus breathing walk read journal remember prefers short answers long questions "
                    + "because after before during every often never always learning improving steady careful")
                    .split(" ");
            SplittableRandom random = new SplittableRandom(42);
            List<String> passages = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                StringBuilder passage = new StringBuilder();
                while (passage.length() < PASSAGE_CHARS) {
                    passage.append(sentence(words, random, 8 + random.nextInt(12))).append(' ');
                }
                passages.add(cutAtWord(passage.toString()));
            }
            List<String> queries = new ArrayList<>(QUERIES);
            for (int i = 0; i < QUERIES; i++) {
                queries.add(sentence(words, random, 5 + random.nextInt(8)));
            }
            return new Texts("generated", passages, queries);
        }

        private static String sentence(String[] words, SplittableRandom random, int length) {
            StringBuilder sentence = new StringBuilder();
            for (int w = 0; w < length; w++) {
                String word = words[random.nextInt(words.length)];
                sentence.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : " " + word);
            }
            return sentence.append('.').toString();
        }

        private static String cutAtWord(String text) {
            if (text.length() <= PASSAGE_CHARS) {
                return text;
            }
            int space = text.lastIndexOf(' ', PASSAGE_CHARS);
            return text.substring(0, space > PASSAGE_CHARS / 2 ? space : PASSAGE_CHARS);
        }
    }
}
