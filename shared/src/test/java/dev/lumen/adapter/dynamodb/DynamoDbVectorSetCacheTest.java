package dev.lumen.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.contract.VectorSetCacheContract;
import dev.lumen.domain.Ids;
import dev.lumen.domain.vector.VectorSetCache;
import dev.lumen.testing.LocalDynamoDb;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbVectorSetCacheTest extends VectorSetCacheContract {
    private static final String TABLE = LocalDynamoDb.newTable();
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @Override
    protected VectorSetCache newCache() {
        return cache();
    }

    private static DynamoDbVectorSetCache cache() {
        return new DynamoDbVectorSetCache(LocalDynamoDb.client(), TABLE, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aTitanSizedSetIsCutIntoChunksUnderTheItemLimitWithTheManifestAndATtl() {
        // GIVEN 204 vectors of 1024 floats (~835 KB, more than one item may hold)
        String key = "titan|1024|" + Ids.random();
        List<float[]> vectors = random(204, 1024, 7);

        // WHEN it is put
        cache().put(key, vectors);

        // THEN the partition holds 4 chunks under 400 KB each and a manifest, all expiring in 30 days
        List<Map<String, AttributeValue>> items = partition(key);
        assertThat(items).extracting(item -> item.get(LumenTable.SK).s())
                .containsExactly("CHUNK#0000", "CHUNK#0001", "CHUNK#0002", "CHUNK#0003", "MANIFEST");
        assertThat(items).allSatisfy(item -> {
            assertThat(item.get(LumenTable.EXPIRES_AT).n())
                    .isEqualTo(Long.toString(NOW.plus(DynamoDbVectorSetCache.DEFAULT_RETENTION).getEpochSecond()));
            if (item.containsKey("vectors")) {
                assertThat(item.get("vectors").b().asByteArray().length).isLessThanOrEqualTo(DynamoDbVectorSetCache.CHUNK_BYTES);
            }
        });
        assertThat(items.get(4).get("count").n()).isEqualTo("204");
        assertThat(items.get(4).get("dimensions").n()).isEqualTo("1024");
        assertThat(cache().find(key)).hasValueSatisfying(found -> assertThat(found).containsExactlyElementsOf(vectors));
    }

    @Test
    void withoutItsManifestASetIsAMiss() {
        // GIVEN a set whose manifest was never written (the writer stopped after the chunks)
        String key = "titan|1024|" + Ids.random();
        cache().put(key, random(100, 1024, 1));
        delete(key, "MANIFEST");

        // WHEN / THEN it is not found
        assertThat(cache().find(key)).isEmpty();
    }

    @Test
    void aMissingOrCutChunkIsAMiss() {
        // GIVEN two complete sets
        String lost = "titan|1024|" + Ids.random();
        String cut = "titan|1024|" + Ids.random();
        cache().put(lost, random(100, 1024, 2));
        cache().put(cut, random(100, 1024, 3));

        // WHEN one loses a chunk and the other's last chunk is cut short by one float
        delete(lost, "CHUNK#0001");
        Map<String, AttributeValue> last = LocalDynamoDb.client().getItem(r -> r.tableName(TABLE)
                .key(AttributeValues.key(LumenTable.vectorSetPk(cut), "CHUNK#0001"))).item();
        byte[] bytes = last.get("vectors").b().asByteArray();
        Map<String, AttributeValue> shorter = new java.util.HashMap<>(last);
        shorter.put("vectors", AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromByteArray(
                java.util.Arrays.copyOf(bytes, bytes.length - Float.BYTES))));
        LocalDynamoDb.client().putItem(r -> r.tableName(TABLE).item(shorter));

        // THEN both miss rather than return a part of the set
        assertThat(cache().find(lost)).isEmpty();
        assertThat(cache().find(cut)).isEmpty();
    }

    private static void delete(String key, String sk) {
        LocalDynamoDb.client().deleteItem(r -> r.tableName(TABLE).key(AttributeValues.key(LumenTable.vectorSetPk(key), sk)));
    }

    private static List<Map<String, AttributeValue>> partition(String key) {
        return Partitions.items(LocalDynamoDb.client(), Partitions.whole(TABLE, LumenTable.vectorSetPk(key)));
    }
}
