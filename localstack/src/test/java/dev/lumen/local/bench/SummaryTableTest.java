package dev.lumen.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTableTest {

    @Test
    void printsOneMarkdownRowPerFigureAndEscapesPipes() {
        // GIVEN
        SummaryTable table = new SummaryTable().add("chat", "p50 / p99", "12 / 40 ms", "1 client")
                .add("load", "errors", "a|b", "two\nlines");

        // WHEN
        String markdown = table.toMarkdown();

        // THEN
        assertThat(markdown.split("\n")).containsExactly("| area | measure | figure | conditions |",
                "|---|---|---|---|", "| chat | p50 / p99 | 12 / 40 ms | 1 client |", "| load | errors | a\\|b | two lines |");
    }

    @Test
    void errorsListOnlyNon2xxStatusesInOrder() {
        assertThat(SummaryTable.errors(Map.of(200, 90L, 201, 3L))).isEqualTo("none");
        assertThat(SummaryTable.errors(Map.of(200, 90L, 503, 1L, 409, 3L, 0, 2L))).isEqualTo("no answer×2, 409×3, 503×1");
    }

    @Test
    void latenciesUseNearestRank() {
        Latencies latencies = new Latencies();
        for (int i = 1; i <= 100; i++) {
            latencies.add(i * 1_000_000L);
        }
        assertThat(latencies.p50Millis()).isEqualTo(50.0);
        assertThat(latencies.p99Millis()).isEqualTo(99.0);
        assertThat(latencies.count()).isEqualTo(100);
    }
}
