package io.palimpsest.streams;

import com.fasterxml.jackson.databind.JsonNode;
import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A webhook's deliveries are kept in the store, not in a node's memory: a killed service goes on where it was. */
class WebhookRestartTest {

    private static final List<String> LOOPBACK_WEBHOOKS = List.of("--palimpsest.webhooks.allowed-hosts=127.0.0.1",
            "--palimpsest.webhooks.allow-loopback-http=true", "--palimpsest.webhooks.retry-base=50ms",
            "--palimpsest.webhooks.retry-max=500ms");

    @TempDir
    Path workDir;

    @Test
    void aServiceKilledWhileADeliveryWaitsForItsAnswerDeliversItAndEveryLaterChangeAfterTheRestart() throws Exception {
        Path data = workDir.resolve("data");
        String database = "webhooks-restart-" + UUID.randomUUID();
        CountDownLatch third = new CountDownLatch(1);
        CountDownLatch killed = new CountDownLatch(1);
        try (WebhookReceiver receiver = WebhookReceiver.answering(request -> {
            if (request == 3) {
                third.countDown();
                await(killed);
            }
            return 200;
        })) {
            String secret;
            try (ServiceProcess service = ServiceProcess.start(data, database, LOOPBACK_WEBHOOKS)) {
                ApiClient.Answer created = service.as("ada").post("/api/webhooks", Map.of("url", receiver.url(),
                        "filters", Map.of("profile", List.of("restarted-hook"))));
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                secret = created.json().get("secret").asText();
                ApiClient alice = service.as("alice");
                assertThat(alice.post("/api/profiles", Map.of("id", "restarted-hook", "name", "R")).status())
                        .isEqualTo(201);
                for (int i = 2; i <= 5; i++) {
                    assertThat(alice.put("/api/profiles/restarted-hook/facts/F" + i, Map.of("value", "v")).status())
                            .isEqualTo(200);
                }
                assertThat(third.await(60, TimeUnit.SECONDS)).as("the third delivery arrived").isTrue();
            }
            killed.countDown();
            try (ServiceProcess service = ServiceProcess.start(data, database, LOOPBACK_WEBHOOKS)) {
                for (int i = 6; i <= 7; i++) {
                    assertThat(service.as("bob").put("/api/profiles/restarted-hook/facts/F" + i, Map.of("value", "v"))
                            .status()).isEqualTo(200);
                }
                Map<String, Long> firstDeliveries = new LinkedHashMap<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (firstDeliveries.size() < 7 && System.nanoTime() < deadline) {
                    for (WebhookReceiver.Received received : receiver.awaitAccepted(firstDeliveries.size() + 1,
                            Duration.ofSeconds(1))) {
                        firstDeliveries.putIfAbsent(received.delivery(), received.json().get("revision").asLong());
                    }
                }
                assertThat(firstDeliveries.values()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
                assertThat(receiver.received()).allSatisfy(received ->
                        assertThat(received.signedWith(secret)).as(received.delivery()).isTrue());
                JsonNode webhook = service.as("ada").get("/api/webhooks").json().get(0);
                assertThat(webhook.get("state").asText()).isEqualTo("active");
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
