package io.palimpsest.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store's unique indexes ordered by value: same answers as the stock backend, same refusals. */
class ValueOrderedH2BackendTest {

    private static final int DOCUMENTS = 500;

    @TempDir
    Path dataDir;

    @Test
    void aStoreWrittenByTheStockBackendIsReopenedWithItsIndexesRebuiltByValue() {
        withCollection(H2Backend::new, events -> {
            events.createIndex(Indexes.ascending("stream"), new IndexOptions().unique(true));
            List<Document> documents = new ArrayList<>();
            for (long position = 0; position < DOCUMENTS; position++) {
                documents.add(new Document("_id", position).append("stream", "profile-" + position + "#0"));
            }
            events.insertMany(documents);
        });

        withCollection(ValueOrderedH2Backend::new, events -> {
            assertThat(events.find(Filters.in("_id", 7L, 250L, 499L, 9_999L)).map(d -> d.getLong("_id")))
                    .containsExactlyInAnyOrder(7L, 250L, 499L);
            assertThat(events.find(new Document("stream", "profile-42#0")).first()).containsEntry("_id", 42L);
            assertThatThrownBy(() -> events.insertOne(new Document("_id", 42L).append("stream", "other")))
                    .isInstanceOf(MongoWriteException.class);
            assertThatThrownBy(() -> events.insertOne(new Document("_id", 10_000L).append("stream", "profile-42#0")))
                    .isInstanceOf(MongoWriteException.class);
            events.insertOne(new Document("_id", 10_001L).append("stream", "profile-new#0"));
        });

        withCollection(ValueOrderedH2Backend::new, events -> {
            assertThat(events.countDocuments()).isEqualTo(DOCUMENTS + 1);
            assertThat(events.find(new Document("stream", "profile-new#0")).first()).containsEntry("_id", 10_001L);
        });
    }

    @Test
    void keysOfDifferentTypesAndCompoundKeysAreKeptApart() {
        withCollection(ValueOrderedH2Backend::new, things -> {
            things.createIndex(Indexes.ascending("a", "b"), new IndexOptions().unique(true));
            things.insertOne(new Document("_id", "1").append("a", 1).append("b", "x"));
            things.insertOne(new Document("_id", 1L).append("a", 1).append("b", "y"));
            things.insertOne(new Document("_id", new Document("k", 1)).append("a", "1").append("b", "x"));

            assertThat(things.find(Filters.eq("_id", "1")).first()).containsEntry("b", "x");
            assertThat(things.find(Filters.eq("_id", 1L)).first()).containsEntry("b", "y");
            assertThat(things.find(Filters.eq("_id", new Document("k", 1))).first()).containsEntry("a", "1");
            assertThatThrownBy(() -> things.insertOne(new Document("_id", "2").append("a", 1).append("b", "y")))
                    .isInstanceOf(MongoWriteException.class);
        });
    }

    private void withCollection(Function<MVStore, MongoBackend> backend,
                                Consumer<MongoCollection<Document>> use) {
        MVStore store = new MVStore.Builder().fileName(dataDir.resolve(EmbeddedMongoServer.STORE_FILE).toString()).open();
        MongoServer server = new MongoServer(backend.apply(store));
        try (MongoClient client = MongoClients.create("mongodb://" + hostAndPort(server.bind()))) {
            use.accept(client.getDatabase("palimpsest").getCollection("events"));
        } finally {
            server.shutdown();
            store.close();
        }
    }

    private static String hostAndPort(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }
}
