package io.palimpsest.streams;

import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A cursor is a place in the stored log, not in a node's memory: it resumes on a restarted service. */
class ResumeAcrossRestartTest {

    @TempDir
    Path workDir;

    @Test
    void aConsumerResumesWithLastEventIdAfterTheServiceWasKilledAndRestartedAndMissesNothingStoredMeanwhile() throws Exception {
        Path data = workDir.resolve("data");
        String database = "streams-restart-" + UUID.randomUUID();
        List<Long> revisions = new ArrayList<>();
        String lastId;
        try (ServiceProcess service = ServiceProcess.start(data, database)) {
            ApiClient alice = service.as("alice");
            assertThat(alice.post("/api/profiles", Map.of("id", "restarted", "name", "R")).status()).isEqualTo(201);
            for (int i = 0; i < 3; i++) {
                assertThat(alice.put("/api/profiles/restarted/facts/F" + i, Map.of("value", "v")).status()).isEqualTo(200);
            }
            try (SseTestClient consumer = SseTestClient.open(service.baseUrl(), "rita",
                    "/api/changes?profile=restarted&after=0", null)) {
                lastId = receive(consumer, revisions, 4);
            }
            assertThat(alice.put("/api/profiles/restarted/facts/Missed", Map.of("value", "v")).status()).isEqualTo(200);
        }
        try (ServiceProcess service = ServiceProcess.start(data, database)) {
            try (SseTestClient consumer = SseTestClient.open(service.baseUrl(), "rita",
                    "/api/changes?profile=restarted", lastId)) {
                assertThat(service.as("bob").put("/api/profiles/restarted/facts/Live", Map.of("value", "v")).status())
                        .isEqualTo(200);
                receive(consumer, revisions, 2);
            }
        }
        assertThat(revisions).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    private static String receive(SseTestClient consumer, List<Long> revisions, int count) throws InterruptedException {
        String lastId = null;
        for (int i = 0; i < count; i++) {
            SseTestClient.Event event = consumer.nextEvent(60);
            assertThat(event).as("change %d of %d", i + 1, count).isNotNull();
            revisions.add(event.json().get("revision").asLong());
            lastId = event.id();
        }
        return lastId;
    }
}
