package dev.lumen.adapter.opensearch;

import dev.lumen.domain.vector.IndexMismatchException;
import dev.lumen.domain.vector.VectorIndex;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.mapping.DynamicMapping;
import org.opensearch.client.opensearch._types.mapping.DynamicTemplate;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;
import org.opensearch.client.opensearch.indices.CreateIndexRequest;

/**
 * The shape of a Lumen vector index in OpenSearch, and how an existing index says which embedding
 * model it was made for (the mapping's {@code _meta}).
 *
 * <pre>
 * id, tenant          keyword    tenant is in every query's filter
 * attributes.*        keyword    exact-match filters (personaId, userId, ...); names escaped, see {@link #attributeField}
 * text                text       english analyzer, BM25 (the node's default similarity: k1 1.2, b 0.75)
 * createdAt           date       _source keeps the nanoseconds
 * vector              knn_vector hnsw, lucene engine, cosinesimil
 * </pre>
 */
final class VectorIndexMapping {
    static final String ID = "id";
    static final String TENANT = "tenant";
    static final String TEXT = "text";
    static final String VECTOR = "vector";
    static final String ATTRIBUTES = "attributes";
    static final String CREATED_AT = "createdAt";

    /** OpenSearch's built-in analyser, the same chain as Lucene's EnglishAnalyzer in the embedded store. */
    static final String TEXT_ANALYZER = "english";

    static final String META_MODEL_ID = "modelId";
    static final String META_DIMENSIONS = "dimensions";

    private VectorIndexMapping() {
    }

    /**
     * A request that creates the index for {@code index}'s model and dimension.
     *
     * <p>The vector field always names its method: the k-NN plugin's default engine is faiss, a
     * native library, and so is nmslib; the lucene engine is pure Java, needs nothing installed on
     * the node and filters efficiently (it falls back to exact search when a filter leaves few
     * documents, which a per-user memory filter usually does).
     */
    static CreateIndexRequest createRequest(String physicalName, VectorIndex index) {
        return CreateIndexRequest.of(create -> create
                .index(physicalName)
                .settings(settings -> settings
                        .knn(true)
                        // memories and knowledge chunks are small: one shard is enough and faster
                        // to search than many; a replica wherever there is a second node
                        .numberOfShards("1")
                        .autoExpandReplicas("0-1"))
                .mappings(mapping -> mapping
                        .meta(META_MODEL_ID, JsonData.of(index.modelId()))
                        .meta(META_DIMENSIONS, JsonData.of(index.dimensions()))
                        // a typo in a field name fails the write instead of adding a field
                        .dynamic(DynamicMapping.Strict)
                        .properties(ID, p -> p.keyword(k -> k))
                        .properties(TENANT, p -> p.keyword(k -> k))
                        // Indexes created before lexical search map text with the standard analyser, and
                        // an existing field's analyser cannot change: they keep working, without stemming,
                        // until re-created (delete the index and re-ingest).
                        .properties(TEXT, p -> p.text(t -> t.analyzer(TEXT_ANALYZER)))
                        .properties(CREATED_AT, p -> p.date(d -> d))
                        .properties(ATTRIBUTES, p -> p.object(o -> o.dynamic(DynamicMapping.True)))
                        .dynamicTemplates(List.of(Map.of("attributes_are_keywords", DynamicTemplate.of(template -> template
                                .pathMatch(ATTRIBUTES + ".*")
                                .mapping(p -> p.keyword(k -> k))))))
                        .properties(VECTOR, p -> p.knnVector(knn -> knn
                                .dimension(index.dimensions())
                                .method(method -> method
                                        .name("hnsw")
                                        .engine("lucene")
                                        .spaceType("cosinesimil"))))));
    }

    /**
     * The name an attribute has inside {@value #ATTRIBUTES}. OpenSearch reads a dot in a field name
     * as a path, so {@code meta.topic} and {@code meta} could not both be attributes (one an object,
     * the other a keyword): dots are written as {@code %2E}, and '%' as {@code %25} so the name
     * reads back unchanged. Names without either are stored as they are.
     */
    static String attributeField(String name) {
        return name.replace("%", "%25").replace(".", "%2E");
    }

    /** The attribute name of a field written by {@link #attributeField}. */
    static String attributeName(String field) {
        StringBuilder name = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            if (field.startsWith("%2E", i)) {
                name.append('.');
                i += 2;
            } else if (field.startsWith("%25", i)) {
                name.append('%');
                i += 2;
            } else {
                name.append(field.charAt(i));
            }
        }
        return name.toString();
    }

    /**
     * What an existing index was made for.
     *
     * @throws IndexMismatchException when the index was not made by this adapter (no model in its {@code _meta})
     */
    static VectorIndex definition(String name, TypeMapping mapping) {
        Map<String, JsonData> meta = mapping == null ? Map.of() : mapping.meta();
        Optional<String> modelId = Optional.ofNullable(meta.get(META_MODEL_ID)).map(JsonData::toJson)
                .filter(value -> value.getValueType() == JsonValue.ValueType.STRING)
                .map(value -> ((JsonString) value).getString());
        Optional<Integer> dimensions = Optional.ofNullable(meta.get(META_DIMENSIONS)).map(JsonData::toJson)
                .filter(value -> value.getValueType() == JsonValue.ValueType.NUMBER)
                .map(value -> ((JsonNumber) value).intValue());
        if (modelId.isEmpty() || dimensions.isEmpty()) {
            throw new IndexMismatchException("index '" + name + "' exists but does not record its embedding model"
                    + " and dimension; it was not created as a Lumen vector index");
        }
        return new VectorIndex(name, modelId.get(), dimensions.get());
    }
}
