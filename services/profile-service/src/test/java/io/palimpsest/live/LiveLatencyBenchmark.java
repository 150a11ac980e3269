package io.palimpsest.live;

import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not a test (docs/live.md): with {@value #EDITORS} editors subscribed to one profile on one node, how long
 * until an edit reaches all of them. Run with {@code -Dlive.benchmark=true}; prints percentiles and writes them to
 * {@code target/live-latency.txt}. Nothing here is asserted about speed.
 */
@EnabledIfSystemProperty(named = "live.benchmark", matches = "true")
class LiveLatencyBenchmark {

    private static final int EDITORS = 200;
    private static final int WARM_UP = 50;
    private static final int MEASURED = 300;

    @TempDir
    Path workDir;

    @Test
    void editToOtherEditorsLatency() throws Exception {
        String[] subscribers = {"carol", "ada", "rita"};
        try (ServiceProcess node = ServiceProcess.start(workDir.resolve("data"), "bench-" + UUID.randomUUID())) {
            ApiClient alice = node.as("alice");
            ApiClient bob = node.as("bob");
            assertThat(alice.post("/api/profiles", Map.of("id", "bench", "name", "Bench")).status()).isEqualTo(201);

            Map<Long, Long> sentAt = new ConcurrentHashMap<>();
            Map<Long, Long> answeredAt = new ConcurrentHashMap<>();
            ConcurrentLinkedQueue<long[]> receipts = new ConcurrentLinkedQueue<>();
            List<StompTestClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < EDITORS; i++) {
                    StompTestClient client = StompTestClient.connect(node.baseUrl(), subscribers[i % subscribers.length]);
                    clients.add(client);
                    client.subscribeWithCallback("/topic/profiles/bench",
                            revision -> receipts.add(new long[]{revision, System.nanoTime()}));
                    client.subscribe("/topic/profiles/bench/presence", null).next();
                }
                for (int i = 1; i <= WARM_UP + MEASURED; i++) {
                    ApiClient editor = i % 2 == 0 ? bob : alice;
                    long before = System.nanoTime();
                    ApiClient.Answer answer = editor.put("/api/profiles/bench/facts/Fact" + (i % 20), Map.of("value", "v" + i));
                    long after = System.nanoTime();
                    long revision = answer.json().get("revision").asLong();
                    sentAt.put(revision, before);
                    answeredAt.put(revision, after);
                    Thread.sleep(40);
                }
                long last = WARM_UP + MEASURED + 1;
                while (receipts.stream().filter(r -> r[0] == last).count() < EDITORS) {
                    Thread.sleep(100);
                }
            } finally {
                clients.forEach(StompTestClient::close);
            }
            long firstMeasured = WARM_UP + 2;
            long[] fromRequest = receipts.stream().filter(r -> r[0] >= firstMeasured)
                    .mapToLong(r -> r[1] - sentAt.get(r[0])).sorted().toArray();
            long[] fromAnswer = receipts.stream().filter(r -> r[0] >= firstMeasured)
                    .mapToLong(r -> r[1] - answeredAt.get(r[0])).sorted().toArray();
            String report = String.format("%d editors subscribed, %d edits measured (%d deliveries)%n"
                            + "edit request sent -> received by every editor: %s%n"
                            + "edit answered (durable) -> received by every editor: %s%n",
                    EDITORS, MEASURED, fromRequest.length, percentiles(fromRequest), percentiles(fromAnswer));
            System.out.print(report);
            Files.writeString(Path.of("target", "live-latency.txt"), report);
        }
    }

    private static String percentiles(long[] sortedNanos) {
        return String.format("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms", at(sortedNanos, 0.50),
                at(sortedNanos, 0.90), at(sortedNanos, 0.99), sortedNanos[sortedNanos.length - 1] / 1e6);
    }

    private static double at(long[] sortedNanos, double quantile) {
        return sortedNanos[(int) Math.min(sortedNanos.length - 1, Math.ceil(quantile * sortedNanos.length) - 1)] / 1e6;
    }
}
