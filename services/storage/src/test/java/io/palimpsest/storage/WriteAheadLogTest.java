package io.palimpsest.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write-ahead log of the embedded store. A crash is simulated by closing the MVStore without its final commit
 * (background auto-commit off, no scheduled checkpoints): only what the log made durable may come back.
 */
class WriteAheadLogTest {

    private static final String FILE = "log.mv.db";

    @TempDir
    Path dataDir;

    @Test
    void insertsUpdatesAndRemovalsMadeDurableComeBackAfterACrashIndexed() throws IOException {
        crashAfter(things -> {
            things.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            things.insertMany(List.of(new Document("_id", "a").append("key", 1),
                    new Document("_id", "b").append("key", 2), new Document("_id", "c").append("key", 3)));
            things.updateOne(Filters.eq("_id", "b"), Updates.set("text", "changed"));
            things.deleteOne(Filters.eq("_id", "c"));
            for (int i = 0; i < 3; i++) {
                things.findOneAndUpdate(Filters.eq("_id", "counter"), Updates.inc("value", 1L),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
            }
        });

        afterRestart(things -> {
            assertThat(things.find(Filters.eq("_id", "a")).first()).containsEntry("key", 1);
            assertThat(things.find(Filters.eq("_id", "b")).first()).containsEntry("text", "changed");
            assertThat(things.find(Filters.eq("_id", "c")).first()).isNull();
            assertThat(things.find(Filters.eq("_id", "counter")).first()).containsEntry("value", 3L);
            assertThatThrownBy(() -> things.insertOne(new Document("_id", "a")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            // Index definitions are not logged: the services create theirs at every start, after the replay.
            things.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            assertThatThrownBy(() -> things.insertOne(new Document("_id", "d").append("key", 1)))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            assertThat(logFiles()).as("the replayed file is dropped once the store has committed it").hasSize(1);
        });
    }

    @Test
    void aRecordCutShortByTheCrashEndsTheReplay() throws IOException {
        crashAfter(things -> things.insertMany(List.of(new Document("_id", "a"), new Document("_id", "b"))));
        Path log = logFiles().get(0);
        byte[] whole = Files.readAllBytes(log);
        // The first bytes of a third record, as a crash in the middle of a write leaves them.
        Files.write(log, Arrays.copyOf(whole, 20), StandardOpenOption.APPEND);

        afterRestart(things -> assertThat(things.countDocuments()).isEqualTo(2));
    }

    @Test
    void aDocumentTheLastCommitStoredButDidNotIndexComesBackOnceAndIndexed() throws IOException {
        crashAfterACommit(things -> things.insertOne(new Document("_id", "a").append("text", "logged")));
        commitTorn(store -> store.openMap(onlyMap(store, "things._index__id_")).clear());

        afterRestart(WriteAheadLogTest::holdsTheLoggedDocumentOnce);
    }

    @Test
    void aDocumentTheLastCommitIndexedButDidNotStoreComesBack() throws IOException {
        crashAfterACommit(things -> things.insertOne(new Document("_id", "a").append("text", "logged")));
        commitTorn(store -> store.openMap(onlyMap(store, "things.bson")).clear());

        afterRestart(WriteAheadLogTest::holdsTheLoggedDocumentOnce);
    }

    private static void holdsTheLoggedDocumentOnce(MongoCollection<Document> things) {
        assertThat(things.find(Filters.eq("_id", "a")).first()).containsEntry("text", "logged");
        assertThat(things.countDocuments()).isEqualTo(1);
        assertThatThrownBy(() -> things.insertOne(new Document("_id", "a")))
                .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
    }

    @Test
    void aCheckpointDropsTheFilesItsCommitCoversAndTheChangesAfterItStillComeBack() throws IOException {
        MVStore store = openWithoutAutoCommit();
        EmbeddedMongoServer server = EmbeddedMongoServer.withWriteAheadLog(store, dataDir, FILE, false);
        try (MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> things = things(client);
            things.insertOne(new Document("_id", "before"));
            server.durability().awaitDurable();
            server.checkpoint();
            assertThat(logFiles()).hasSize(1);
            things.insertOne(new Document("_id", "after"));
            server.durability().awaitDurable();
            store.closeImmediately();
        } finally {
            server.close();
        }

        afterRestart(things -> assertThat(things.find().map(d -> d.getString("_id")))
                .containsExactlyInAnyOrder("before", "after"));
    }

    @Test
    void aCleanCloseLeavesNoLogBehind() throws IOException {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.h2(dataDir, FILE, 90, Duration.ZERO, true);
             MongoClient client = MongoClients.create(server.connectionString())) {
            things(client).insertOne(new Document("_id", "kept"));
            server.durability().awaitDurable();
        }
        assertThat(logFiles()).isEmpty();

        afterRestart(things -> assertThat(things.countDocuments()).isEqualTo(1));
    }

    private void crashAfter(Consumer<MongoCollection<Document>> writes) {
        crash(writes, false);
    }

    /** The writes logged and also committed to the store (no checkpoint: the log keeps them), then a crash. */
    private void crashAfterACommit(Consumer<MongoCollection<Document>> writes) {
        crash(writes, true);
    }

    private void crash(Consumer<MongoCollection<Document>> writes, boolean commitFirst) {
        MVStore store = openWithoutAutoCommit();
        EmbeddedMongoServer server = EmbeddedMongoServer.withWriteAheadLog(store, dataDir, FILE, false);
        try (MongoClient client = MongoClients.create(server.connectionString())) {
            writes.accept(things(client));
            server.durability().awaitDurable();
            if (commitFirst) {
                store.commit();
            }
            store.closeImmediately();
        } finally {
            server.close();
        }
    }

    private void afterRestart(Consumer<MongoCollection<Document>> checks) {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.withWriteAheadLog(openWithoutAutoCommit(), dataDir,
                FILE, false);
             MongoClient client = MongoClients.create(server.connectionString())) {
            checks.accept(things(client));
        }
    }

    private static MongoCollection<Document> things(MongoClient client) {
        return client.getDatabase("palimpsest").getCollection("things");
    }

    private List<Path> logFiles() {
        try (Stream<Path> files = Files.list(dataDir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("log.wal.")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Leaves the crashed store as a commit that caught a write half made would have: one of the write's maps without
     * it. The log, replayed at the next opening, still holds the write.
     */
    private void commitTorn(Consumer<MVStore> tear) {
        MVStore store = openWithoutAutoCommit();
        tear.accept(store);
        store.commit();
        store.close();
    }

    private static String onlyMap(MVStore store, String nameContains) {
        List<String> names = store.getMapNames().stream().filter(name -> name.contains(nameContains)).toList();
        assertThat(names).as(store.getMapNames().toString()).hasSize(1);
        return names.get(0);
    }

    private MVStore openWithoutAutoCommit() {
        return new MVStore.Builder().fileName(dataDir.resolve(FILE).toString()).autoCommitDisabled().open();
    }
}
