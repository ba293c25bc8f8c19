package dev.lumen.domain.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CrisisPatternsTest {
    private final CrisisPatterns patterns = new CrisisPatterns();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "I'm going to kill myself tonight.                          | SUICIDE_SELF_HARM | HIGH",
            "I've been stockpiling my sleeping pills for weeks.         | SUICIDE_SELF_HARM | HIGH",
            "By the time you read this I'll be gone.                    | SUICIDE_SELF_HARM | HIGH",
            "I wish I was dead, there is no reason to live.             | SUICIDE_SELF_HARM | MEDIUM",
            "I cut myself again after school.                           | SUICIDE_SELF_HARM | MEDIUM",
            "I told my therapist I've been slicing myself up again.     | SUICIDE_SELF_HARM | MEDIUM",
            "Some nights I just wish for my death.                      | SUICIDE_SELF_HARM | MEDIUM",
            "It makes me wanna kill everyone including myself.          | SUICIDE_SELF_HARM | MEDIUM",
            "I watch my blood fill the syringe, bloodletting calms me.  | SUICIDE_SELF_HARM | LOW",
            "Nobody talks about SH, it's easier to hide than drinking.  | SUICIDE_SELF_HARM | LOW",
            "I feel so hopeless about everything.                       | SUICIDE_SELF_HARM | LOW",
            "I make myself throw up after dinner every night.           | EATING_DISORDER   | MEDIUM",
            "I can't stop drinking, it starts at breakfast.             | SUBSTANCE_ABUSE   | MEDIUM",
            "My husband said he will kill me if I tell anyone.          | DOMESTIC_VIOLENCE | HIGH",
            "My boyfriend hits me when he's drunk.                      | DOMESTIC_VIOLENCE | MEDIUM",
            "The voices are telling me to hurt my neighbour.            | ACUTE_CRISIS      | HIGH",
            "I think I'm having a breakdown, everything is spinning.    | ACUTE_CRISIS      | MEDIUM"})
    void findsEachCategoryAtItsSeverity(String message, CrisisCategory category, Severity severity) {
        // GIVEN a message in one category  WHEN the patterns run
        List<CrisisPatterns.Hit> hits = patterns.find(message);

        // THEN the strongest hit of that category has the expected severity and names the phrase
        assertThat(hits).filteredOn(h -> h.category() == category)
                .extracting(CrisisPatterns.Hit::severity)
                .isNotEmpty()
                .allMatch(s -> s.compareTo(severity) <= 0)
                .contains(severity);
        assertThat(hits).allMatch(h -> !h.phrase().isBlank());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "How do I kill a Python process?",
            "how do i kill a python process that hangs on exit",
            "This workout is killing me!",
            "I need suicide statistics for a school report.",
            "What are the suicide rates among teenagers? It's for a school report.",
            "How many people die by suicide each year? I'm writing a report for school.",
            "I'm dying to see the new Dune movie.",
            "I could murder a burger right now.",
            "You're killing me, stop with the puns.",
            "I killed it at my interview today.",
            "I cut myself a slice of cake.",
            "Let's hang out after work.",
            "Sh! The baby is asleep, this sh*t can wait.",
            "I sliced the onions myself and cut the bread."})
    void leavesLookAlikesAlone(String message) {
        // GIVEN a look-alike  WHEN the patterns run  THEN nothing is found
        assertThat(patterns.find(message)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n\t"})
    void findsNothingInBlankText(String message) {
        assertThat(patterns.find(message)).isEmpty();
        assertThat(patterns.find(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "I want to kill myself with it tonight.",
            "I'll kill myself this time, I mean it."})
    void aLookAlikeExclusionDoesNotSwallowARealIntent(String message) {
        assertThat(patterns.find(message)).extracting(CrisisPatterns.Hit::severity).contains(Severity.HIGH);
    }
}
