package dev.lumen.domain.agent.conquest;

import dev.lumen.domain.activity.Activity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Latency, error and cost figures of a group of activity entries (one route, one model, one persona).
 * Percentiles are nearest-rank over the entries that measured a latency (older entries carry 0).
 */
record Figures(int count, int errors, long p50Ms, long p95Ms, long p99Ms, long inputTokens, long outputTokens,
               double costUsd) {

    static Figures of(List<Activity> entries) {
        List<Long> latencies = new ArrayList<>();
        int errors = 0;
        long input = 0;
        long output = 0;
        double cost = 0;
        for (Activity a : entries) {
            if (a.latencyMs() > 0) {
                latencies.add(a.latencyMs());
            }
            errors += a.error() ? 1 : 0;
            input += a.inputTokens();
            output += a.outputTokens();
            cost += a.costUsd();
        }
        Collections.sort(latencies);
        return new Figures(entries.size(), errors, percentile(latencies, 0.50), percentile(latencies, 0.95),
                percentile(latencies, 0.99), input, output, cost);
    }

    double errorRate() {
        return count == 0 ? 0 : (double) errors / count;
    }

    double costPerTurn() {
        return count == 0 ? 0 : costUsd / count;
    }

    /** Nearest rank: the smallest value with at least {@code p} of the values at or below it; 0 for none. */
    static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
