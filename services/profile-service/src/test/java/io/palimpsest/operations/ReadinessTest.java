package io.palimpsest.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.palimpsest.ProfileServiceApplication;
import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceTest;
import io.palimpsest.history.Replays;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.InetSocketAddress;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Readiness over HTTP, on a store shared as several nodes share it (a standalone mongo-java-server, or the MongoDB of
 * {@code MONGODB_URI}). A node whose read models are held by "another node" that has not folded the store (their
 * token claims, set by hand) is not ready, and is once they are released and it has caught up; a node that loses its
 * store is not ready until it is back, and stays alive all along.
 */
class ReadinessTest {

    private static final String READINESS = "/actuator/health/readiness";
    private static final String LIVENESS = "/actuator/health/liveness";

    @Test
    void aNodeIsReadyOnlyOnceItsReadModelsHaveCaughtUpAndWhileItReachesItsStore() throws Exception {
        String uri = System.getenv("MONGODB_URI");
        MemoryBackend backend = new MemoryBackend();
        MongoServer server = null;
        InetSocketAddress address = null;
        if (uri == null || uri.isBlank()) {
            server = new MongoServer(backend);
            address = server.bind();
            uri = "mongodb://" + address.getHostString() + ":" + address.getPort();
        }
        String database = "readiness-" + UUID.randomUUID();
        try (MongoClient store = MongoClients.create(uri)) {
            try (ConfigurableApplicationContext first = start(uri, database)) {
                ApiClient alice = client(first, "alice");
                assertThat(alice.post("/api/profiles", Map.of("id", "acme", "name", "Acme")).status()).isEqualTo(201);
                assertThat(alice.put("/api/profiles/acme/facts/Founded", Map.of("value", "2024")).status())
                        .isEqualTo(200);
                awaitHealth(first, READINESS, 200, health -> health.get("status").asText().equals("UP"));
            }

            MongoCollection<Document> tokens = store.getDatabase(database).getCollection("tokens");
            for (String readModel : Replays.READ_MODELS) {
                tokens.updateOne(Filters.eq("_id", readModel + "/0"), Updates.combine(Updates.set("token", null),
                        Updates.set("owner", "another-node@elsewhere"), Updates.set("timestamp", new Date())));
            }

            try (ConfigurableApplicationContext node = start(uri, database)) {
                ApiClient anonymous = ApiClient.anonymous(baseUrl(node));
                JsonNode behind = awaitHealth(node, READINESS, 503,
                        health -> health.get("status").asText().equals("OUT_OF_SERVICE"));
                assertThat(behind.at("/components/readModels/status").asText()).isEqualTo("OUT_OF_SERVICE");
                assertThat(behind.at("/components/store/status").asText()).isEqualTo("UP");
                assertThat(anonymous.get(LIVENESS).status()).isEqualTo(200);
                Scrape lagging = Scrape.of(anonymous);
                assertThat(lagging.value("palimpsest_read_model_lag_events", "read_model=\"history\"")).isEqualTo(2);
                assertThat(lagging.value("palimpsest_read_model_lag_seconds", "read_model=\"history\"")).isPositive();

                tokens.updateMany(Filters.in("_id", Replays.READ_MODELS.stream().map(name -> name + "/0").toList()),
                        Updates.set("owner", null));
                awaitHealth(node, READINESS, 200, health -> health.get("status").asText().equals("UP"));
                assertThat(Scrape.of(anonymous).value("palimpsest_read_model_lag_events", "read_model=\"history\""))
                        .isZero();

                assumeTrue(server != null, "a MongoDB of MONGODB_URI is not ours to stop");
                server.shutdownNow();
                JsonNode down = awaitHealth(node, READINESS, 503,
                        health -> health.get("status").asText().equals("DOWN"));
                assertThat(down.at("/components/store/status").asText()).isEqualTo("DOWN");
                assertThat(anonymous.get(LIVENESS).status()).isEqualTo(200);

                server = new MongoServer(backend);
                server.bind(address);
                awaitHealth(node, READINESS, 200, health -> health.get("status").asText().equals("UP"));
            }
        } finally {
            if (server != null) {
                server.shutdownNow();
            }
        }
    }

    /** A node of its own, with metrics open to anyone; it never takes a segment whose claim another node holds. */
    private static ConfigurableApplicationContext start(String uri, String database) {
        return new SpringApplicationBuilder(ProfileServiceApplication.class).run("--server.port=0",
                "--palimpsest.storage.mongodb-uri=" + uri, "--palimpsest.storage.database=" + database,
                "--palimpsest.users=" + ServiceTest.USERS, "--palimpsest.operations.public-metrics=true",
                "--palimpsest.storage.claim-timeout=PT1H");
    }

    /** The health answer once it has the status and the body matches; a bound on the wait, not a speed target. */
    private static JsonNode awaitHealth(ConfigurableApplicationContext node, String path, int status,
                                        Predicate<JsonNode> wanted) throws InterruptedException {
        ApiClient anonymous = ApiClient.anonymous(baseUrl(node));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            ApiClient.Answer answer = anonymous.get(path);
            if (answer.status() == status && wanted.test(answer.json())) {
                return answer.json();
            }
            assertThat(System.nanoTime()).as(path + " answered " + answer.status() + " " + answer.body())
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static String baseUrl(ConfigurableApplicationContext node) {
        return "http://localhost:" + ((ServletWebServerApplicationContext) node).getWebServer().getPort();
    }

    private static ApiClient client(ConfigurableApplicationContext node, String user) {
        return ApiClient.as(baseUrl(node), user, user + "-pw");
    }
}
