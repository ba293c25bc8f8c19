package dev.lumen.domain.custody;

import static dev.lumen.domain.custody.CustodyFixtures.test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RegexGraderTest {
    private final RegexGrader grader = new RegexGrader();

    @Test
    void answerContainingThePatternPasses() {
        Grade grade = grader.grade(test("regex", "{\"pattern\": \"\\\\b2026-03-01\\\\b\"}"), "It is 2026-03-01.");

        assertThat(grade.passed()).isTrue();
        assertThat(grade.score()).isEqualTo(1.0);
    }

    @Test
    void answerWithoutThePatternFails() {
        Grade grade = grader.grade(test("regex", "{\"pattern\": \"\\\\b2026-03-01\\\\b\"}"), "01/03/2026");

        assertThat(grade.passed()).isFalse();
        assertThat(grade.score()).isZero();
        assertThat(grade.feedback()).contains("2026-03-01");
    }

    @Test
    void anchoredPatternsAndCaseOption() {
        CustodyTest anchored = test("regex", "{\"pattern\": \"^\\\\s*1500\\\\s*ms\\\\s*$\"}");
        assertThat(grader.grade(anchored, "1500 MS").passed()).isTrue();
        assertThat(grader.grade(anchored, "about 1500 ms").passed()).isFalse();

        CustodyTest caseSensitive = test("regex", "{\"pattern\": \"AKIA\", \"ignoreCase\": false}");
        assertThat(grader.grade(caseSensitive, "akia").passed()).isFalse();
    }

    @Test
    void patternThatDoesNotCompileIsRefused() {
        assertThatThrownBy(() -> grader.check(test("regex", "{\"pattern\": \"([a-z\"}").grader()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not compile");
    }
}
