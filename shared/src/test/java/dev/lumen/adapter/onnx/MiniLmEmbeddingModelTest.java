package dev.lumen.adapter.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lumen.contract.EmbeddingModelContract;
import dev.lumen.domain.vector.EmbeddingModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real model: it loads once per test JVM (about a second), every case shares it. */
class MiniLmEmbeddingModelTest extends EmbeddingModelContract {
    private static final MiniLmEmbeddingModel MODEL = new MiniLmEmbeddingModel();

    @Override
    protected EmbeddingModel model() {
        return MODEL;
    }

    @Test
    void isTheQuantizedMiniLmWith384Dimensions() {
        // WHEN
        float[] vector = MODEL.embed("How do I reset my password?");

        // THEN
        assertThat(MODEL.modelId()).isEqualTo("all-minilm-l6-v2-q");
        assertThat(MODEL.dimensions()).isEqualTo(384);
        assertThat(vector).hasSize(384);
    }

    @Test
    void vectorsHaveUnitLength() {
        // GIVEN a short, a long and an odd text
        List<String> texts = List.of("ok", "We went over your week: three runs, two rest days, one long ride. ".repeat(8),
                "¿Qué tal? 東京 😀 $100+");

        // WHEN
        List<float[]> vectors = MODEL.embed(texts);

        // THEN a dot product of two of them is their cosine
        for (float[] vector : vectors) {
            assertThat(dot(vector, vector)).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void aParaphraseIsCloserThanAnUnrelatedSentence() {
        // GIVEN
        float[] question = MODEL.embed("How do I reset my password?");

        // WHEN
        double paraphrase = dot(question, MODEL.embed("I forgot my login password"));
        double unrelated = dot(question, MODEL.embed("The weather is sunny today"));

        // THEN by a wide margin, not by rounding
        assertThat(paraphrase).isGreaterThan(unrelated + 0.3);
    }

    @Test
    void aLargeListGivesTheSameVectorsAsOneByOne() {
        // GIVEN 40 different texts of different lengths
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            texts.add("Memory " + i + ": the user said they like " + "long walks and quiet mornings, ".repeat(i % 7 + 1));
        }

        // WHEN
        List<float[]> together = MODEL.embed(texts);

        // THEN in order, and bit for bit what each text gets alone
        assertThat(together).hasSize(40);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(together.get(i)).as("text %d", i).isEqualTo(MODEL.embed(texts.get(i)));
        }
    }

    @Test
    void textBeyond256TokensIsCut() {
        // GIVEN a text of more than 256 tokens, and the same with a different ending past that point
        String head = "The user wants to train for a marathon in spring and asked about weekly mileage. ".repeat(25);

        // WHEN
        float[] one = MODEL.embed(head + "They also love cats.");
        float[] other = MODEL.embed(head + "Completely different ending about tax returns and invoices.");

        // THEN only the first 256 tokens count, as in sentence-transformers
        assertThat(one).isEqualTo(other);
        assertThat(MODEL.embed("They also love cats.")).isNotEqualTo(MODEL.embed("Tax returns and invoices."));
    }

    @Test
    void instancesShareOneLoadedModelAndServeThreadsAtOnce() throws Exception {
        // GIVEN a second instance and the vector the first one gives
        MiniLmEmbeddingModel second = new MiniLmEmbeddingModel();
        String text = "Shared model, many threads.";
        float[] expected = MODEL.embed(text);

        // WHEN four threads embed at the same time
        List<Thread> threads = new ArrayList<>();
        List<float[]> results = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 5; i++) {
                    results.add(second.embed(text));
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }

        // THEN every call gave the same vector
        assertThat(results).hasSize(20).allSatisfy(vector -> assertThat(vector).isEqualTo(expected));
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
