package dev.lumen.domain.persona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.domain.error.ValidationException;
import org.junit.jupiter.api.Test;

class TraitActionTest {

    @Test
    void appliesAndClamps() {
        assertThat(TraitAction.INCREASE.apply(0.1, 0.2)).isEqualTo(0.3);
        assertThat(TraitAction.INCREASE.apply(0.9, 0.5)).isEqualTo(1.0);
        assertThat(TraitAction.DECREASE.apply(0.2, 0.5)).isEqualTo(0.0);
        assertThat(TraitAction.SET.apply(0.2, 0.65)).isEqualTo(0.65);
    }

    @Test
    void parsesWireNamesOnly() {
        assertThat(TraitAction.parse("Increase")).isEqualTo(TraitAction.INCREASE);
        assertThat(TraitAction.parse("set")).isEqualTo(TraitAction.SET);
        assertThatThrownBy(() -> TraitAction.parse("double")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("increase, decrease, set");
        assertThatThrownBy(() -> TraitAction.parse(null)).isInstanceOf(ValidationException.class);
    }
}
