package dev.lumen.fakes;

import dev.lumen.domain.vector.IndexMismatchException;
import dev.lumen.domain.vector.TextQuery;
import dev.lumen.domain.vector.VectorDocument;
import dev.lumen.domain.vector.VectorHit;
import dev.lumen.domain.vector.VectorIndex;
import dev.lumen.domain.vector.VectorQuery;
import dev.lumen.domain.vector.VectorStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * In-memory {@link VectorStore} that compares the query with every document (brute force, double
 * precision): the same contract as the real adapters, and the exact answer that approximate (HNSW)
 * stores are measured against for recall.
 *
 * <p>Lexical search is exact BM25 ({@value #K1}, {@value #B}) over a simple analysis: lower case,
 * split on anything that is not a letter or digit; no stop words, no stemming (the real stores use
 * English analysis, so the contract only relies on what both agree on). Term statistics are the
 * tenant's documents in the index.
 */
public final class ExactVectorStore implements VectorStore {
    static final double K1 = 1.2;
    static final double B = 0.75;
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final Map<String, Index> indexes = new LinkedHashMap<>();

    @Override
    public synchronized void ensureIndex(VectorIndex index) {
        Index existing = indexes.get(index.name());
        if (existing == null) {
            indexes.put(index.name(), new Index(index));
        } else if (!existing.definition.modelId().equals(index.modelId())
                || existing.definition.dimensions() != index.dimensions()) {
            throw new IndexMismatchException("index '" + index.name() + "' holds " + existing.definition.modelId()
                    + " vectors of " + existing.definition.dimensions() + " dimensions, not " + index.modelId()
                    + " of " + index.dimensions());
        }
    }

    @Override
    public synchronized void upsert(String index, List<VectorDocument> documents) {
        Index target = index(index);
        for (VectorDocument document : documents) { // all checked before any is written
            requireText(document.id(), "id");
            requireText(document.tenant(), "tenant");
            if (document.text() == null) {
                throw new IllegalArgumentException("a document needs a text");
            }
            target.definition.requireFits(document.vector());
        }
        for (VectorDocument document : documents) {
            // Copy the vector: a caller reusing its array must not change what is stored.
            target.documents.put(new Key(document.tenant(), document.id()), new VectorDocument(document.id(),
                    document.tenant(), document.text(), document.vector().clone(), document.attributes(),
                    document.createdAt()));
        }
    }

    @Override
    public synchronized List<VectorHit> search(String index, VectorQuery query) {
        Index target = index(index);
        target.definition.requireFits(query.vector());
        List<VectorHit> hits = new ArrayList<>();
        for (VectorDocument document : target.documents.values()) {
            if (document.tenant().equals(query.tenant()) && matches(document, query.filters())) {
                hits.add(new VectorHit(copy(document), VectorHit.scoreOf(query.vector(), document.vector())));
            }
        }
        hits.sort(Comparator.comparingDouble(VectorHit::score).reversed());
        return List.copyOf(hits.subList(0, Math.min(query.k(), hits.size())));
    }

    @Override
    public synchronized List<VectorHit> lexicalSearch(String index, TextQuery query) {
        Index target = index(index);
        List<String> queryTerms = terms(query.text());
        List<List<String>> tenantDocuments = new ArrayList<>();
        Map<String, Integer> documentFrequency = new HashMap<>();
        for (VectorDocument document : target.documents.values()) {
            if (document.tenant().equals(query.tenant())) {
                List<String> terms = terms(document.text());
                tenantDocuments.add(terms);
                terms.stream().distinct().forEach(term -> documentFrequency.merge(term, 1, Integer::sum));
            }
        }
        int count = tenantDocuments.size();
        double averageLength = tenantDocuments.stream().mapToInt(List::size).average().orElse(0);
        List<VectorHit> hits = new ArrayList<>();
        for (VectorDocument document : target.documents.values()) {
            if (!document.tenant().equals(query.tenant()) || !matches(document, query.filters())) {
                continue;
            }
            List<String> terms = terms(document.text());
            Map<String, Integer> frequency = new HashMap<>();
            terms.forEach(term -> frequency.merge(term, 1, Integer::sum));
            double score = 0;
            boolean matched = false;
            for (String term : queryTerms) { // a word twice in the query counts twice, as in the real stores
                int tf = frequency.getOrDefault(term, 0);
                if (tf == 0) {
                    continue;
                }
                matched = true;
                int df = documentFrequency.get(term);
                double idf = Math.log(1 + (count - df + 0.5) / (df + 0.5));
                double norm = K1 * (1 - B + B * terms.size() / averageLength);
                score += idf * tf * (K1 + 1) / (tf + norm);
            }
            if (matched) {
                hits.add(new VectorHit(copy(document), score));
            }
        }
        hits.sort(Comparator.comparingDouble(VectorHit::score).reversed()
                .thenComparing(hit -> hit.document().id()));
        return List.copyOf(hits.subList(0, Math.min(query.k(), hits.size())));
    }

    /** The fake's analysis: lower-case words of letters and digits. */
    static List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        for (String term : NON_WORD.split(text.toLowerCase(Locale.ROOT))) {
            if (!term.isEmpty()) {
                terms.add(term);
            }
        }
        return terms;
    }

    @Override
    public synchronized void delete(String index, String tenant, Collection<String> ids) {
        Index target = index(index);
        requireText(tenant, "tenant");
        ids.forEach(id -> target.documents.remove(new Key(tenant, id)));
    }

    @Override
    public synchronized long count(String index, String tenant) {
        Index target = index(index);
        requireText(tenant, "tenant");
        return target.documents.keySet().stream().filter(key -> key.tenant.equals(tenant)).count();
    }


    private Index index(String name) {
        Index index = indexes.get(name);
        if (index == null) {
            throw new IllegalStateException("no vector index '" + name + "'; ensureIndex creates it");
        }
        return index;
    }

    private static boolean matches(VectorDocument document, Map<String, String> filters) {
        return filters.entrySet().stream()
                .allMatch(filter -> filter.getValue().equals(document.attributes().get(filter.getKey())));
    }

    private static VectorDocument copy(VectorDocument document) {
        return new VectorDocument(document.id(), document.tenant(), document.text(), document.vector().clone(),
                document.attributes(), document.createdAt());
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a vector document needs a " + field);
        }
    }


    private record Key(String tenant, String id) {
    }

    private static final class Index {
        final VectorIndex definition;
        final Map<Key, VectorDocument> documents = new LinkedHashMap<>();

        Index(VectorIndex definition) {
            this.definition = definition;
        }
    }
}
