package dev.lumen.domain.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IntentKeyTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Hello!                                              | greeting
            hey there                                           | greeting
            Hi Bruno, how are you?                              | greeting
            Good morning                                        | greeting
            what's up                                           | greeting
            Thanks so much!                                     | thanks
            thank you for the advice                            | thanks
            Bye, see you tomorrow                               | farewell
            How do I sleep better?                              | ask-how:sleep
            Why is running so hard on my knees?                 | ask-why:run
            What is mindfulness?                                | ask-what:mindfulness
            When does the marathon start?                       | ask-when:marathon
            Where can I find a running club?                    | ask-where:run
            Who is Seneca?                                      | ask-who:seneca
            Should I stretch before running?                    | ask-advice:stretch
            Any tips for a marathon?                            | ask-advice:marathon
            Can you write me a meal plan?                       | request:meal
            Please explain compound interest                    | request:compound
            I feel anxious about my exam                        | share-feeling:anxious
            I'm so stressed about work                          | share-feeling:stress
            I want to run a marathon                            | set-goal:marathon
            My goal is to lose weight                           | set-goal:weight
            I finally finished my novel                         | report-progress:novel
            I've been running every morning                     | report-progress:run
            I did not finish the course                         | statement:finish
            Is coffee bad for sleep?                            | ask:coffee
            The weather is nice                                 | statement:weather
            ???                                                 | ask
            """)
    void classifiesTheKindAndFindsTheTopic(String message, String key) {
        assertThat(IntentKey.of(message)).isEqualTo(key);
    }

    @Test
    void differentWordingsOfOneIntentShareAKey() {
        // GIVEN four ways of asking the same thing
        List<String> variants = List.of("How do I sleep better?", "how can I improve my sleeping",
                "Hi! How do I get better sleep?", "HOW TO SLEEP BETTER");

        // WHEN / THEN
        assertThat(variants).extracting(IntentKey::of).containsOnly("ask-how:sleep");
    }

    @Test
    void anOpenerDoesNotHideWhatTheMessageIsAbout() {
        assertThat(IntentKey.of("Hey, can you help me with my diet?")).isEqualTo("request:diet");
        assertThat(IntentKey.of("Thanks! Any advice on stretching?")).isEqualTo("ask-advice:stretch");
        assertThat(IntentKey.of("hey can you help me with my diet")).isEqualTo("request:diet");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\uD83D\uDC4D", "...", "12 34"})
    void aMessageWithoutWordsIsAPlainStatement(String message) {
        assertThat(IntentKey.of(message)).isEqualTo("statement");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Pourquoi est-ce que je n'arrive pas à dormir? Café, thé, rien ne marche!",
            "supercalifragilisticexpialidociousandthensomemorelettersuntilitisreallylong ok?",
            "I_want_to: <script>alert(1)</script> ##### $$$ 😀😀😀",
            "HOW DO I FIX MY BIKE'S BRAKES???",
            "tabs\tand\nnew lines\r\nin here"})
    void keysAreShortAndSafeWhateverTheInput(String message) {
        // WHEN
        String key = IntentKey.of(message);

        // THEN
        assertThat(key).matches("[a-z0-9:-]{1," + IntentKey.MAX_LENGTH + "}");
        assertThat(IntentKey.of(message)).isEqualTo(key);
    }

    @Test
    void theTopicIsCutToItsLimit() {
        String key = IntentKey.of("Tell me about supercalifragilisticexpialidociousandthensomemore");
        assertThat(key).startsWith("request:").hasSize("request:".length() + IntentKey.MAX_TOPIC);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"sleeping, sleep", "sleeps, sleep", "running, run", "runs, run", "stressed, stress",
            "stories, story", "exercise, exercis", "exercising, exercis", "glasses, glass", "anxious, anxious",
            "need, need", "tired, tir"})
    void stemsShareAFormAcrossInflections(String word, String stem) {
        assertThat(IntentKey.stem(word)).isEqualTo(stem);
    }
}
