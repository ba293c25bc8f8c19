package dev.lumen.adapter.dynamodb;

import static dev.lumen.adapter.dynamodb.AttributeValues.n;
import static dev.lumen.adapter.dynamodb.AttributeValues.s;

import dev.lumen.domain.vector.VectorSetCache;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link VectorSetCache} on the single table. A set of Titan v2 vectors (~200 × 1024 floats, ~800 KB)
 * is larger than one item may be (400 KB), so it is cut into chunks of at most {@value #CHUNK_BYTES}
 * bytes of float32 little-endian binary — exact, so the vectors read back are the ones put — one item
 * each ({@code VECTORSET#{key}} / {@code CHUNK#0000}…), and a {@code MANIFEST} item with the count,
 * the dimensions and the number of chunks is written last. A read is one Query of the partition and
 * counts as a hit only with the manifest and every chunk it names, so a set a crashed writer left
 * half-written is a miss. Every item carries {@link LumenTable#EXPIRES_AT} ({@code retention}, 30 days
 * by default), so sets of models or exemplar lists no longer in use age out.
 */
public final class DynamoDbVectorSetCache implements VectorSetCache {
    /** Room under the 400 KB item limit for the keys and the other attributes. */
    static final int CHUNK_BYTES = 256 * 1024;
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    private static final String MANIFEST = "MANIFEST";
    private static final String CHUNK_PREFIX = "CHUNK#";
    private static final String VECTORS = "vectors";
    private static final String COUNT = "count";
    private static final String DIMENSIONS = "dimensions";
    private static final String CHUNKS = "chunks";

    private final DynamoDbClient client;
    private final String tableName;
    private final Clock clock;
    private final Duration retention;

    public DynamoDbVectorSetCache(DynamoDbClient client, String tableName, Clock clock) {
        this(client, tableName, clock, DEFAULT_RETENTION);
    }

    public DynamoDbVectorSetCache(DynamoDbClient client, String tableName, Clock clock, Duration retention) {
        this.client = client;
        this.tableName = tableName;
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public Optional<List<float[]>> find(String key) {
        // Eventually consistent: a stale or partial view is a miss, and a miss is only slower.
        List<Map<String, AttributeValue>> items = Partitions.items(client,
                Partitions.whole(tableName, LumenTable.vectorSetPk(key)).consistentRead(false));
        Map<String, AttributeValue> manifest = null;
        Map<String, Map<String, AttributeValue>> chunks = new HashMap<>();
        for (Map<String, AttributeValue> item : items) {
            String sk = item.get(LumenTable.SK).s();
            if (sk.equals(MANIFEST)) {
                manifest = item;
            } else if (sk.startsWith(CHUNK_PREFIX)) {
                chunks.put(sk, item);
            }
        }
        if (manifest == null) {
            return Optional.empty();
        }
        int count = number(manifest, COUNT);
        int dimensions = number(manifest, DIMENSIONS);
        int chunkCount = number(manifest, CHUNKS);
        if (count < 0 || dimensions <= 0 || chunkCount < 0) {
            return Optional.empty();
        }
        List<float[]> vectors = new ArrayList<>(count);
        for (int chunk = 0; chunk < chunkCount; chunk++) {
            Map<String, AttributeValue> item = chunks.get(chunkSk(chunk));
            AttributeValue binary = item == null ? null : item.get(VECTORS);
            if (binary == null || binary.b() == null) {
                return Optional.empty();
            }
            ByteBuffer bytes = binary.b().asByteBuffer();
            if (bytes.remaining() % ((long) dimensions * Float.BYTES) != 0) {
                return Optional.empty();
            }
            FloatBuffer floats = bytes.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            while (floats.hasRemaining()) {
                float[] vector = new float[dimensions];
                floats.get(vector);
                vectors.add(vector);
            }
        }
        return vectors.size() == count ? Optional.of(vectors) : Optional.empty();
    }

    @Override
    public void put(String key, List<float[]> vectors) {
        int dimensions = vectors.isEmpty() ? 1 : vectors.get(0).length;
        for (float[] vector : vectors) {
            if (vector.length != dimensions || dimensions == 0) {
                throw new IllegalArgumentException("every vector of a set must have the same, non-zero length");
            }
        }
        int perChunk = Math.max(1, CHUNK_BYTES / (dimensions * Float.BYTES));
        if ((long) dimensions * Float.BYTES > CHUNK_BYTES) {
            throw new IllegalArgumentException("a vector of " + dimensions + " floats does not fit in one item");
        }
        String pk = LumenTable.vectorSetPk(key);
        AttributeValue expiresAt = n(clock.instant().plus(retention).getEpochSecond());
        int chunkCount = 0;
        for (int from = 0; from < vectors.size(); from += perChunk) {
            List<float[]> part = vectors.subList(from, Math.min(vectors.size(), from + perChunk));
            ByteBuffer bytes = ByteBuffer.allocate(part.size() * dimensions * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            FloatBuffer floats = bytes.asFloatBuffer();
            part.forEach(floats::put);
            Map<String, AttributeValue> item = new HashMap<>();
            item.put(LumenTable.PK, s(pk));
            item.put(LumenTable.SK, s(chunkSk(chunkCount)));
            item.put(LumenTable.TYPE, s("VECTORSET_CHUNK"));
            item.put(VECTORS, AttributeValue.fromB(SdkBytes.fromByteBuffer(bytes)));
            item.put(LumenTable.EXPIRES_AT, expiresAt);
            client.putItem(r -> r.tableName(tableName).item(item));
            chunkCount++;
        }
        // Last: until the manifest is there, readers miss instead of reading a part of the set.
        Map<String, AttributeValue> manifest = new HashMap<>();
        manifest.put(LumenTable.PK, s(pk));
        manifest.put(LumenTable.SK, s(MANIFEST));
        manifest.put(LumenTable.TYPE, s("VECTORSET"));
        manifest.put(COUNT, n(vectors.size()));
        manifest.put(DIMENSIONS, n(dimensions));
        manifest.put(CHUNKS, n(chunkCount));
        manifest.put(LumenTable.EXPIRES_AT, expiresAt);
        client.putItem(r -> r.tableName(tableName).item(manifest));
    }

    private static String chunkSk(int chunk) {
        return CHUNK_PREFIX + String.format(java.util.Locale.ROOT, "%04d", chunk);
    }

    private static int number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.n() == null) {
            return -1;
        }
        try {
            return Integer.parseInt(value.n());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
