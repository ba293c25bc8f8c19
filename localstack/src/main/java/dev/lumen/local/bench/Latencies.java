package dev.lumen.local.bench;

import java.util.Arrays;
import java.util.Locale;

/** Durations of repeated calls; percentiles by nearest rank. */
final class Latencies {
    private long[] nanos = new long[256];
    private int size;

    /** Records the time since {@code startNanos} (a {@link System#nanoTime()} reading). */
    void since(long startNanos) {
        add(System.nanoTime() - startNanos);
    }

    void add(long durationNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = durationNanos;
    }

    int count() {
        return size;
    }

    double p50Millis() {
        return percentileMillis(0.50);
    }

    double p99Millis() {
        return percentileMillis(0.99);
    }

    double totalSeconds() {
        long total = 0;
        for (int i = 0; i < size; i++) {
            total += nanos[i];
        }
        return total / 1e9;
    }

    /** {@code p50 / p99 ms}, the way the tables print it. */
    String p50p99() {
        return String.format(Locale.ROOT, "%s / %s ms", millis(p50Millis()), millis(p99Millis()));
    }

    private double percentileMillis(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p * size) - 1;
        return sorted[Math.max(0, Math.min(size - 1, index))] / 1e6;
    }

    /** Two significant-ish digits: 0.42, 3.1, 27, 512. */
    static String millis(double value) {
        if (value < 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return value < 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.0f", value);
    }
}
