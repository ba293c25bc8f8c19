package dev.lumen.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A retrieval test collection in the BEIR layout, read from where it lies (never copied): a corpus
 * ({@code corpus.jsonl}: {@code _id}, {@code title}, {@code text}), queries ({@code *.jsonl}:
 * {@code _id}, {@code text}) and relevance judgements ({@code qrels/*.tsv}: {@code query-id},
 * {@code corpus-id}, {@code score}, after a header line).
 *
 * @param documents the corpus in file order
 * @param queries   the queries that have at least one judged-relevant document in {@code documents},
 *                  in file order: the ones the measures are averaged over
 * @param qrels     grades by query id, then by document id
 */
record BeirDataset(List<Document> documents, List<Query> queries, Map<String, Map<String, Integer>> qrels) {

    record Document(String id, String title, String text) {
    }

    record Query(String id, String text) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads the collection. With {@code limitDocuments} > 0 only that many documents (the first ones)
     * are read, and judgements of documents left out are dropped with them, as are queries left
     * with no relevant document: a quick run over a slice, whose figures are not comparable with a full one.
     */
    static BeirDataset load(Path corpus, Path queries, Path qrels, int limitDocuments) {
        List<Document> documents = readJsonLines(corpus, limitDocuments).stream()
                .map(node -> new Document(text(node, "_id", corpus), node.path("title").asText(""),
                        node.path("text").asText(""))).toList();
        Map<String, Document> byId = new LinkedHashMap<>();
        documents.forEach(document -> byId.put(document.id(), document));

        Map<String, Map<String, Integer>> grades = new LinkedHashMap<>();
        readQrels(qrels).forEach((queryId, judged) -> judged.forEach((documentId, grade) -> {
            if (byId.containsKey(documentId)) {
                grades.computeIfAbsent(queryId, id -> new LinkedHashMap<>()).put(documentId, grade);
            }
        }));
        List<Query> judgedQueries = readJsonLines(queries, 0).stream()
                .map(node -> new Query(text(node, "_id", queries), node.path("text").asText("")))
                .filter(query -> grades.getOrDefault(query.id(), Map.of()).values().stream().anyMatch(grade -> grade > 0))
                .toList();
        Map<String, Map<String, Integer>> frozen = new LinkedHashMap<>();
        grades.forEach((queryId, judged) -> frozen.put(queryId, Collections.unmodifiableMap(judged)));
        return new BeirDataset(documents, judgedQueries, Collections.unmodifiableMap(frozen));
    }

    /** The grades of a query's judged documents; empty for a query without judgements. */
    Map<String, Integer> relevance(String queryId) {
        return qrels.getOrDefault(queryId, Map.of());
    }

    private static List<JsonNode> readJsonLines(Path file, int limit) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<JsonNode> nodes = new ArrayList<>();
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    nodes.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new IllegalArgumentException(file + " line " + lineNumber + " is not JSON: " + e.getMessage(), e);
                }
                if (limit > 0 && nodes.size() == limit) {
                    break;
                }
            }
            return nodes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** {@code query-id → corpus-id → score}; the header line (or any line whose score is not a number) is skipped. */
    private static Map<String, Map<String, Integer>> readQrels(Path file) {
        Map<String, Map<String, Integer>> grades = new LinkedHashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.strip().split("\t");
                if (fields.length < 3) {
                    throw new IllegalArgumentException(file + " line " + lineNumber
                            + ": expected query-id, corpus-id and score separated by tabs");
                }
                int grade;
                try {
                    grade = Integer.parseInt(fields[2].strip());
                } catch (NumberFormatException e) {
                    if (lineNumber == 1) {
                        continue; // the header: query-id corpus-id score
                    }
                    throw new IllegalArgumentException(file + " line " + lineNumber + ": score '" + fields[2]
                            + "' is not a whole number", e);
                }
                grades.computeIfAbsent(fields[0].strip(), id -> new LinkedHashMap<>()).put(fields[1].strip(), grade);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return grades;
    }

    private static String text(JsonNode node, String field, Path file) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            throw new IllegalArgumentException(file + ": a line has no '" + field + "'");
        }
        return value.asText();
    }
}
