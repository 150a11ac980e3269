package io.palimpsest.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What survives a restart and a crash of the service process on the embedded store. */
class DurabilityTest {

    private static final int EDITS = 40;

    @TempDir
    Path workDir;

    private final String database = "durability-" + UUID.randomUUID();

    /**
     * Reads the profile once the restarted node's projection has it: right after a kill the dead
     * node's claim on the projection must time out first, and the read answers 503 until then.
     */
    private static JsonNode awaitRevision(ApiClient client, String profileId, long revision) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            ApiClient.Answer read = client.get("/api/profiles/" + profileId + "?minRevision=" + revision);
            if (read.status() == 200 || System.nanoTime() > deadline) {
                assertThat(read.status()).as(read.body()).isEqualTo(200);
                return read.json();
            }
            assertThat(read.status()).as(read.body()).isEqualTo(503);
            Thread.sleep(500);
        }
    }

    @Test
    void restartOnTheSameDataDirectoryKeepsEverything() throws Exception {
        Path data = workDir.resolve("data");
        JsonNode before;
        try (ServiceProcess service = ServiceProcess.start(data, database)) {
            ApiClient alice = service.as("alice");
            assertThat(alice.post("/api/profiles", Map.of("id", "kept", "name", "Kept Org")).status()).isEqualTo(201);
            for (int i = 0; i < 5; i++) {
                assertThat(alice.put("/api/profiles/kept/facts/Fact" + i, Map.of("value", "v" + i)).status())
                        .isEqualTo(200);
            }
            before = alice.get("/api/profiles/kept?minRevision=6").json();
            service.stop();
        }
        try (ServiceProcess service = ServiceProcess.start(data, database)) {
            ApiClient bob = service.as("bob");
            assertThat(awaitRevision(bob, "kept", 6)).isEqualTo(before);
            ApiClient.Answer next = bob.put("/api/profiles/kept/facts/After", Map.of("value", "restart"));
            assertThat(next.json().get("revision").asLong()).isEqualTo(7);
        }
    }

    @Test
    void everyAcknowledgedEditSurvivesAKill() throws Exception {
        Path data = workDir.resolve("data");
        try (ServiceProcess service = ServiceProcess.start(data, database)) {
            ApiClient alice = service.as("alice");
            assertThat(alice.post("/api/profiles", Map.of("id", "crashed", "name", "Crashed Org")).status())
                    .isEqualTo(201);
            for (int i = 1; i <= EDITS; i++) {
                ApiClient.Answer answer = alice.put("/api/profiles/crashed/facts/Edit" + i, Map.of("value", "v" + i));
                assertThat(answer.status()).isEqualTo(200);
            }
            service.kill();
        }
        try (ServiceProcess service = ServiceProcess.start(data, database)) {
            ApiClient alice = service.as("alice");
            JsonNode profile = awaitRevision(alice, "crashed", EDITS + 1);
            assertThat(profile.get("revision").asLong()).isEqualTo(EDITS + 1);
            assertThat(profile.get("facts")).hasSize(EDITS);
            ApiClient.Answer next = alice.put("/api/profiles/crashed/facts/AfterCrash", Map.of("value", "x"));
            assertThat(next.json().get("revision").asLong()).isEqualTo(EDITS + 2);
        }
    }
}
