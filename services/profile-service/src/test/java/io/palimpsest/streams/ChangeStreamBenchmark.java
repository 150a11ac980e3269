package io.palimpsest.streams;

import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not a test (docs/benchmarks.md, "Change stream"): {@value #CONSUMERS} server-sent-event consumers with
 * mixed filters on one node while {@value #EDITORS} editors edit {@value #PROFILES} profiles, each every second or
 * so. Measures ack → consumer latency, the service's CPU per delivered change and its memory per idle consumer. Run
 * with {@code -Dstreams.benchmark=true}; prints the figures and writes them to {@code target/change-stream.txt}.
 */
@EnabledIfSystemProperty(named = "streams.benchmark", matches = "true")
class ChangeStreamBenchmark {

    private static final int CONSUMERS = Integer.getInteger("streams.consumers", 1000);
    private static final int EDITORS = 200;
    private static final int PROFILES = 20;
    private static final Duration WARM_UP = Duration.ofSeconds(60);
    private static final Duration MEASURED = Duration.ofSeconds(30);
    private static final String[] USERS = {"alice", "bob", "carol"};
    private static final Pattern CHANGE = Pattern.compile("\"profileId\":\"([^\"]+)\",\"revision\":(\\d+)");

    @TempDir
    Path workDir;

    private final Map<String, Long> ackedAt = new ConcurrentHashMap<>();
    private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong delivered = new AtomicLong();
    private volatile boolean measuring;

    @Test
    void consumersWithMixedFiltersWhileEditorsEdit() throws Exception {
        List<String> report = new ArrayList<>();
        try (ServiceProcess node = ServiceProcess.start(workDir.resolve("data"), "bench", List.of(
                "--palimpsest.limits.edits-per-second=1000", "--palimpsest.limits.edit-burst=1000"))) {
            for (int p = 0; p < PROFILES; p++) {
                assertThat(node.as("alice").post("/api/profiles", Map.of("id", "p" + p, "name", "P" + p)).status())
                        .isEqualTo(201);
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            long heapBefore = heapAfterGc(node);
            long threadsBefore = metric(node, "jvm_threads_live_threads");
            List<CompletableConsumer> idle = connectAll(http, node);
            Thread.sleep(5_000);
            long heapIdle = heapAfterGc(node);
            long threadsIdle = metric(node, "jvm_threads_live_threads");
            report.add(String.format("idle consumers: %d; heap after GC %.1f → %.1f MiB: %.1f KiB per consumer; "
                            + "threads %d → %d", CONSUMERS, heapBefore / 1048576.0, heapIdle / 1048576.0,
                    (heapIdle - heapBefore) / 1024.0 / CONSUMERS, threadsBefore, threadsIdle));
            idle.forEach(CompletableConsumer::cancel);

            AtomicBoolean editing = new AtomicBoolean(true);
            AtomicLong acks = new AtomicLong();
            List<Thread> editors = new ArrayList<>();
            for (int e = 0; e < EDITORS; e++) {
                Thread editor = new Thread(editor(node, e, editing, acks), "editor-" + e);
                editor.setDaemon(true);
                editor.start();
                editors.add(editor);
            }
            Thread.sleep(WARM_UP.toMillis());
            Window alone = measure(node, acks);
            report.add(String.format("editors alone, %d s: %d edits (%.0f/s); service CPU %.0f %% of one core, %.0f µs "
                            + "per edit", MEASURED.toSeconds(), alone.edits(), alone.edits() / (double) MEASURED.toSeconds(),
                    alone.cpuPercent(), alone.cpuNanos() / 1000.0 / Math.max(1, alone.edits())));

            List<CompletableConsumer> consumers = connectAll(http, node);
            Thread.sleep(10_000);
            latencies.clear();
            measuring = true;
            Window together = measure(node, acks);
            measuring = false;
            long deliveries = delivered.get();
            editing.set(false);
            for (Thread editor : editors) {
                editor.join(10_000);
            }
            List<Long> sorted = new ArrayList<>(latencies);
            sorted.sort(Long::compare);
            // What the consumers cost: the CPU beyond what the same number of edits took alone.
            double streamingNanos = together.cpuNanos() - alone.cpuNanos() * (together.edits() / (double) alone.edits());
            report.add(String.format("with %d consumers, %d s: %d edits (%.0f/s), %d deliveries (%.0f/s); ack → consumer "
                            + "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; service CPU %.0f %% of one core, of "
                            + "which streaming %.1f µs per delivery", CONSUMERS, MEASURED.toSeconds(), together.edits(),
                    together.edits() / (double) MEASURED.toSeconds(), deliveries,
                    deliveries / (double) MEASURED.toSeconds(), percentile(sorted, 0.50), percentile(sorted, 0.95),
                    percentile(sorted, 0.99), percentile(sorted, 1.0), together.cpuPercent(),
                    streamingNanos / 1000.0 / Math.max(1, deliveries)));
            consumers.forEach(CompletableConsumer::cancel);
        }
        // The machine's load over the last minute: whatever else ran beside the benchmark shows here.
        report.add("load average at the end: " + Files.readString(Path.of("/proc/loadavg")).trim());
        report.forEach(line -> System.out.println("change-stream benchmark: " + line));
        Files.write(Path.of("target", "change-stream.txt"), report);
    }

    /** What one measured window saw: the edits acknowledged and the service's CPU time. */
    private record Window(long edits, long cpuNanos) {
        double cpuPercent() {
            return 100.0 * cpuNanos / MEASURED.toNanos();
        }
    }

    private Window measure(ServiceProcess node, AtomicLong acks) throws InterruptedException {
        long cpuBefore = cpuNanos(node);
        long acksBefore = acks.get();
        delivered.set(0);
        Thread.sleep(MEASURED.toMillis());
        return new Window(acks.get() - acksBefore, cpuNanos(node) - cpuBefore);
    }

    private List<CompletableConsumer> connectAll(HttpClient http, ServiceProcess node) throws InterruptedException {
        List<CompletableConsumer> consumers = new ArrayList<>();
        for (int i = 0; i < CONSUMERS; i++) {
            consumers.add(connect(http, node, filterOf(i)));
        }
        for (CompletableConsumer consumer : consumers) {
            assertThat(consumer.opened.await(60, TimeUnit.SECONDS)).as("consumer opened").isTrue();
        }
        return consumers;
    }

    /** Mixed filters: most consumers follow one profile, some one kind of change there, some an editor, a few all. */
    private static String filterOf(int consumer) {
        int profile = consumer % PROFILES;
        return switch (consumer % 10) {
            case 0, 1, 2, 3, 4, 5 -> "profile=p" + profile;
            case 6, 7 -> "profile=p" + profile + "&kind=FactSet";
            case 8 -> "editor=" + USERS[consumer % USERS.length] + "&profile=p" + profile + ",p" + (profile + 1) % PROFILES;
            default -> consumer % 100 == 9 ? "" : "profile=p" + profile + "&kind=FactRemoved";
        };
    }

    private Runnable editor(ServiceProcess node, int e, AtomicBoolean editing, AtomicLong acks) {
        ApiClient client = node.as(USERS[e % USERS.length]);
        String profile = "p" + e % PROFILES;
        String path = "/api/profiles/" + profile + "/facts/F" + e;
        return () -> {
            for (int i = 0; editing.get(); i++) {
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(500, 1500));
                    ApiClient.Answer answer = client.put(path, Map.of("value", "v" + i));
                    if (answer.status() == 200) {
                        ackedAt.put(profile + "@" + answer.json().get("revision").asLong(), System.nanoTime());
                        acks.incrementAndGet();
                    }
                } catch (InterruptedException stop) {
                    return;
                } catch (RuntimeException failed) {
                    // counted as not acknowledged; the next loop tries again
                }
            }
        };
    }

    private CompletableConsumer connect(HttpClient http, ServiceProcess node, String filter) {
        String auth = "Basic " + Base64.getEncoder().encodeToString("rita:rita-pw".getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/changes?" + filter))
                .header("Accept", "text/event-stream").header("Authorization", auth).build();
        CompletableConsumer consumer = new CompletableConsumer();
        http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(consumer));
        return consumer;
    }

    /** One consumer: notes when each change arrives, against when its edit was acknowledged. */
    private final class CompletableConsumer implements Flow.Subscriber<String> {
        final CountDownLatch opened = new CountDownLatch(1);
        private Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            opened.countDown();
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (!line.startsWith("data:")) {
                return;
            }
            long now = System.nanoTime();
            Matcher change = CHANGE.matcher(line);
            if (measuring && change.find()) {
                delivered.incrementAndGet();
                Long acked = ackedAt.get(change.group(1) + "@" + change.group(2));
                latencies.add(acked == null ? 0 : Math.max(0, now - acked));
            }
        }

        @Override
        public void onError(Throwable throwable) {
            opened.countDown();
        }

        @Override
        public void onComplete() {
        }

        void cancel() {
            if (subscription != null) {
                subscription.cancel();
            }
        }
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }

    private static long cpuNanos(ServiceProcess node) {
        return node.cpuTime().toNanos();
    }

    private static long heapAfterGc(ServiceProcess node) throws IOException, InterruptedException {
        Path jcmd = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
        new ProcessBuilder(jcmd.toString(), String.valueOf(node.handle().pid()), "GC.run").inheritIO().start()
                .waitFor(60, TimeUnit.SECONDS);
        return metric(node, "jvm_memory_used_bytes{area=\"heap\"");
    }

    /** The sum of the service's Prometheus samples whose name (and first labels) start so. */
    private static long metric(ServiceProcess node, String prefix) {
        ApiClient.Answer scrape = node.as("ada").get("/actuator/prometheus");
        assertThat(scrape.status()).isEqualTo(200);
        double sum = 0;
        for (String line : scrape.body().split("\n")) {
            if (line.startsWith(prefix)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) sum;
    }
}
