package dev.lumen.domain.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.domain.error.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentTypeTest {

    @ParameterizedTest
    @CsvSource({
            "text, TEXT", "markdown, MARKDOWN", "html, HTML", "pdf, PDF",
            "' Markdown ', MARKDOWN",
            "text/plain, TEXT", "text/markdown, MARKDOWN", "text/html, HTML", "application/pdf, PDF",
            "'text/html; charset=utf-8', HTML", "Application/PDF, PDF"})
    void parsesNamesAndMimeTypes(String value, ContentType expected) {
        // WHEN / THEN
        assertThat(ContentType.parse(value)).isEqualTo(expected);
    }

    @Test
    void rejectsUnknownTypeNamingTheValue() {
        // WHEN / THEN
        assertThatThrownBy(() -> ContentType.parse("image/png"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'image/png'")
                .satisfies(e -> assertThat(((ValidationException) e).code()).isEqualTo("invalid_content_type"));
    }

    @Test
    void rejectsMissingType() {
        // WHEN / THEN
        assertThatThrownBy(() -> ContentType.parse(" "))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).code()).isEqualTo("missing_field"));
    }

    @Test
    void echoesAtMostAShortPrefixOfAHugeValue() {
        // GIVEN
        String huge = "x".repeat(10_000);

        // WHEN / THEN
        assertThatThrownBy(() -> ContentType.parse(huge))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }
}
