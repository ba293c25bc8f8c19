package dev.lumen.domain.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.domain.error.ValidationException;
import org.junit.jupiter.api.Test;

class CrisisResourcesTest {
    private final CrisisResources resources = CrisisResources.defaults("en-US");

    @Test
    void localesMatchExactlyThenByLanguageThenInternationally() {
        assertThat(resources.linesFor("en-US")).extracting(CrisisResources.Line::contact).containsExactly("call or text 988");
        assertThat(resources.linesFor("en_gb")).extracting(CrisisResources.Line::name).contains("Samaritans");
        // No English-wide entry: an Indian user is not given a US number.
        assertThat(resources.linesFor("en-IN")).extracting(CrisisResources.Line::url).containsExactly("https://findahelpline.com");
        assertThat(resources.linesFor(null)).isEqualTo(resources.linesFor("en-US"));
    }

    @Test
    void theRequestedLocaleIsCheckedAndDefaulted() {
        assertThat(resources.localeOf(null)).isEqualTo("en-us");
        assertThat(resources.localeOf("en-GB")).isEqualTo("en-gb");
        assertThatThrownBy(() -> resources.localeOf("english please")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("'locale'");
    }

    @Test
    void anOverrideAddsLanguagesAndReplacesTheInternationalEntry() {
        // WHEN
        CrisisResources custom = CrisisResources.parse(
                "es=Línea 024|llama al 024|https://www.sanidad.gob.es;*=Local help|call 112", "en-GB");

        // THEN
        assertThat(custom.linesFor("es-ES")).extracting(CrisisResources.Line::contact).containsExactly("llama al 024");
        assertThat(custom.linesFor("ja-JP")).extracting(CrisisResources.Line::display).containsExactly("Local help: call 112");
        assertThat(custom.linesFor(null)).extracting(CrisisResources.Line::name).contains("Samaritans");
        assertThatThrownBy(() -> CrisisResources.parse("xx", "en-US")).isInstanceOf(IllegalArgumentException.class);
    }
}
