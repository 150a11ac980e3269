package io.palimpsest.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many connections writing and reading the same document at once, as the event log's position counter and the
 * token store are used. mongo-java-server runs each operation under its collection's lock but answers after
 * releasing it; what it answers must not be changed by the operations that come after.
 */
class EmbeddedStoreConcurrencyTest {

    private static final int THREADS = 8;
    private static final int ROUNDS = 1_000;
    private static final int FIELDS = 40;

    @TempDir
    Path dataDir;

    @Test
    void concurrentIncrementsOnTheDurableStoreEachGetAValueOfTheirOwn() throws Exception {
        assertEveryIncrementGetsItsOwnValue(() -> EmbeddedMongoServer.h2(dataDir, "counter.mv.db", 90, Duration.ZERO, true));
    }

    @Test
    void concurrentIncrementsInMemoryEachGetAValueOfTheirOwn() throws Exception {
        assertEveryIncrementGetsItsOwnValue(EmbeddedMongoServer::memory);
    }

    @Test
    void aDocumentReadWhileOthersUpdateItIsAlwaysOneOfTheVersionsWritten() throws Exception {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.h2(dataDir, "versions.mv.db", 90, Duration.ZERO, false);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> versions = client.getDatabase("test").getCollection("versions");
            versions.insertOne(version(0));

            List<Object> mixed = runConcurrently(thread -> {
                List<Object> seen = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    if (thread % 2 == 0) {
                        versions.replaceOne(Filters.eq("_id", "doc"), version(thread * ROUNDS + round));
                    } else {
                        Document read = versions.find(Filters.eq("_id", "doc")).first();
                        if (!read.equals(version(read.getInteger("v0")))) {
                            seen.add(read);
                        }
                    }
                }
                return seen;
            });

            assertThat(mixed).isEmpty();
        }
    }

    /** A version whose fields all hold its number, under names that differ from one version to the next. */
    private static Document version(int number) {
        Document version = new Document("_id", "doc").append("v0", number);
        for (int field = 1; field < FIELDS; field++) {
            version.append("v" + field + "-" + number % 3, number);
        }
        return version;
    }

    private void assertEveryIncrementGetsItsOwnValue(Supplier<EmbeddedMongoServer> store) throws Exception {
        try (EmbeddedMongoServer server = store.get();
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> counters = client.getDatabase("test").getCollection("counters");
            FindOneAndUpdateOptions after = new FindOneAndUpdateOptions().upsert(true)
                    .returnDocument(ReturnDocument.AFTER);

            List<Object> values = runConcurrently(thread -> {
                List<Object> mine = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    mine.add(counters.findOneAndUpdate(Filters.eq("_id", "events"), Updates.inc("value", 1L), after)
                                     .getLong("value"));
                }
                return mine;
            });

            assertThat(values).hasSize(THREADS * ROUNDS).doesNotHaveDuplicates();
            assertThat(values).allSatisfy(value -> assertThat((Long) value).isBetween(1L, (long) THREADS * ROUNDS));
        }
    }

    private interface PerThread {
        List<Object> run(int thread) throws Exception;
    }

    private static List<Object> runConcurrently(PerThread work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<Object>>> results = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                int number = thread;
                results.add(pool.submit((Callable<List<Object>>) () -> work.run(number)));
            }
            List<Object> all = new ArrayList<>();
            for (Future<List<Object>> result : results) {
                all.addAll(result.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }
}
