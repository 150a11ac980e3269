package io.palimpsest.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Read-model documents read in-process from the embedded store's file are those a query over the wire finds. */
class ReadModelLookupsTest {

    @TempDir
    Path dataDir;

    @Test
    void inProcessLookupsFindWhatTheWireFindsAndLeaveMissingIdsOut() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.h2(dataDir, EmbeddedMongoServer.READ_MODEL_FILE, 90,
                Duration.ZERO, false); MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> entries = client.getDatabase("read-models").getCollection("history_entries");
            entries.insertMany(List.of(
                    new Document("_id", "acme/1").append("time", new Date(1_000)).append("entry", "{\"revision\":1}"),
                    new Document("_id", "acme/2").append("revisions", List.of(3L, 250L, 7L))
                            .append("marks", List.of("2026-12-04T07:00:00Z acme/2"))));
            List<String> ids = List.of("acme/2", "acme/1", "acme/3");

            List<Document> inProcess = new ReadModelLookups("read-models", server).byId(entries, ids);

            assertThat(inProcess).hasSize(2)
                    .containsExactlyInAnyOrderElementsOf(new ReadModelLookups("read-models", null).byId(entries, ids));
            assertThat(new ReadModelLookups("read-models", server)
                    .byId(client.getDatabase("read-models").getCollection("never_written"), ids)).isEmpty();
        }
    }
}
