package io.palimpsest.api;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * What a benchmark prints and writes: its lines, each timing the spread of one call's times after a warm-up, with the
 * machine's load beside it (the numbers of a shared machine are read with it). Nothing here asserts about speed.
 */
public final class BenchmarkReport {

    private final List<String> lines = new ArrayList<>();

    public void note(String format, Object... values) {
        String line = String.format(format, values);
        System.out.println(line);
        lines.add(line);
    }

    /** Times {@code measured} calls after {@code warmUp} untimed ones; each call is given its index. */
    public void time(String what, int warmUp, int measured, IntConsumer call) {
        for (int i = 0; i < warmUp; i++) {
            call.accept(i);
        }
        long[] nanos = new long[measured];
        for (int i = 0; i < measured; i++) {
            long before = System.nanoTime();
            call.accept(warmUp + i);
            nanos[i] = System.nanoTime() - before;
        }
        Arrays.sort(nanos);
        note("%-60s p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %6.2f ms (%d calls; load %s)", what,
                quantile(nanos, 0.50), quantile(nanos, 0.90), quantile(nanos, 0.99), nanos[measured - 1] / 1e6,
                measured, load());
    }

    public void writeTo(Path file) throws IOException {
        Files.write(file, lines);
    }

    /** The system load average now, as the lines show it. */
    public static String load() {
        return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static double quantile(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
