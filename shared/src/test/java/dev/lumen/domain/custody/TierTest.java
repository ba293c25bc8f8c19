package dev.lumen.domain.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TierTest {

    @ParameterizedTest
    @CsvSource({"1,BASIC", "9,BASIC", "10,INTERMEDIATE", "19,INTERMEDIATE", "20,ADVANCED", "29,ADVANCED",
            "30,EXPERT", "39,EXPERT", "40,MASTER", "49,MASTER", "50,LEGENDARY", "2147483647,LEGENDARY"})
    void levelMapsToItsTier(int level, Tier expected) {
        assertThat(Tier.forLevel(level)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void levelsBelowOneAreRefused(int level) {
        assertThatThrownBy(() -> Tier.forLevel(level))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(level));
    }

    @ParameterizedTest
    @ValueSource(strings = {"BASIC", "INTERMEDIATE", "ADVANCED", "EXPERT", "MASTER", "LEGENDARY"})
    void everyTierStartsAtItsOwnMinimumLevel(Tier tier) {
        assertThat(Tier.forLevel(tier.minLevel())).isEqualTo(tier);
        assertThat(Tier.forLevel(tier.maxLevel())).isEqualTo(tier);
    }

    @org.junit.jupiter.api.Test
    void categoryFileNamesAreKebabCase() {
        assertThat(CustodyCategory.CROSS_AI_COLLABORATION.fileName()).isEqualTo("cross-ai-collaboration.json");
        assertThat(CustodyCategory.SECURITY_AWARENESS.slug()).isEqualTo("security-awareness");
    }
}
