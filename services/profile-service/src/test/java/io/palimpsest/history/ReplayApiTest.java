package io.palimpsest.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.palimpsest.api.ApiClient;
import io.palimpsest.api.ServiceTest;
import io.palimpsest.model.ProfileEvent.ClaimRevised;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import com.mongodb.client.MongoDatabase;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Rebuilding every read model from the event store, and reading events stored in an older schema. */
class ReplayApiTest extends ServiceTest {

    @Autowired
    MongoDatabase database;

    @Autowired
    EventStore eventStore;

    @Autowired
    HistoryLayout layout;

    private String profileWithEdits(int edits) {
        String id = "acme-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(alice().post("/api/profiles", Map.of("id", id, "name", "Acme")).status()).isEqualTo(201);
        for (int i = 0; i < edits; i++) {
            assertThat(bob().put("/api/profiles/" + id + "/facts/F" + i, Map.of("value", "v" + i)).status())
                    .isEqualTo(200);
        }
        return "/api/profiles/" + id;
    }

    private JsonNode awaitRebuilt() {
        ApiClient admin = as("ada");
        for (int attempt = 0; attempt < 1000; attempt++) {
            JsonNode progress = admin.get("/api/admin/replay").json();
            if (!progress.get("rebuilding").asBoolean()) {
                return progress;
            }
            pause();
        }
        throw new AssertionError("Rebuild never finished");
    }

    private JsonNode await(String path, long revision) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            ApiClient.Answer answer = alice().get(path);
            if (answer.status() == 200 && answer.json().get("revision").asLong() >= revision) {
                return answer.json();
            }
            pause();
        }
        throw new AssertionError(path + " never reached revision " + revision);
    }

    @Test
    void aRebuildYieldsIdenticalReadModelsAndLosesNoConcurrentEdit() {
        String p = profileWithEdits(12);
        JsonNode profile = await(p, 13);
        JsonNode history = await(p + "/history?size=50", 13);
        JsonNode blame = await(p + "/blame", 13);

        assertThat(alice().post("/api/admin/replay", Map.of()).status()).isEqualTo(403);
        ApiClient.Answer started = as("ada").post("/api/admin/replay", Map.of());
        assertThat(started.status()).isEqualTo(202);
        CompletableFuture<Void> concurrent = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 5; i++) {
                assertThat(as("carol").put(p + "/facts/G" + i, Map.of("value", "w" + i)).status()).isEqualTo(200);
            }
        });
        concurrent.join();
        JsonNode progress = awaitRebuilt();
        assertThat(progress.get("eventsDone").asLong()).isEqualTo(progress.get("eventsTotal").asLong());

        JsonNode rebuiltHistory = await(p + "/history?size=50", 18);
        assertThat(rebuiltHistory.get("entries")).hasSize(18);
        assertThat(List.of(rebuiltHistory.get("entries").get(17), rebuiltHistory.get("entries").get(5)))
                .containsExactly(history.get("entries").get(12), history.get("entries").get(0));
        JsonNode rebuiltProfile = await(p, 18);
        assertThat(rebuiltProfile.get("facts")).hasSize(17);
        assertThat(alice().get(p + "?at=13").json()).isEqualTo(profile);
        assertThat(await(p + "/blame", 18).get("claims")).isEqualTo(blame.get("claims"));
    }

    @Test
    void historyKeptInAnOlderLayoutIsRebuiltWhenTheServiceStarts() {
        String p = profileWithEdits(3);
        JsonNode history = await(p + "/history?size=50", 4);
        database.getCollection("read_model_layouts").replaceOne(new Document("_id", "history"),
                new Document("_id", "history").append("version", 1));
        database.getCollection("history_index").deleteMany(new Document());

        layout.rebuildIfChanged();

        assertThat(as("ada").get("/api/admin/replay").json().get("startedAt").isNull()).isFalse();
        awaitRebuilt();
        assertThat(database.getCollection("read_model_layouts").find(new Document("_id", "history")).first())
                .containsEntry("version", HistoryLayout.CURRENT);
        assertThat(await(p + "/history?size=50", 4).get("entries")).isEqualTo(history.get("entries"));
        assertThat(alice().get(p + "/history?editor=bob").json().get("total").asLong()).isEqualTo(3);
    }

    @Test
    void storedVersionOneClaimRevisionsAreUpcastWithTheirOrigin() {
        String aggregate = "old-" + UUID.randomUUID().toString().substring(0, 8);
        String v1 = "{\"profileId\":\"" + aggregate + "\",\"revision\":2,\"claimId\":\"c1\",\"text\":\"Merged text.\","
                + "\"label\":null,\"items\":[],\"baseRevision\":1,\"merged\":true}";
        // A commit as the store held it before ClaimRevised had revision 2: no payload revision, no origin.
        // Its position lies far above the log's counter, so no event processor reads it.
        database.getCollection("events").insertOne(new Document("_id", Long.MAX_VALUE / 2)
                .append("stream", aggregate + "#0").append("aggregateId", aggregate)
                .append("aggregateType", "Profile").append("firstSeq", 0L).append("lastSeq", 0L)
                .append("timestamp", new java.util.Date())
                .append("events", List.of(new Document("eventId", UUID.randomUUID().toString()).append("seq", 0L)
                        .append("payloadType", ClaimRevised.class.getName()).append("payloadRevision", null)
                        .append("payload", v1).append("metaData", "{\"editor\":\"alice\"}")
                        .append("timestamp", "2025-01-01T00:00:00.000000000Z"))));

        DomainEventMessage<?> event = eventStore.readEvents(aggregate).next();

        assertThat(event.getPayload()).isEqualTo(new ClaimRevised(aggregate, 2, "c1", "Merged text.", null, List.of(),
                1, true, ClaimRevised.Origin.MERGE));
    }
}
