package dev.lumen.domain.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.domain.error.ValidationException;
import dev.lumen.fakes.ExactVectorStore;
import dev.lumen.fakes.HashingEmbeddingModel;
import dev.lumen.fakes.ScriptedChatModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KnowledgeQueryTest {
    private static final List<KnowledgeHit> SOURCES = List.of(
            new KnowledgeHit("a:0", "a", "A", 0, "first", 0.9, Map.of()),
            new KnowledgeHit("b:3", "b", "B", 3, "second", 0.8, Map.of()));

    @Test
    void citationsFollowFirstMentionAndIgnoreMarkersWithoutASource() {
        assertThat(KnowledgeQuery.citations("Do this [2], then that [1][2]; see [7] and [0].", SOURCES))
                .extracting(KnowledgeQuery.Citation::marker, KnowledgeQuery.Citation::chunkId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, "b:3"), org.assertj.core.groups.Tuple.tuple(1, "a:0"));
        assertThat(KnowledgeQuery.citations("No sources cited.", SOURCES)).isEmpty();
    }

    @Test
    void badQueriesAreRefusedNamingTheField() {
        KnowledgeQuery query = new KnowledgeQuery(new KnowledgeSearch(new HashingEmbeddingModel(32), new ExactVectorStore()),
                new ScriptedChatModel("unused"));

        assertThatThrownBy(() -> query.query("coach", " ", 5, Map.of(), SearchMode.HYBRID, false))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'query'");
        assertThatThrownBy(() -> query.query("coach", "x", 51, Map.of(), SearchMode.HYBRID, false))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'k'");
        assertThatThrownBy(() -> query.query("coach", "x".repeat(2_001), 5, Map.of(), SearchMode.HYBRID, false))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'query'");
        assertThatThrownBy(() -> SearchMode.parse("fuzzy")).isInstanceOf(ValidationException.class).hasMessageContaining("'mode'");
    }

    @Test
    void aCreatorWithoutKnowledgeGetsNoHitsAndNoCitationsWhateverTheModelClaims() {
        KnowledgeQuery query = new KnowledgeQuery(new KnowledgeSearch(new HashingEmbeddingModel(32), new ExactVectorStore()),
                new ScriptedChatModel("As source [1] says, sleep more."));

        KnowledgeQuery.Result result = query.query("coach", "anything at all", 5, Map.of(), SearchMode.HYBRID, true);

        assertThat(result.hits()).isEmpty();
        assertThat(result.answer().citations()).isEmpty();
        assertThat(result.mode()).isEqualTo("hybrid");
    }
}
