package dev.lumen.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.domain.vector.EmbeddingModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EmbeddingModel} must do, whatever its vectors mean: say its id and size, keep
 * order, give a text the same vector every time and whatever it is embedded with. An adapter's
 * test extends this class and says which model to test ({@link #model()} is called inside each
 * case, after the subclass's own set-up).
 */
public abstract class EmbeddingModelContract {
    private static final List<String> TEXTS = List.of(
            "I finally ran my first 10 km without stopping.",
            "My manager keeps moving my deadlines.",
            "Remind me what we said about my sleep schedule?",
            "Je préfère les réponses courtes, s'il te plaît.",
            "A longer memory: " + "we talked about training plans, rest days and nutrition. ".repeat(12));

    protected abstract EmbeddingModel model();

    @Test
    void namesItselfAndItsDimensions() {
        // GIVEN
        EmbeddingModel model = model();

        // WHEN / THEN
        assertThat(model.modelId()).isNotBlank();
        assertThat(model.dimensions()).isPositive();
    }

    @Test
    void returnsOneVectorPerTextInTheGivenOrderEachOfTheModelsSize() {
        // GIVEN
        EmbeddingModel model = model();

        // WHEN
        List<float[]> vectors = model.embed(TEXTS);

        // THEN each list position holds the vector of the text at that position
        assertThat(vectors).hasSize(TEXTS.size());
        for (int i = 0; i < TEXTS.size(); i++) {
            assertThat(vectors.get(i)).as("vector %d", i).hasSize(model.dimensions())
                    .isEqualTo(model.embed(TEXTS.get(i)));
        }
    }

    @Test
    void aTextHasTheSameVectorEveryTimeAndWhateverItIsEmbeddedWith() {
        // GIVEN
        EmbeddingModel model = model();
        List<String> reversed = new ArrayList<>(TEXTS);
        Collections.reverse(reversed);

        // WHEN
        float[] alone = model.embed(TEXTS.get(1));
        float[] again = model.embed(TEXTS.get(1));
        float[] amongOthers = model.embed(reversed).get(TEXTS.size() - 2);

        // THEN
        assertThat(again).isEqualTo(alone);
        assertThat(amongOthers).isEqualTo(alone);
    }

    @Test
    void differentTextsGetDifferentVectors() {
        // GIVEN
        EmbeddingModel model = model();

        // WHEN
        List<float[]> vectors = model.embed(TEXTS.subList(0, 3));

        // THEN
        assertThat(Arrays.equals(vectors.get(0), vectors.get(1))).isFalse();
        assertThat(Arrays.equals(vectors.get(1), vectors.get(2))).isFalse();
    }

    @Test
    void anEmptyListGivesAnEmptyList() {
        // WHEN / THEN
        assertThat(model().embed(List.of())).isEmpty();
    }

    @Test
    void aBlankTextIsRefused() {
        // GIVEN
        EmbeddingModel model = model();
        List<String> withBlank = List.of("a real text", " \n\t");

        // WHEN / THEN
        assertThatThrownBy(() -> model.embed(withBlank)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> model.embed("")).isInstanceOf(IllegalArgumentException.class);
    }
}
