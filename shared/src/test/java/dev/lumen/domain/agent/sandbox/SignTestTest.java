package dev.lumen.domain.agent.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SignTestTest {

    @Test
    void matchesTheBinomialTailsComputedByHand() {
        // 0 vs 5: 2 * 0.5^5 = 0.0625 (not significant); 0 vs 6: 2 * 0.5^6 = 0.03125 (significant)
        assertThat(SignTest.pValue(0, 5)).isCloseTo(0.0625, within(1e-12));
        assertThat(SignTest.pValue(0, 6)).isCloseTo(0.03125, within(1e-12));
        // 1 vs 9: 2 * (1 + 10) / 1024
        assertThat(SignTest.pValue(1, 9)).isCloseTo(22.0 / 1024, within(1e-12));
        // 2 vs 8: 2 * (1 + 10 + 45) / 1024 = 0.109375
        assertThat(SignTest.pValue(8, 2)).isCloseTo(0.109375, within(1e-12));
    }

    @Test
    void isSymmetricCappedAtOneAndOneWithoutDiscordantPairs() {
        assertThat(SignTest.pValue(3, 7)).isEqualTo(SignTest.pValue(7, 3));
        assertThat(SignTest.pValue(4, 4)).isEqualTo(1.0);
        assertThat(SignTest.pValue(0, 0)).isEqualTo(1.0);
        assertThat(SignTest.pValue(0, 1)).isEqualTo(1.0);
    }

    @Test
    void significanceIsBelowFivePercent() {
        assertThat(SignTest.significant(0, 5)).isFalse();
        assertThat(SignTest.significant(0, 6)).isTrue();
        assertThat(SignTest.significant(1, 9)).isTrue();
        assertThat(SignTest.significant(2, 8)).isFalse();
        assertThatThrownBy(() -> SignTest.pValue(-1, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
