package io.palimpsest.bench;

import java.util.Arrays;

/** Latency percentiles in milliseconds over a set of samples given in nanoseconds. */
record Percentiles(long count, double p50, double p95, double p99, double max) {

    static Percentiles of(long[] nanos) {
        if (nanos.length == 0) {
            return new Percentiles(0, 0, 0, 0, 0);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99),
                round(sorted[sorted.length - 1] / 1e6));
    }

    private static double at(long[] sorted, double quantile) {
        return round(sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6);
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
