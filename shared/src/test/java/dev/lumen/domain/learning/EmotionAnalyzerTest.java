package dev.lumen.domain.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EmotionAnalyzerTest {
    private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");
    private final EmotionAnalyzer analyzer = new EmotionAnalyzer();

    // One plain cue gives 0.39, an intensified one 0.53, a softened or negated one 0.26, two cues 0.63;
    // each '!' adds 0.05 (at most three count).
    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            I'm happy                                   | joyful     | 0.39 | happy
            I'm so happy!!                              | joyful     | 0.63 | happy
            I am not happy                              | sad        | 0.26 | not happy
            I am not feeling very happy                 | sad        | 0.26 | not happy
            Don't worry, I'm okay                       | calm       | 0.26 | don't worry
            I'm worried and nervous about the exam      | anxious    | 0.63 | worried;nervous
            I'm a bit tired                             | tired      | 0.26 | tired
            I'm exhausted and stressed, so stressed     | stressed   | 0.71 | exhausted;stressed
            I feel so lonely these days                 | lonely     | 0.53 | lonely
            I don’t understand this at all              | confused   | 0.39 | don't understand
            I'm tired of this                           | frustrated | 0.39 | tired of
            Thank you so much                           | grateful   | 0.39 | thank you
            I'm not sad, just tired                     | tired      | 0.39 | not sad;tired
            I am really angry at my boss                | angry      | 0.53 | angry
            😭                                          | sad        | 0.39 | 😭
            I'm happy but worried                       | joyful     | 0.39 | happy;worried
            I can't relax, I'm not calm at all          | anxious    | 0.26 | not calm
            """)
    void readsTheStateItsLevelAndTriggers(String message, String state, double level, String triggers) {
        // WHEN
        Optional<EmotionalState> found = analyzer.analyze(message, AT);

        // THEN
        assertThat(found).hasValueSatisfying(s -> {
            assertThat(s.state()).isEqualTo(state);
            assertThat(s.level()).isEqualTo(level);
            assertThat(s.triggers()).containsExactlyElementsOf(Arrays.asList(triggers.split(";")));
            assertThat(s.at()).isEqualTo(AT);
            assertThat(s.source()).isEqualTo(EmotionalState.LEARNED);
        });
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"What time is it?", "My run was 5 km", "I'm not tired", "Send me the plan.",
            "I sat down on the content", "the gift was a lollipop"})
    void saysNothingWhenTheMessageShowsNoFeeling(String message) {
        assertThat(analyzer.analyze(message, AT)).isEmpty();
    }

    @Test
    void moreCuesAndExclamationsRaiseTheLevelButNeverPastOne() {
        // GIVEN
        String calm = "I'm happy";
        String excited = "I'm so happy, so excited, so thrilled and delighted!!!!!!!!";

        // WHEN
        double low = analyzer.analyze(calm, AT).orElseThrow().level();
        double high = analyzer.analyze(excited, AT).orElseThrow().level();

        // THEN
        assertThat(high).isGreaterThan(low).isLessThanOrEqualTo(1.0);
        assertThat(high).isEqualTo(1.0);
    }

    @Test
    void keepsAtMostTenTriggersInReadingOrder() {
        // GIVEN twelve distinct cues
        String message = "sad, upset, miserable, depressed, crying, hopeless, devastated, gloomy, heartbroken,"
                + " unhappy, grieving, cried";

        // WHEN
        EmotionalState state = analyzer.analyze(message, AT).orElseThrow();

        // THEN
        assertThat(state.triggers()).hasSize(EmotionalState.MAX_TRIGGERS)
                .startsWith("sad", "upset").doesNotContain("grieving", "cried");
        assertThat(state.state()).isEqualTo("sad");
    }

    @Test
    void negationDoesNotReachAcrossAClause() {
        // "not" belongs to the first clause; "happy" stands on its own after the comma and "but"
        assertThat(analyzer.analyze("It was not easy, but I'm happy", AT)).hasValueSatisfying(s -> {
            assertThat(s.state()).isEqualTo("joyful");
            assertThat(s.triggers()).containsExactly("happy");
        });
    }

    @Test
    void theSameMessageGivesTheSameState() {
        String message = "Honestly I'm so stressed and a bit anxious about tomorrow!";
        assertThat(analyzer.analyze(message, AT)).isEqualTo(analyzer.analyze(message, AT));
        assertThat(analyzer.analyze(message, AT).orElseThrow().triggers()).isEqualTo(List.of("stressed", "anxious"));
    }
}
