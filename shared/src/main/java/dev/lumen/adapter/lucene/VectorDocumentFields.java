package dev.lumen.adapter.lucene;

import dev.lumen.domain.vector.VectorDocument;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;

/**
 * How a {@link VectorDocument} is laid out in a Lucene index, and read back. Every field a hit
 * returns is stored, so a search answers with whole documents and no second lookup.
 *
 * <ul>
 *   <li>{@value #KEY}: tenant and id together (indexed, not stored) — the update/delete key, so a
 *       tenant reusing another tenant's id writes its own document;</li>
 *   <li>{@value #TENANT} and {@value #ATTRIBUTE_PREFIX}{@code <name>}: exact-match keyword fields for filters;</li>
 *   <li>{@value #TEXT}: analysed (the writer's analyser, English) and stored, searched with BM25;</li>
 *   <li>{@value #VECTOR}: the HNSW field (cosine); {@value #VECTOR_COPY} a stored copy of its bits,
 *       because Lucene's vector values are not a stored field.</li>
 * </ul>
 */
final class VectorDocumentFields {
    static final String KEY = "key";
    static final String ID = "id";
    static final String TENANT = "tenant";
    static final String TEXT = "text";
    static final String CREATED_AT = "createdAt";
    static final String VECTOR = "vector";
    static final String VECTOR_COPY = "vector.stored";
    static final String ATTRIBUTE_PREFIX = "attr.";

    private VectorDocumentFields() {
    }

    /**
     * The update/delete key of a tenant's document. The tenant's length goes first so that no two
     * (tenant, id) pairs give the same key: ("t", "1/d") and ("t/1", "d") differ.
     */
    static Term key(String tenant, String id) {
        return new Term(KEY, tenant.length() + ":" + tenant + id);
    }

    static Term tenant(String tenant) {
        return new Term(TENANT, tenant);
    }

    static Term attribute(String name, String value) {
        return new Term(ATTRIBUTE_PREFIX + name, value);
    }

    static Document toLucene(VectorDocument document) {
        Document lucene = new Document();
        lucene.add(new StringField(KEY, key(document.tenant(), document.id()).text(), Field.Store.NO));
        lucene.add(new StoredField(ID, document.id()));
        lucene.add(new StringField(TENANT, document.tenant(), Field.Store.YES));
        lucene.add(new TextField(TEXT, document.text(), Field.Store.YES));
        document.attributes().forEach((name, value) ->
                lucene.add(new StringField(ATTRIBUTE_PREFIX + name, value, Field.Store.YES)));
        if (document.createdAt() != null) {
            // ISO-8601 keeps every nanosecond and reads back with Instant.parse.
            lucene.add(new StoredField(CREATED_AT, document.createdAt().toString()));
        }
        lucene.add(new KnnFloatVectorField(VECTOR, document.vector(), VectorSimilarityFunction.COSINE));
        lucene.add(new StoredField(VECTOR_COPY, new BytesRef(bytes(document.vector()))));
        return lucene;
    }

    static VectorDocument fromLucene(Document lucene) {
        Map<String, String> attributes = new HashMap<>();
        for (IndexableField field : lucene.getFields()) {
            if (field.name().startsWith(ATTRIBUTE_PREFIX)) {
                attributes.put(field.name().substring(ATTRIBUTE_PREFIX.length()), field.stringValue());
            }
        }
        String createdAt = lucene.get(CREATED_AT);
        return new VectorDocument(lucene.get(ID), lucene.get(TENANT), lucene.get(TEXT),
                floats(lucene.getBinaryValue(VECTOR_COPY)), attributes,
                createdAt == null ? null : Instant.parse(createdAt));
    }

    private static byte[] bytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    private static float[] floats(BytesRef bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes.bytes, bytes.offset, bytes.length).order(ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer().get(vector);
        return vector;
    }
}
