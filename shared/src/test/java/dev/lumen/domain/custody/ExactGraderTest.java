package dev.lumen.domain.custody;

import static dev.lumen.domain.custody.CustodyFixtures.test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExactGraderTest {
    private final ExactGrader grader = new ExactGrader();

    @Test
    void trimmedCaseInsensitiveMatchPasses() {
        Grade grade = grader.grade(test("exact", "{\"expected\": \"GetItem\"}"), "  getitem.\n");

        assertThat(grade.passed()).isTrue();
        assertThat(grade.score()).isEqualTo(1.0);
    }

    @Test
    void differentAnswerFailsAndSaysWhatWasExpected() {
        Grade grade = grader.grade(test("exact", "{\"expected\": \"404\"}"), "The status is 404");

        assertThat(grade.passed()).isFalse();
        assertThat(grade.score()).isZero();
        assertThat(grade.feedback()).contains("\"404\"");
    }

    @Test
    void caseMattersWhenTheTestSaysSo() {
        CustodyTest strict = test("exact", "{\"expected\": \"RICE\", \"ignoreCase\": false}");

        assertThat(grader.grade(strict, "rice").passed()).isFalse();
        assertThat(grader.grade(strict, "RICE").passed()).isTrue();
    }

    @Test
    void nullAnswerFails() {
        assertThat(grader.grade(test("exact", "{\"expected\": \"no\"}"), null).passed()).isFalse();
    }

    @Test
    void settingsWithoutExpectedAreRefused() {
        assertThatThrownBy(() -> grader.check(test("exact", "{}").grader()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected");
    }
}
