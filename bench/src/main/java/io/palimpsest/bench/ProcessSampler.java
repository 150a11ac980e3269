package io.palimpsest.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Samples the service process once a second: CPU time and resident memory from /proc (Linux), used heap from
 * the service's metrics endpoint. One sampler per measured phase.
 */
final class ProcessSampler implements AutoCloseable {

    private static final double CLOCK_TICKS_PER_SECOND = 100;
    /** A number in a thread's name, but for the JVM's own C1, C2 and G1 at its start. */
    private static final String NUMBER = "(?<!^[CG])\\d+";

    private final long pid;
    private final Api admin;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final long startNanos = System.nanoTime();
    private final double startCpuSeconds;
    private final double startClientCpuSeconds = cpuSeconds(ProcessHandle.current().pid());
    private final Map<String, ThreadCpu> startThreads;
    private volatile long maxRssBytes;
    private volatile double maxHeapBytes;
    private double heapSum;
    private int heapSamples;

    ProcessSampler(long pid, Api admin) {
        this.pid = pid;
        this.admin = admin;
        this.startCpuSeconds = cpuSeconds(pid);
        this.startThreads = threads(pid);
        timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    private synchronized void sample() {
        maxRssBytes = Math.max(maxRssBytes, rssBytes());
        Api.Answer heap = admin.get("/actuator/metrics/jvm.memory.used?tag=area:heap");
        if (heap.status() == 200) {
            double used = heap.json().path("measurements").path(0).path("value").asDouble();
            maxHeapBytes = Math.max(maxHeapBytes, used);
            heapSum += used;
            heapSamples++;
        }
    }

    /** CPU is in percent of one core, averaged over the sampler's life; the client is this load generator. */
    synchronized Usage usage() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return new Usage(Percentiles.round((cpuSeconds(pid) - startCpuSeconds) / seconds * 100),
                Percentiles.round((cpuSeconds(ProcessHandle.current().pid()) - startClientCpuSeconds) / seconds * 100),
                Percentiles.round(maxRssBytes / 1048576.0), Percentiles.round(maxHeapBytes / 1048576.0),
                Percentiles.round(heapSamples == 0 ? 0 : heapSum / heapSamples / 1048576.0), cpuByThreadGroup());
    }

    /**
     * The service's CPU seconds in this phase by group of threads: their names with the numbers taken out (and cut
     * to the 15 characters Linux keeps), busiest first. A thread that ended during the phase is not counted.
     */
    private Map<String, Double> cpuByThreadGroup() {
        Map<String, Double> groups = new HashMap<>();
        threads(pid).forEach((tid, now) -> {
            ThreadCpu before = startThreads.get(tid);
            double seconds = now.seconds() - (before != null && before.name().equals(now.name()) ? before.seconds() : 0);
            groups.merge(now.name().replaceAll(NUMBER, "N"), seconds, Double::sum);
        });
        Map<String, Double> busiestFirst = new LinkedHashMap<>();
        groups.entrySet().stream().filter(group -> group.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(group -> busiestFirst.put(group.getKey(), Percentiles.round(group.getValue())));
        return busiestFirst;
    }

    private static Map<String, ThreadCpu> threads(long pid) {
        Map<String, ThreadCpu> threads = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                String stat = read(task.resolve("stat"));
                if (!stat.isEmpty()) {
                    threads.put(task.getFileName().toString(), new ThreadCpu(
                            stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')), cpuSecondsOf(stat)));
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // The process ended: no threads to count.
        }
        return threads;
    }

    private record ThreadCpu(String name, double seconds) {
    }

    private static double cpuSeconds(long pid) {
        return cpuSecondsOf(readProc(pid, "stat"));
    }

    private static double cpuSecondsOf(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[11] and [12] are utime and stime (fields 14 and 15 of proc(5), counted after the command name)
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS_PER_SECOND;
    }

    private long rssBytes() {
        return readProc(pid, "status").lines().filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024).findFirst().orElse(0);
    }

    private static String readProc(long pid, String file) {
        return read(Path.of("/proc", Long.toString(pid), file));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /**
     * The service's resource use during a phase, and the CPU the load generator itself took meanwhile;
     * {@code cpuSecondsByThread}: the service's CPU by group of threads ({@link #cpuByThreadGroup()}).
     */
    record Usage(double cpuPercentOfOneCore, double clientCpuPercentOfOneCore, double maxRssMiB, double maxHeapUsedMiB,
                 double meanHeapUsedMiB, Map<String, Double> cpuSecondsByThread) {
    }
}
