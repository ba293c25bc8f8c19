package dev.lumen.domain.vector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecentEmbeddingsTest {
    private final AtomicInteger calls = new AtomicInteger();
    private final EmbeddingModel counting = new EmbeddingModel() {
        @Override
        public String modelId() {
            return "counting";
        }

        @Override
        public int dimensions() {
            return 2;
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            calls.incrementAndGet();
            return texts.stream().map(t -> new float[] {t.length(), 1}).toList();
        }
    };

    @Test
    void theSameMessageEmbeddedTwiceCallsTheModelOnce() {
        RecentEmbeddings embeddings = new RecentEmbeddings(counting);

        float[] first = embeddings.embed("how do I sleep better?");
        first[0] = -1; // a caller changing its copy must not change the cache
        float[] second = embeddings.embed("how do I sleep better?");

        assertThat(calls).hasValue(1);
        assertThat(second).containsExactly(22f, 1f);
        assertThat(embeddings.modelId()).isEqualTo("counting");
        assertThat(embeddings.dimensions()).isEqualTo(2);
    }

    @Test
    void batchesPassThroughAndTheOldestSingleTextsAreForgotten() {
        RecentEmbeddings embeddings = new RecentEmbeddings(counting);

        embeddings.embed(List.of("a", "b"));
        embeddings.embed(List.of("a", "b"));
        assertThat(calls).hasValue(2);

        embeddings.embed("first");
        for (int i = 0; i < RecentEmbeddings.CAPACITY; i++) {
            embeddings.embed("text " + i);
        }
        int before = calls.get();
        embeddings.embed("first");
        assertThat(calls.get()).isEqualTo(before + 1);
    }
}
