package io.palimpsest.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not a test (docs/benchmarks.md, "One editor: REST or socket"): one client making {@value #EDITS}
 * sequential edits (each sent when the previous one is answered) over REST, then over STOMP, twice in turn; edits per
 * second and the service process's CPU time per edit. Run with {@code -Dlive.benchmark=true}; prints the rounds and
 * writes them to {@code target/socket-edits.txt}. Nothing here is asserted about speed.
 */
@EnabledIfSystemProperty(named = "live.benchmark", matches = "true")
class SocketEditBenchmark {

    private static final int EDITS = 2_000;
    private static final int ROUNDS = 2;

    @TempDir
    Path workDir;

    @Test
    void sequentialEditsOverRestAndOverTheSocket() throws Exception {
        try (ServiceProcess node = ServiceProcess.start(workDir.resolve("data"), "bench-" + UUID.randomUUID(),
                List.of("--palimpsest.limits.edits-per-second=1000000", "--palimpsest.limits.edit-burst=1000000"))) {
            ApiClient alice = node.as("alice");
            assertThat(alice.post("/api/profiles", Map.of("id", "one-editor", "name", "One editor")).status())
                    .isEqualTo(201);
            List<String> lines = new ArrayList<>();
            try (StompTestClient socket = StompTestClient.connect(node.baseUrl(), "alice")) {
                StompTestClient.Received answers = socket.subscribe("/user/queue/edits", null);
                for (int round = 1; round <= ROUNDS; round++) {
                    lines.add(measure("round " + round + " REST  ", node, i -> {
                        ApiClient.Answer answer = alice.put("/api/profiles/one-editor/facts/F" + (i % 20),
                                Map.of("value", "v" + i, "commandId", UUID.randomUUID().toString()));
                        assertThat(answer.status()).isEqualTo(200);
                    }));
                    lines.add(measure("round " + round + " socket", node, i -> {
                        socket.send("/app/profiles/one-editor/edits", Map.of("method", "PUT", "path",
                                "facts/F" + (i % 20), "body", Map.of("value", "w" + i,
                                        "commandId", UUID.randomUUID().toString())));
                        JsonNode answer = answers.next();
                        assertThat(answer.get("revision").isNumber()).as(answer.toString()).isTrue();
                    }));
                }
            }
            lines.forEach(System.out::println);
            Files.write(Path.of("target/socket-edits.txt"), lines);
        }
    }

    private interface Edit {
        void make(int i) throws Exception;
    }

    private static String measure(String label, ServiceProcess node, Edit edit) throws Exception {
        Duration cpuBefore = node.cpuTime();
        long before = System.nanoTime();
        for (int i = 0; i < EDITS; i++) {
            edit.make(i);
        }
        double seconds = (System.nanoTime() - before) / 1e9;
        double cpuMsPerEdit = node.cpuTime().minus(cpuBefore).toNanos() / 1e6 / EDITS;
        return String.format("%s: %d edits in %.1f s = %.0f edits/s, service CPU %.2f ms/edit", label, EDITS, seconds,
                EDITS / seconds, cpuMsPerEdit);
    }
}
