package io.palimpsest.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.palimpsest.ProfileServiceApplication;
import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The embedded store keeps the read models in a file of their own: derived data. A service that finds that file
 * gone (deleted, or never there because an earlier version kept the read models in the event log's file) rebuilds
 * every read model from the log before history answers again.
 */
class LostReadModelStoreTest {

    private static final String P = "/api/profiles/beijing";
    private static final List<String> READS = List.of(P, P + "/history?size=50", P + "/blame", P + "?at=2",
            P + "/claims/%s/history");

    @TempDir
    Path dataDir;

    @Test
    void readModelsWhoseStoreFileIsGoneAreRebuiltFromTheEventLogAtStartup() throws Exception {
        assumeTrue(System.getenv("MONGODB_URI") == null, "a real MongoDB keeps the read models in its database");
        List<JsonNode> before;
        try (ConfigurableApplicationContext service = start()) {
            ApiClient alice = client(service, "alice");
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("samples/000_9766725a61e7e7e5.txt")) {
                String page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertThat(alice.postText("/api/profiles/import?id=beijing", "text/plain", page).status())
                        .isEqualTo(201);
            }
            String claim = alice.get(P + "?minRevision=1").json().at("/sections/1/claims/0/id").asText();
            assertThat(client(service, "bob").put(P + "/claims/" + claim,
                    Map.of("text", "Bob rewrote this claim.", "baseRevision", 1)).status()).isEqualTo(200);
            assertThat(alice.put(P + "/facts/Founded", Map.of("value", "1999")).status()).isEqualTo(200);
            before = reads(alice, claim);
        }

        Files.delete(dataDir.resolve("read-models.mv.db"));

        try (ConfigurableApplicationContext service = start()) {
            ApiClient alice = client(service, "alice");
            String claim = before.get(0).at("/sections/1/claims/0/id").asText();
            assertThat(reads(alice, claim)).isEqualTo(before);
            assertThat(client(service, "ada").get("/api/admin/replay").json().get("startedAt").isNull()).isFalse();
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(ProfileServiceApplication.class).run("--server.port=0",
                "--palimpsest.storage.data-dir=" + dataDir, "--palimpsest.users=" + ServiceTest.USERS);
    }

    private static ApiClient client(ConfigurableApplicationContext service, String user) {
        int port = ((ServletWebServerApplicationContext) service).getWebServer().getPort();
        return ApiClient.as("http://localhost:" + port, user, user + "-pw");
    }

    /** Every read model, once each has caught up with revision 3 (history answers 503 while it is rebuilt). */
    private static List<JsonNode> reads(ApiClient client, String claim) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            List<ApiClient.Answer> answers = READS.stream().map(path -> client.get(path.formatted(claim))).toList();
            boolean caughtUp = answers.stream().allMatch(answer -> answer.status() == 200)
                    && answers.get(0).json().get("revision").asLong() == 3
                    && answers.get(1).json().get("entries").size() == 3;
            if (caughtUp || System.nanoTime() > deadline) {
                assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isEqualTo(200));
                return answers.stream().map(ApiClient.Answer::json).toList();
            }
            Thread.sleep(50);
        }
    }
}
