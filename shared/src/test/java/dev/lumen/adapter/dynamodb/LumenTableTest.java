package dev.lumen.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

class LumenTableTest {

    @Test
    void aPersonasProfileAndTraitsFormOneRangeThatExcludesItsAuditTrail() {
        // GIVEN every kind of sort key in a persona's partition, shuffled by natural sort
        String audit = LumenTable.auditSk("zzz", Instant.parse("2030-01-01T00:00:00Z"), "c1");
        String firstTrait = LumenTable.traitSk("0");
        String lastTrait = LumenTable.traitSk("zzzzzzzz");
        String dashed = LumenTable.traitSk("a-b_c");

        // WHEN / THEN the key condition BETWEEN PROFILE AND TRAIT$ holds exactly profile and traits
        for (String inRange : List.of(LumenTable.PROFILE, firstTrait, lastTrait, dashed)) {
            assertThat(inRange).isBetween(LumenTable.PROFILE, LumenTable.PERSONA_RANGE_END);
        }
        assertThat(audit).isLessThan(LumenTable.PROFILE);
    }

    @Test
    void sortableInstantsOrderLikeTimeWhateverTheirPrecision() {
        // GIVEN instants whose ISO-8601 text (Instant.toString) sorts out of time order
        List<Instant> chronological = List.of(
                Instant.parse("2024-05-01T10:00:00Z"),
                Instant.parse("2024-05-01T10:00:00.000000001Z"),
                Instant.parse("2024-05-01T10:00:00.5Z"),
                Instant.parse("2024-05-01T10:00:01Z"));
        assertThat(chronological.get(0).toString()).isGreaterThan(chronological.get(2).toString());

        // WHEN
        List<String> keys = new ArrayList<>();
        chronological.forEach(at -> keys.add(LumenTable.messageSk(at, "m")));

        // THEN
        assertThat(keys).isSorted().doesNotHaveDuplicates();
        assertThat(LumenTable.sortableInstant(chronological.get(2))).isEqualTo("2024-05-01T10:00:00.500000000Z");
    }

    @Test
    void anAuditPrefixMatchesOnlyItsOwnTrait() {
        String ofA = LumenTable.auditSk("a", Instant.EPOCH, "c1");
        String ofAb = LumenTable.auditSk("ab", Instant.EPOCH, "c1");

        assertThat(ofA).startsWith(LumenTable.auditPrefix("a"));
        assertThat(ofAb).doesNotStartWith(LumenTable.auditPrefix("a")).startsWith(LumenTable.auditPrefix("ab"));
    }

    @Test
    void theTableIsOnDemandWithOneGsiProjectingEverything() {
        CreateTableRequest request = LumenTable.createTableRequest("t");

        assertThat(request.billingModeAsString()).isEqualTo("PAY_PER_REQUEST");
        assertThat(request.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyType())
                .containsExactly("pk:" + KeyType.HASH, "sk:" + KeyType.RANGE);
        assertThat(request.globalSecondaryIndexes()).singleElement().satisfies(gsi -> {
            assertThat(gsi.indexName()).isEqualTo("gsi1");
            assertThat(gsi.keySchema()).extracting(k -> k.attributeName()).containsExactly("gsi1pk", "gsi1sk");
            assertThat(gsi.projection().projectionType()).isEqualTo(ProjectionType.ALL);
        });
    }

    @Test
    void theTimeBoundSplitsPendingAndTypingKeysExactlyAtItsInstant() {
        // GIVEN keys at, just before and just after one instant, with ids that sort high and low
        Instant at = Instant.parse("2024-05-01T10:00:00Z");
        String bound = LumenTable.timeKeyBound(at);

        // WHEN / THEN "<= bound" is at or before the instant, "> bound" is after it
        assertThat(LumenTable.pendingGsiSk(at, "zzzzzzzz")).isLessThanOrEqualTo(bound);
        assertThat(LumenTable.pendingGsiSk(at.minusNanos(1), "z")).isLessThanOrEqualTo(bound);
        assertThat(LumenTable.pendingGsiSk(at.plusNanos(1), "0")).isGreaterThan(bound);
        assertThat(LumenTable.typingGsiSk(at, "zz_zz", "zz-zz")).isLessThanOrEqualTo(bound);
        assertThat(LumenTable.typingGsiSk(at.plusNanos(1), "0", "0")).isGreaterThan(bound);
    }

    @Test
    void aPatternPrefixMatchesOnlyItsOwnPersonaAndIntentsMayContainHashes() {
        String ofA = LumenTable.patternSk("a", "ask#how");
        String ofAb = LumenTable.patternSk("ab", "x");

        assertThat(ofA).startsWith(LumenTable.patternPrefix("a")).endsWith("#ask#how");
        assertThat(ofAb).doesNotStartWith(LumenTable.patternPrefix("a"));
    }

    @Test
    void statsShardsAreNumberedFromZero() {
        assertThat(LumenTable.statsShardSk(0)).isEqualTo("SHARD#0");
        assertThat(LumenTable.statsShardSk(LumenTable.STATS_SHARDS - 1)).isEqualTo("SHARD#15");
        assertThatThrownBy(() -> LumenTable.statsShardSk(LumenTable.STATS_SHARDS))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
