package dev.lumen.functions.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.domain.error.ValidationException;
import org.junit.jupiter.api.Test;

class JsonBodyTest {

    @Test
    void aMisspeltFieldIsNamedInA400InsteadOfBeingIgnored() {
        JsonBody body = JsonBody.parse("{\"mesage\": \"hi\", \"personaId\": \"ada\"}");

        assertThatThrownBy(() -> body.allowOnly("personaId", "message"))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo("unknown_field");
                    assertThat(e.getMessage()).contains("'mesage'", "personaId, message");
                });
    }

    @Test
    void knownFieldsPassAndAbsentOnesAreFine() {
        JsonBody body = JsonBody.parse("{\"message\": \"hi\"}").allowOnly("personaId", "message");

        assertThat(body.requiredString("message")).isEqualTo("hi");
        assertThat(body.optionalString("personaId")).isNull();
    }

    @Test
    void aHugeFieldNameIsShortenedInTheMessage() {
        String name = "x".repeat(500);
        JsonBody body = JsonBody.parse("{\"" + name + "\": 1}");

        assertThatThrownBy(() -> body.allowOnly("message"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage()).hasSizeLessThan(200));
    }
}
