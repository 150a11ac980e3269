package io.palimpsest.live;

import com.fasterxml.jackson.databind.JsonNode;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceProcess;
import io.palimpsest.web.FormSignIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two service processes on different ports over one shared store (a standalone mongo-java-server, or the MongoDB
 * of {@code MONGODB_URI}): each node follows the store, so what happens through one reaches the other's
 * subscribers without the nodes talking to each other, and a web editor's session opened on one is known to the
 * other.
 */
class TwoNodesTest {

    @TempDir
    static Path workDir;
    private static MongoServer embedded;
    private static CompletableFuture<ServiceProcess> startingA;
    private static CompletableFuture<ServiceProcess> startingB;

    @BeforeAll
    static void startTwoNodesOnOneStore() {
        String uri = System.getenv("MONGODB_URI");
        if (uri == null || uri.isBlank()) {
            embedded = new MongoServer(new MemoryBackend());
            InetSocketAddress address = embedded.bind();
            uri = "mongodb://" + address.getHostString() + ":" + address.getPort();
        }
        List<String> shared = List.of("--palimpsest.storage.mongodb-uri=" + uri, "--palimpsest.live.presence-poll=200ms");
        String database = "two-nodes-" + UUID.randomUUID();
        startingA = start("a", database, shared);
        startingB = start("b", database, shared);
    }

    @AfterAll
    static void stopBoth() throws InterruptedException {
        // A node that started while the other failed to is still to be stopped.
        stop(startingA);
        stop(startingB);
        if (embedded != null) {
            embedded.shutdownNow();
        }
    }

    @Test
    void anEditAndAPresenceThroughOneNodeReachASubscriberOfTheOther() throws Exception {
        ServiceProcess a = startingA.join();
        ServiceProcess b = startingB.join();
        try (StompTestClient carolOnB = StompTestClient.connect(b.baseUrl(), "carol");
             StompTestClient aliceOnA = StompTestClient.connect(a.baseUrl(), "alice")) {
            StompTestClient.Received changes = carolOnB.subscribe("/topic/profiles/shared", 0L);
            StompTestClient.Received presence = carolOnB.subscribe("/topic/profiles/shared/presence", null);
            assertThat(presence.next().get("editors")).isEmpty();

            ApiClient aliceThroughA = a.as("alice");
            assertThat(aliceThroughA.post("/api/profiles", Map.of("id", "shared", "name", "Shared Org")).status())
                    .isEqualTo(201);
            assertThat(aliceThroughA.put("/api/profiles/shared/facts/Founded", Map.of("value", "2024")).status())
                    .isEqualTo(200);
            aliceOnA.send("/app/profiles/shared/presence", Map.of("sectionId", "intro"));

            List<JsonNode> received = changes.next(2);
            assertThat(received).extracting(m -> m.get("revision").asLong()).containsExactly(1L, 2L);
            assertThat(received).extracting(m -> m.get("editor").asText()).containsOnly("alice");
            assertThat(received.get(1).get("change").get("value").asText()).isEqualTo("2024");
            JsonNode present = presence.first(list -> !list.get("editors").isEmpty()).get("editors");
            assertThat(present).hasSize(1);
            assertThat(present.get(0).get("editor").asText()).isEqualTo("alice");
            assertThat(present.get(0).get("sectionId").asText()).isEqualTo("intro");
        }
    }

    @Test
    void aWebEditorSessionOpenedOnOneNodeIsValidOnTheOther() throws Exception {
        String session = FormSignIn.session(startingA.join().baseUrl(), "alice", "alice-pw");
        HttpRequest meOnB = HttpRequest.newBuilder(URI.create(startingB.join().baseUrl() + "/api/me"))
                .header("Cookie", "JSESSIONID=" + session).build();
        HttpResponse<String> me = HttpClient.newHttpClient().send(meOnB, HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"alice\"");
    }

    private static void stop(CompletableFuture<ServiceProcess> starting) throws InterruptedException {
        ServiceProcess node = starting.exceptionally(failed -> null).join();
        if (node != null) {
            node.close();
        }
    }

    private static CompletableFuture<ServiceProcess> start(String node, String database, List<String> arguments) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return ServiceProcess.start(workDir.resolve(node), database, arguments);
            } catch (Exception e) {
                throw new IllegalStateException("Node " + node + " did not start", e);
            }
        });
    }
}
