package io.palimpsest.streams;

import com.fasterxml.jackson.databind.JsonNode;
import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhooks over HTTP against the embedded store, delivering to a receiver on the loopback interface (allowed here by
 * configuration), with retries a few milliseconds apart; with metrics, to count the deliveries.
 */
@TestPropertySource(properties = {"palimpsest.webhooks.allowed-hosts=127.0.0.1",
        "palimpsest.webhooks.allow-loopback-http=true", "palimpsest.webhooks.retry-base=20ms",
        "palimpsest.webhooks.retry-max=200ms", "palimpsest.webhooks.pause-after=5",
        "palimpsest.webhooks.poll-interval=20ms", "palimpsest.webhooks.refresh=500ms"})
@AutoConfigureObservability(tracing = false)
@ExtendWith(OutputCaptureExtension.class)
class WebhooksTest extends ServiceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private ApiClient ada() {
        return as("ada");
    }

    @Test
    void aReceiverThatFailsTheFirstThreeDeliveriesGetsEveryChangeOnceTheBackoffHasRunInOrderEachSignatureValid(
            CapturedOutput output) throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.answering(request -> request <= 3 ? 500 : 200)) {
            JsonNode created = register(receiver.url(), Map.of("profile", List.of("hooked")));
            String secret = created.get("secret").asText();
            List<Long> revisions = edit("hooked", 6);

            List<WebhookReceiver.Received> accepted = receiver.awaitAccepted(6, PATIENCE);

            assertThat(accepted).extracting(r -> r.json().get("revision").asLong()).containsExactlyElementsOf(revisions);
            assertThat(receiver.received()).hasSize(9).allSatisfy(request -> {
                assertThat(request.signedWith(secret)).as("signature of %s", request.delivery()).isTrue();
                assertThat(request.webhook()).isEqualTo(created.get("id").asText());
                assertThat(request.delivery()).isEqualTo(request.json().get("position").asText());
                assertThat(request.event()).isEqualTo(request.json().get("kind").asText());
            });
            assertThat(receiver.received().subList(0, 3)).extracting(WebhookReceiver.Received::delivery)
                    .containsOnly(accepted.get(0).delivery());
            List<Long> positions = accepted.stream().map(r -> r.json().get("position").asLong()).toList();
            assertThat(positions).isSorted().doesNotHaveDuplicates();

            String id = created.get("id").asText();
            JsonNode deliveries = awaitDeliveries(id, 9);
            assertThat(deliveries).extracting(d -> d.get("status").asInt())
                    .containsExactly(200, 200, 200, 200, 200, 200, 500, 500, 500);
            JsonNode firstAttempt = deliveries.get(8);
            assertThat(firstAttempt.get("attempt").asInt()).isEqualTo(1);
            assertThat(firstAttempt.get("error").asText()).contains("500");
            assertThat(firstAttempt.get("latencyMs").isNumber()).isTrue();
            assertThat(deliveries.get(5).get("attempt").asInt()).isEqualTo(4);
            assertThat(deliveries.get(0).get("delivery").asText()).isEqualTo(Long.toString(positions.get(5)));

            JsonNode webhook = ada().get("/api/webhooks/" + id).json();
            assertThat(webhook.get("state").asText()).isEqualTo("active");
            assertThat(webhook.get("failures").asInt()).isZero();
            assertThat(webhook.get("deliveredUpTo").asText()).isEqualTo(Long.toString(positions.get(5)));
            assertThat(ada().get("/actuator/prometheus").body().lines()).anyMatch(line ->
                    line.startsWith("palimpsest_webhooks_deliveries_total{") && line.contains("outcome=\"failed\"")
                            && line.contains("webhook=\"" + id + "\"") && line.endsWith(" 3.0"));
            assertThat(output.getAll()).doesNotContain(secret);
        }
    }

    @Test
    void theSecretIsShownOnceInTheRegistrationAndInNoOtherAnswer(CapturedOutput output) throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.accepting()) {
            JsonNode created = register(receiver.url(), Map.of());
            String id = created.get("id").asText();
            String secret = created.get("secret").asText();
            assertThat(secret).hasSizeGreaterThanOrEqualTo(64);

            List<ApiClient.Answer> answers = List.of(ada().get("/api/webhooks/" + id), ada().get("/api/webhooks"),
                    ada().patch("/api/webhooks/" + id, Map.of("description", "renamed")),
                    ada().post("/api/webhooks/" + id + "/pause", Map.of()),
                    ada().post("/api/webhooks/" + id + "/resume", Map.of()),
                    ada().post("/api/webhooks/" + id + "/ping", Map.of()),
                    ada().get("/api/webhooks/" + id + "/deliveries"));

            assertThat(answers).allSatisfy(answer -> {
                assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                assertThat(answer.body()).doesNotContain(secret).doesNotContain("\"secret\"");
            });
            assertThat(ada().get("/api/webhooks/" + id).json().get("description").asText()).isEqualTo("renamed");
            assertThat(output.getAll()).doesNotContain(secret);
        }
    }

    @Test
    void aTargetThatIsNotHttpsOnAnAllowedHostOrAnUnknownFilterIsRefusedAndNothingIsRegistered() {
        int before = ada().get("/api/webhooks").json().size();
        assertRefused(Map.of("url", "https://internal.example.org/hook"), "not in palimpsest.webhooks.allowed-hosts");
        assertRefused(Map.of("url", "https://127.0.0.2/hook"), "not in palimpsest.webhooks.allowed-hosts");
        assertRefused(Map.of("url", "http://example.org/hook"), "must be https");
        assertRefused(Map.of("url", "ftp://127.0.0.1/hook"), "must be an https URL");
        assertRefused(Map.of("url", "https://user:pw@127.0.0.1/hook"), "no user name or password");
        assertRefused(Map.of("description", "no url"), "'url' is required");
        assertRefused(Map.of("url", "http://127.0.0.1:9/hook", "filters", Map.of("kind", List.of("Nonsense"))),
                "'kind' must be one of");
        assertRefused(Map.of("url", "http://127.0.0.1:9/hook", "filters", Map.of("colour", List.of("red"))),
                "colour");
        assertRefused(Map.of("url", "http://127.0.0.1:9/hook", "after", "soon"), "'after' is not a position");
        assertThat(ada().get("/api/webhooks").json().size()).isEqualTo(before);

        assertThat(ada().get("/api/webhooks/wh-none").status()).isEqualTo(404);
        assertThat(ada().patch("/api/webhooks/wh-none", Map.of("description", "x")).status()).isEqualTo(404);
        assertThat(ada().post("/api/webhooks/wh-none/resume", Map.of()).status()).isEqualTo(404);
        assertThat(ada().delete("/api/webhooks/wh-none").status()).isEqualTo(404);
    }

    @Test
    void aWebhookFailingEveryAttemptIsPausedWithItsLastErrorAndResumingDeliversWhatItMissedInOrder() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.answering(request -> 503)) {
            String id = register(receiver.url(), Map.of("profile", List.of("paused-hook"))).get("id").asText();
            List<Long> revisions = new ArrayList<>(edit("paused-hook", 1));

            JsonNode paused = awaitState(id, "paused");
            assertThat(paused.get("lastError").asText()).contains("503");
            assertThat(paused.get("failures").asInt()).isEqualTo(5);
            assertThat(paused.get("pausedAt").isTextual()).isTrue();
            assertThat(paused.get("deliveredUpTo").isNull()).isTrue();
            revisions.addAll(editMore("paused-hook", 2, 4));
            assertThat(receiver.received()).hasSize(5);

            receiver.answer(request -> 200);
            assertThat(ada().post("/api/webhooks/" + id + "/resume", Map.of()).json().get("state").asText())
                    .isEqualTo("active");

            assertThat(receiver.awaitAccepted(4, PATIENCE)).extracting(r -> r.json().get("revision").asLong())
                    .containsExactlyElementsOf(revisions);
            assertThat(awaitState(id, "active").get("failures").asInt()).isZero();
        }
    }

    @Test
    void onlyTheChangesTheFiltersNameAreDeliveredAndARemovedWebhookGetsNothingMore() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.accepting()) {
            String id = register(receiver.url(), Map.of("profile", List.of("filtered-a"), "kind", List.of("FactSet")))
                    .get("id").asText();
            edit("filtered-b", 3);
            edit("filtered-a", 3);

            List<WebhookReceiver.Received> accepted = receiver.awaitAccepted(2, PATIENCE);
            assertThat(accepted).extracting(r -> r.json().get("profileId").asText() + "/" + r.json().get("kind").asText())
                    .containsExactly("filtered-a/FactSet", "filtered-a/FactSet");

            assertThat(ada().delete("/api/webhooks/" + id).status()).isEqualTo(204);
            assertThat(ada().get("/api/webhooks/" + id).status()).isEqualTo(404);
            editMore("filtered-a", 4, 5);
            // A later webhook on the same receiver gets the next change; the removed one nothing.
            String later = register(receiver.url(), Map.of("profile", List.of("filtered-a"))).get("id").asText();
            editMore("filtered-a", 6, 6);
            List<WebhookReceiver.Received> after = receiver.awaitAccepted(3, PATIENCE);
            assertThat(after).extracting(WebhookReceiver.Received::webhook).containsExactly(id, id, later);
            assertThat(after.get(2).json().get("revision").asLong()).isEqualTo(6);
        }
    }

    @Test
    void aPingIsDeliveredSignedAndListedWithTheDeliveries() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.accepting()) {
            JsonNode created = register(receiver.url(), Map.of());
            String id = created.get("id").asText();

            JsonNode ping = ada().post("/api/webhooks/" + id + "/ping", Map.of()).json();

            assertThat(ping.get("status").asInt()).isEqualTo(204);
            assertThat(ping.get("event").asText()).isEqualTo("ping");
            assertThat(ping.get("error").isNull()).isTrue();
            WebhookReceiver.Received received = receiver.received().get(0);
            assertThat(received.event()).isEqualTo("ping");
            assertThat(received.signedWith(created.get("secret").asText())).isTrue();
            assertThat(received.json().get("webhook").asText()).isEqualTo(id);
            assertThat(ada().get("/api/webhooks/" + id + "/deliveries").json().get("deliveries").get(0)
                    .get("delivery").asText()).isEqualTo(received.delivery()).startsWith("ping-");
        }
    }

    @Test
    void theReceiverScriptOfTheDocsPrintsEachSignedChangeOnceAndRefusesABadSignature() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/";
        JsonNode created = register(url, Map.of("profile", List.of("scripted")));
        ProcessBuilder command = new ProcessBuilder("node", "webhook-receiver.mjs", Integer.toString(port))
                .directory(Path.of("../../docs/clients").toFile()).redirectErrorStream(true);
        command.environment().put("WEBHOOK_SECRET", created.get("secret").asText());
        Process node = command.start();
        try {
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> new BufferedReader(new InputStreamReader(node.getInputStream(),
                    StandardCharsets.UTF_8)).lines().forEach(lines::add));
            reader.setDaemon(true);
            reader.start();
            assertThat(lines.poll(30, TimeUnit.SECONDS)).isEqualTo("listening on " + port);

            HttpClient http = HttpClient.newHttpClient();
            HttpRequest forged = HttpRequest.newBuilder(URI.create(url)).header("X-Palimpsest-Delivery", "1")
                    .header("X-Palimpsest-Signature", "sha256=" + "0".repeat(64))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
            assertThat(http.send(forged, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
            assertThat(lines.poll(30, TimeUnit.SECONDS)).isEqualTo("refused 1: bad signature");

            edit("scripted", 2);
            String creation = lines.poll(60, TimeUnit.SECONDS);
            String fact = lines.poll(60, TimeUnit.SECONDS);
            assertThat(creation).startsWith("ProfileCreated ").contains("\"profileId\":\"scripted\"");
            assertThat(fact).startsWith("FactSet ").contains("\"revision\":2");

            String[] again = creation.split(" ", 3);
            HttpRequest repeat = HttpRequest.newBuilder(URI.create(url)).header("X-Palimpsest-Delivery", again[1])
                    .header("X-Palimpsest-Signature", WebhookSender.signature(created.get("secret").asText(),
                            again[2].getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(again[2])).build();
            assertThat(http.send(repeat, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(204);
            assertThat(lines.poll(1, TimeUnit.SECONDS)).as("a repeated delivery is not handled twice").isNull();
        } finally {
            node.destroyForcibly();
        }
    }

    private JsonNode register(String url, Map<String, Object> filters) {
        ApiClient.Answer answer = ada().post("/api/webhooks", Map.of("url", url, "filters", filters,
                "description", "test receiver"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.header("Location")).endsWith("/api/webhooks/" + answer.json().get("id").asText());
        return answer.json();
    }

    private void assertRefused(Map<String, Object> body, String detail) {
        ApiClient.Answer answer = ada().post("/api/webhooks", body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("detail").asText()).contains(detail);
    }

    /** Creates the profile and sets facts, {@code count} changes in all; their revisions. */
    private List<Long> edit(String profile, int count) {
        assertThat(alice().post("/api/profiles", Map.of("id", profile, "name", profile)).status()).isEqualTo(201);
        List<Long> revisions = new ArrayList<>(List.of(1L));
        revisions.addAll(editMore(profile, 2, count));
        return revisions;
    }

    private List<Long> editMore(String profile, int fromRevision, int toRevision) {
        List<Long> revisions = new ArrayList<>();
        for (int revision = fromRevision; revision <= toRevision; revision++) {
            ApiClient.Answer answer = alice().put("/api/profiles/" + profile + "/facts/F" + revision,
                    Map.of("value", "v"));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            revisions.add(answer.json().get("revision").asLong());
        }
        return revisions;
    }

    private JsonNode awaitState(String id, String state) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        JsonNode webhook;
        do {
            webhook = ada().get("/api/webhooks/" + id).json();
            if (webhook.get("state").asText().equals(state)) {
                return webhook;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("The webhook did not become " + state + ": " + webhook);
    }

    private JsonNode awaitDeliveries(String id, int count) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        JsonNode deliveries;
        do {
            deliveries = ada().get("/api/webhooks/" + id + "/deliveries").json().get("deliveries");
            if (deliveries.size() >= count) {
                return deliveries;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("Fewer than " + count + " deliveries listed: " + deliveries);
    }
}
