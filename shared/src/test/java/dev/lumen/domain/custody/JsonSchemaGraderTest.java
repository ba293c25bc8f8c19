package dev.lumen.domain.custody;

import static dev.lumen.domain.custody.CustodyFixtures.test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonSchemaGraderTest {
    private final JsonSchemaGrader grader = new JsonSchemaGrader();
    private final CustodyTest finding = test("json-schema", """
            {"schema": {"type": "object", "required": ["type", "severity", "blocked", "evidence"],
              "properties": {
                "type": {"type": "string", "enum": ["prompt-injection", "secret"]},
                "severity": {"type": "integer"},
                "blocked": {"type": "boolean"},
                "evidence": {"type": "array", "minItems": 1, "items": {"type": "string"}},
                "score": {"type": "number"}}}}""");

    @Test
    void validAnswerPassesEvenInsideACodeFence() {
        Grade grade = grader.grade(finding, """
                ```json
                {"type": "secret", "severity": 3, "blocked": true, "evidence": ["AKIA..."], "score": 0.9}
                ```""");

        assertThat(grade.passed()).isTrue();
        assertThat(grade.score()).isEqualTo(1.0);
    }

    @Test
    void everyViolationIsNamed() {
        Grade grade = grader.grade(finding,
                "{\"type\": \"phishing\", \"severity\": \"high\", \"evidence\": [], \"score\": \"x\"}");

        assertThat(grade.passed()).isFalse();
        assertThat(grade.score()).isZero();
        assertThat(grade.feedback())
                .contains("$.type should be one of")
                .contains("$.severity should be integer")
                .contains("lacks required field 'blocked'")
                .contains("$.evidence should have at least 1 items")
                .contains("$.score should be number");
    }

    @Test
    void wrongItemTypeAndWrongRootTypeFail() {
        assertThat(grader.grade(finding,
                "{\"type\": \"secret\", \"severity\": 1, \"blocked\": false, \"evidence\": [1]}").feedback())
                .contains("$.evidence[0] should be string");
        assertThat(grader.grade(finding, "[1, 2]").feedback()).contains("$ should be object");
    }

    @Test
    void proseIsNotJson() {
        Grade grade = grader.grade(finding, "The finding is a secret, severity high.");

        assertThat(grade.passed()).isFalse();
        assertThat(grade.feedback()).isEqualTo("Answer is not JSON.");
        assertThat(grader.grade(finding, "{\"type\": \"secret\"} Hope this helps!").feedback())
                .isEqualTo("Answer is not JSON.");
    }

    @Test
    void unsupportedSchemaKeywordsAreRefusedNotIgnored() {
        assertThatThrownBy(() -> grader.check(test("json-schema",
                "{\"schema\": {\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\", \"minLength\": 3}}}}").grader()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minLength").hasMessageContaining("$.a");
        assertThatThrownBy(() -> grader.check(test("json-schema", "{\"schema\": {\"type\": \"dict\"}}").grader()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown type");
    }
}
