package dev.lumen.domain.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ProfileLearnerTest {
    private final ProfileLearner learner = new ProfileLearner();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            I want to run a marathon, but my knee hurts.                  | run a marathon
            My goal is to sleep eight hours                               | sleep eight hours
            I'm trying to eat less sugar and I hope to lose 5 kg by June. | eat less sugar;lose 5 kg by June
            I’d like to learn Spanish because of my trip                  | learn Spanish
            I really want to get promoted this year!                      | get promoted this year
            I want to run. I want to run.                                 | run
            """)
    void findsGoalsInTheUsersOwnWords(String message, String goals) {
        // WHEN
        ProfileUpdate update = learner.learn(message);

        // THEN
        assertThat(update.goals()).containsExactlyElementsOf(split(goals));
        assertThat(update.preferences()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            I love hiking and I hate crowded gyms                | likes hiking;dislikes crowded gyms
            I can't stand mornings                               | dislikes mornings
            I don't like running in the rain                     | dislikes running in the rain
            I really don't like spinach 🤢                       | dislikes spinach
            I prefer tea over coffee                             | prefers tea over coffee
            I enjoy long walks with my dog                       | enjoys long walks with my dog
            My favourite food is ramen                           | favourite food: ramen
            """)
    void findsLikesAndDislikes(String message, String preferences) {
        assertThat(learner.learn(message).preferences()).containsExactlyElementsOf(split(preferences));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            I finished my first half marathon!               | finished my first half marathon
            I managed to meditate every day this week        | managed to meditate every day this week
            I've been running every morning                  | has been running every morning
            I completed the course, so I'm proud             | completed the course
            """)
    void findsProgress(String message, String progress) {
        assertThat(learner.learn(message).progress()).containsExactlyElementsOf(split(progress));
    }

    @ParameterizedTest
    @ValueSource(strings = {"I don't want to quit", "I did not finish the course", "I did it!",
            "I've been feeling down lately", "I'd like to know more", "I want to tell you something", "I like it", "I wonder what you like"})
    void negatedAndEmptyFindingsAreNotFindings(String message) {
        // WHEN
        ProfileUpdate update = learner.learn(message);

        // THEN
        assertThat(update.goals()).isEmpty();
        assertThat(update.preferences()).isEmpty();
        assertThat(update.progress()).isEmpty();
    }

    @Test
    void cutsALongFindingAtAWordBoundary() {
        // GIVEN a goal of about 200 characters with no punctuation
        String goal = "become someone who wakes up early and trains every single day".repeat(4);
        String message = "I want to " + goal;

        // WHEN
        String found = learner.learn(message).goals().get(0);

        // THEN
        assertThat(found).hasSizeLessThanOrEqualTo(ProfileLearner.MAX_PHRASE);
        assertThat(goal).startsWith(found);
        assertThat(goal.charAt(found.length())).isEqualTo(' ');
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            hey lol how do i sleep better                                                     | concise-casual
            omg this is sooo good 😍😍                                                        | concise-casual
            What time is it?                                                                  | concise-neutral
            What time does the gym open on Sundays?                                           | concise-neutral
            Good evening. Could you please advise me on how I might improve my sleep schedule? | concise-formal
            """)
    void readsTheCommunicationStyle(String message, String style) {
        assertThat(learner.learn(message).communicationStyle()).isEqualTo(style);
    }

    @Test
    void aLongCarefulMessageIsDetailedAndFormal() {
        // GIVEN 60 words, capitalised, punctuated, without contractions, with polite markers
        String message = "Good morning. I would like to describe my situation in some detail, because I believe"
                + " it matters for your advice. I work long shifts at a hospital, and therefore my sleep is"
                + " irregular; however, I am determined to improve it. Could you please suggest a routine that"
                + " fits rotating shifts, and explain how I should adapt it during night weeks? Thank you.";

        // WHEN
        ProfileUpdate update = learner.learn(message);

        // THEN
        assertThat(update.communicationStyle()).isEqualTo("detailed-formal");
        // "I would like to describe…" is about this conversation, not a goal in the user's life
        assertThat(update.goals()).isEmpty();
    }

    @Test
    void aLongRamblingMessageIsDetailedAndCasual() {
        String message = "so yeah idk i've been trying stuff lol, like going to bed earlier and not looking at my"
                + " phone and drinking less coffee but honestly nothing works and i'm kinda tired of it all,"
                + " my friends say just relax but thats not how it works for me haha, anyway whatever, what"
                + " would u do if u were me?? seriously i need ideas";
        assertThat(learner.learn(message).communicationStyle()).isEqualTo("detailed-casual");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"ok", "thanks!", "   "})
    void aMessageTooShortToTellSaysNothing(String message) {
        assertThat(learner.learn(message)).isEqualTo(ProfileUpdate.NOTHING);
    }

    private static List<String> split(String joined) {
        return Arrays.asList(joined.split(";"));
    }
}
