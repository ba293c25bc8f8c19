package dev.lumen.domain.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.domain.chat.Usage;
import dev.lumen.fakes.ExactVectorStore;
import dev.lumen.fakes.HashingEmbeddingModel;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MemoryServiceTest {
    private final ExactVectorStore vectors = new ExactVectorStore();
    private final MemoryService memory = new MemoryService(new HashingEmbeddingModel(64), vectors);

    private static InteractionRecorded turn(String id, String tenant, String persona, String user, String said) {
        return new InteractionRecorded(id, tenant, persona, user, "s-" + id, "u-" + id, said, "Noted.",
                "lumen-offline", new Usage(10, 5), Instant.parse("2026-11-22T10:00:00Z"));
    }

    @Test
    void recallsTheMostSimilarMemoriesOfThisPersonaAndUserOnly() {
        // GIVEN memories of one user, another user, another persona and another tenant
        memory.remember(turn("m1", "t1", "ada", "u1", "My dog Biscuit loves long walks in the park"));
        memory.remember(turn("m2", "t1", "ada", "u1", "I am revising calculus for my exam"));
        memory.remember(turn("m3", "t1", "ada", "u2", "My dog Biscuit loves long walks in the park"));
        memory.remember(turn("m4", "t1", "bob", "u1", "My dog Biscuit loves long walks in the park"));
        memory.remember(turn("m5", "t2", "ada", "u1", "My dog Biscuit loves long walks in the park"));

        // WHEN
        var recalled = memory.recall("t1", "ada", "u1", "How is Biscuit, your dog?", 5);

        // THEN
        assertThat(recalled).extracting(RecalledMemory::memoryId).containsExactly("m1", "m2");
        assertThat(recalled.get(0).text()).contains("User: My dog Biscuit", "Assistant: Noted.");
        assertThat(recalled.get(0).sessionId()).isEqualTo("s-m1");
        assertThat(recalled.get(0).score()).isGreaterThan(recalled.get(1).score());
    }

    @Test
    void rememberingTheSameInteractionTwiceKeepsOneMemory() {
        memory.remember(turn("m1", "t1", "ada", "u1", "I like tea"));
        memory.remember(turn("m1", "t1", "ada", "u1", "I like tea"));
        assertThat(vectors.count(MemoryService.INDEX, "t1")).isEqualTo(1);
    }

    @Test
    void anonymousMemoriesAreKeptApartFromEveryUser() {
        memory.remember(turn("m1", "t1", "ada", null, "I like green tea"));
        memory.remember(turn("m2", "t1", "ada", "anonymous", "I like black tea"));
        assertThat(memory.recall("t1", "ada", null, "tea", 5)).extracting(RecalledMemory::memoryId).containsExactly("m1");
        assertThat(memory.recall("t1", "ada", "anonymous", "tea", 5)).extracting(RecalledMemory::memoryId).containsExactly("m2");
    }
}
