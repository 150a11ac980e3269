package io.palimpsest.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

import com.mongodb.MongoNamespace;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's layout (indexes ordered by value, documents stored as BSON, each encoded once when put): same
 * answers as the stock backend, same refusals, writes kept across reopens, and a store the stock backend wrote is
 * taken over whole.
 */
class EmbeddedH2BackendTest {

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

        withCollection(EmbeddedH2Backend::new, events -> {
            assertThat(events.find(Filters.in("_id", 7L, 250L, 499L, 9_999L)).map(d -> d.getLong("_id")))
                    .containsExactlyInAnyOrder(7L, 250L, 499L);
            assertThat(events.find(new Document("stream", "profile-42#0")).first()).containsEntry("_id", 42L);
            assertThatThrownBy(() -> events.insertOne(new Document("_id", 42L).append("stream", "other")))
                    .isInstanceOf(MongoWriteException.class);
            assertThatThrownBy(() -> events.insertOne(new Document("_id", 10_000L).append("stream", "profile-42#0")))
                    .isInstanceOf(MongoWriteException.class);
            events.insertOne(new Document("_id", 10_001L).append("stream", "profile-new#0"));
        });

        withCollection(EmbeddedH2Backend::new, events -> {
            assertThat(events.countDocuments()).isEqualTo(DOCUMENTS + 1);
            assertThat(events.find(new Document("stream", "profile-new#0")).first()).containsEntry("_id", 10_001L);
            assertThat(events.find(Filters.eq("_id", 250L)).first()).containsEntry("stream", "profile-250#0");
        });
    }

    @Test
    void everyKindOfValueReadsBackAsWrittenAfterTheStoreIsReopened() {
        Document written = new Document("_id", "all-kinds").append("text", "zwölf € \u0000 done")
                .append("int", 7).append("long", 1L << 40).append("double", 2.5).append("yes", true)
                .append("nothing", null).append("when", new Date(1_700_000_000_123L))
                .append("nested", new Document("list", List.of(1, "two", new Document("three", 3L))))
                .append("bytes", new Binary(new byte[] {0, 1, 2, (byte) 255})).append("oid", new ObjectId())
                .append("decimal", new Decimal128(new BigDecimal("12.345")))
                .append("big", "x".repeat(100_000));
        withCollection(EmbeddedH2Backend::new, things -> things.insertOne(written));

        withCollection(EmbeddedH2Backend::new, things ->
                assertThat(things.find(Filters.eq("_id", "all-kinds")).first()).isEqualTo(written));
    }

    @Test
    void updatedReplacedAndDeletedDocumentsAndTheirUnchangedNeighboursReadBackAsLastWrittenAcrossReopens() {
        withCollection(EmbeddedH2Backend::new, things -> {
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < DOCUMENTS; i++) {
                documents.add(new Document("_id", i).append("name", "thing " + i).append("tags", List.of("a")));
            }
            things.insertMany(documents);
            things.updateOne(Filters.eq("_id", 10), Updates.combine(Updates.set("name", "ten"), Updates.push("tags", "b")));
            things.updateOne(Filters.eq("_id", 11), Updates.unset("tags"));
            things.deleteOne(Filters.eq("_id", 12));
        });

        // Read back from the file this time: documents decoded from a page are changed in place and put again.
        withCollection(EmbeddedH2Backend::new, things -> {
            things.updateOne(Filters.eq("_id", 10), Updates.push("tags", "c"));
            things.replaceOne(Filters.eq("_id", 13), new Document("_id", 13).append("replaced", true));
            things.updateOne(Filters.eq("_id", DOCUMENTS), Updates.set("name", "upserted"),
                    new UpdateOptions().upsert(true));
        });

        withCollection(EmbeddedH2Backend::new, things -> {
            assertThat(things.find(Filters.eq("_id", 10)).first())
                    .isEqualTo(new Document("_id", 10).append("name", "ten").append("tags", List.of("a", "b", "c")));
            assertThat(things.find(Filters.eq("_id", 11)).first())
                    .isEqualTo(new Document("_id", 11).append("name", "thing 11"));
            assertThat(things.find(Filters.eq("_id", 12)).first()).isNull();
            assertThat(things.find(Filters.eq("_id", 13)).first())
                    .isEqualTo(new Document("_id", 13).append("replaced", true));
            assertThat(things.find(Filters.eq("_id", DOCUMENTS)).first()).containsEntry("name", "upserted");
            assertThat(things.countDocuments()).isEqualTo(DOCUMENTS);
            for (int i = 14; i < DOCUMENTS; i++) {
                assertThat(things.find(Filters.eq("_id", i)).first()).containsEntry("name", "thing " + i);
            }
        });
    }

    @Test
    void aRenamedCollectionKeepsItsDocumentsAndADroppedOneLeavesNothing() {
        withCollection(EmbeddedH2Backend::new, things -> {
            things.insertOne(new Document("_id", 1).append("name", "kept"));
            things.renameCollection(new MongoNamespace("palimpsest", "renamed"));
        });

        withDatabase(EmbeddedH2Backend::new, database -> {
            assertThat(database.getCollection("renamed").find().first()).containsEntry("name", "kept");
            assertThat(database.getCollection("events").countDocuments()).isZero();
            database.getCollection("renamed").drop();
        });

        withDatabase(EmbeddedH2Backend::new, database ->
                assertThat(database.getCollection("renamed").countDocuments()).isZero());
    }

    @Test
    void keysOfDifferentTypesAndCompoundKeysAreKeptApartAcrossAReopen() {
        withCollection(EmbeddedH2Backend::new, things -> {
            things.createIndex(Indexes.ascending("a", "b"), new IndexOptions().unique(true));
            things.insertOne(new Document("_id", "1").append("a", 1).append("b", "x"));
            things.insertOne(new Document("_id", 1L).append("a", 1).append("b", "y"));
            things.insertOne(new Document("_id", new Document("k", 1)).append("a", "1").append("b", "x"));
        });

        withCollection(EmbeddedH2Backend::new, things -> {
            assertThat(things.find(Filters.eq("_id", "1")).first()).containsEntry("b", "x");
            assertThat(things.find(Filters.eq("_id", 1L)).first()).containsEntry("b", "y");
            assertThat(things.find(Filters.eq("_id", new Document("k", 1))).first()).containsEntry("a", "1");
            assertThat(things.find(new Document("a", "1").append("b", "x")).first())
                    .containsEntry("_id", new Document("k", 1));
            assertThatThrownBy(() -> things.insertOne(new Document("_id", "2").append("a", 1).append("b", "y")))
                    .isInstanceOf(MongoWriteException.class);
        });
    }

    @Test
    void theEventLogsIndexesOfTenThousandKeysStayAFewLevelsDeep() {
        withStore(EmbeddedH2Backend::forEventLog, (store, database) -> {
            MongoCollection<Document> events = database.getCollection("events");
            events.createIndex(Indexes.ascending("stream"), new IndexOptions().unique(true));
            List<Document> documents = new ArrayList<>();
            for (long position = 0; position < 10_000; position++) {
                documents.add(new Document("_id", position).append("stream", "profile-" + position % 97 + "#" + position));
            }
            events.insertMany(documents);

            List<String> indexes = store.getMapNames().stream().filter(name -> name.contains("._index_")).toList();
            assertThat(indexes).hasSize(2);
            for (String index : indexes) {
                assertThat(depth(store.openMap(index).getRootPage())).as(index).isLessThanOrEqualTo(4);
            }
        });
    }

    private static int depth(Page<?, ?> page) {
        return page.isLeaf() ? 1 : 1 + depth(page.getChildPage(0));
    }

    private void withCollection(Function<MVStore, MongoBackend> backend,
                                Consumer<MongoCollection<Document>> use) {
        withDatabase(backend, database -> use.accept(database.getCollection("events")));
    }

    private void withDatabase(Function<MVStore, MongoBackend> backend, Consumer<MongoDatabase> use) {
        withStore(backend, (store, database) -> use.accept(database));
    }

    private void withStore(Function<MVStore, MongoBackend> backend, BiConsumer<MVStore, MongoDatabase> use) {
        MVStore store = new MVStore.Builder().fileName(dataDir.resolve(EmbeddedMongoServer.EVENT_LOG_FILE).toString()).open();
        MongoServer server = new MongoServer(backend.apply(store));
        try (MongoClient client = MongoClients.create("mongodb://" + hostAndPort(server.bind()))) {
            use.accept(store, client.getDatabase("palimpsest"));
        } finally {
            server.shutdown();
            store.close();
        }
    }

    private static String hostAndPort(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }
}
