package dev.lumen.local.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figures of several stores collected while they are measured one after another, printed at the
 * end as one Markdown table with a column per store (ready to paste into the README).
 */
final class SideBySide {
    private final String firstHeader;
    private final List<String> columns = new ArrayList<>();
    private final Map<String, Map<String, String>> rows = new LinkedHashMap<>();

    SideBySide(String firstHeader) {
        this.firstHeader = firstHeader;
    }

    void put(String row, String column, String value) {
        if (!columns.contains(column)) {
            columns.add(column);
        }
        rows.computeIfAbsent(row, r -> new LinkedHashMap<>()).put(column, value);
    }

    void print(PrintStream out) {
        StringBuilder header = new StringBuilder("| ").append(firstHeader).append(" |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String column : columns) {
            header.append(' ').append(column).append(" |");
            rule.append("---|");
        }
        out.println(header);
        out.println(rule);
        rows.forEach((row, values) -> {
            StringBuilder line = new StringBuilder("| ").append(row).append(" |");
            for (String column : columns) {
                line.append(' ').append(values.getOrDefault(column, "—")).append(" |");
            }
            out.println(line);
        });
    }
}
