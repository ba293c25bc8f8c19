package dev.lumen.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.adapter.onnx.MiniLmEmbeddingModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Real embeddings for {@link VectorStoreBenchmark}: a BEIR corpus's passages (title + text) and the
 * queries of the {@code queries*.jsonl} file beside it, embedded with the local MiniLM model.
 */
final class MiniLmVectors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EMBED_BATCH = 32;

    private MiniLmVectors() {
    }

    static VectorStoreBenchmark fromCorpus(Path corpus, int maxQueries) throws IOException {
        List<String> passages = new ArrayList<>();
        for (JsonNode line : lines(corpus)) {
            String text = (line.path("title").asText("") + "\n" + line.path("text").asText("")).strip();
            if (!text.isEmpty()) {
                passages.add(text);
            }
        }
        Path queriesFile;
        try (Stream<Path> siblings = Files.list(corpus.toAbsolutePath().getParent())) {
            queriesFile = siblings.filter(p -> p.getFileName().toString().matches("queries.*\\.jsonl")).sorted()
                    .findFirst().orElseThrow(() -> new IOException("no queries*.jsonl beside " + corpus));
        }
        List<String> queries = new ArrayList<>();
        for (JsonNode line : lines(queriesFile)) {
            if (queries.size() < maxQueries && !line.path("text").asText("").isBlank()) {
                queries.add(line.path("text").asText());
            }
        }
        MiniLmEmbeddingModel model = new MiniLmEmbeddingModel();
        long t0 = System.nanoTime();
        List<float[]> passageVectors = embed(model, passages);
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<float[]> queryVectors = embed(model, queries);
        System.out.printf(Locale.ROOT, "data: %,d passages of %s and %d queries of %s, embedded with %s "
                        + "(%.0f passages/s)%n", passages.size(), corpus, queries.size(), queriesFile.getFileName(),
                model.modelId(), passages.size() / seconds);
        return new VectorStoreBenchmark(model.modelId(), passageVectors, queryVectors);
    }

    private static List<float[]> embed(MiniLmEmbeddingModel model, List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += EMBED_BATCH) {
            vectors.addAll(model.embed(texts.subList(from, Math.min(texts.size(), from + EMBED_BATCH))));
        }
        return vectors;
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }
}
