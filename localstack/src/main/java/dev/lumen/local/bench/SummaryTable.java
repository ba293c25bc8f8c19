package dev.lumen.local.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The one markdown table {@code bench-all} prints: a row per figure, with what was measured and
 * under which conditions, so the table can be pasted into the README as it is.
 */
final class SummaryTable {
    private record Row(String area, String measure, String figure, String conditions) {
    }

    private final List<Row> rows = new ArrayList<>();

    SummaryTable add(String area, String measure, String figure, String conditions) {
        rows.add(new Row(area, measure, figure, conditions));
        return this;
    }

    int size() {
        return rows.size();
    }

    String toMarkdown() {
        StringBuilder out = new StringBuilder("| area | measure | figure | conditions |\n|---|---|---|---|\n");
        for (Row row : rows) {
            out.append("| ").append(cell(row.area())).append(" | ").append(cell(row.measure())).append(" | ")
                    .append(cell(row.figure())).append(" | ").append(cell(row.conditions())).append(" |\n");
        }
        return out.toString();
    }

    /** {@code "none"}, or the non-2xx statuses seen with their counts, lowest status first: {@code 409×3, 503×1}. */
    static String errors(Map<Integer, Long> countsByStatus) {
        Map<Integer, Long> errors = new TreeMap<>();
        countsByStatus.forEach((status, count) -> {
            if ((status < 200 || status > 299) && count > 0) {
                errors.put(status, count);
            }
        });
        if (errors.isEmpty()) {
            return "none";
        }
        return errors.entrySet().stream().map(e -> (e.getKey() == 0 ? "no answer" : e.getKey().toString()) + "×"
                + e.getValue()).collect(Collectors.joining(", "));
    }

    /** A pipe would end the cell; a line break the row. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
