package io.palimpsest.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hard stop is simulated by closing the MVStore without its final commit: only what group commit made durable
 * may be in the file afterwards. Background auto-commit is off so it cannot make the test pass by accident. The
 * rounds themselves (who waits, who leads, what a failed round does) are checked with a counting stand-in for the disk.
 */
class GroupCommitDurabilityTest {

    @TempDir
    Path dataDir;

    /** Both ways of making writes durable: committing the MVStore, or syncing a write-ahead log beside it. */
    @ParameterizedTest(name = "write-ahead log: {0}")
    @ValueSource(booleans = {false, true})
    void appendsAcknowledgedByManyThreadsSurviveAHardStopWhileUnacknowledgedWritesDoNot(boolean writeAheadLog)
            throws Exception {
        MVStore store = openWithoutAutoCommit();
        EmbeddedMongoServer server = serve(store, writeAheadLog);
        try (MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase database = client.getDatabase("palimpsest");
            MongoEventStorageEngine engine = engine(database, server.durability());
            ExecutorService writers = Executors.newFixedThreadPool(8);
            List<Future<?>> appends = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String aggregateId = "a" + i;
                appends.add(writers.submit(() -> engine.appendEvents(
                        new GenericDomainEventMessage<>("Note", aggregateId, 0, new Noted(aggregateId)))));
            }
            for (Future<?> append : appends) {
                append.get();
            }
            writers.shutdown();
            database.getCollection("unacknowledged").insertOne(new Document("_id", "lost"));

            store.closeImmediately();
        } finally {
            server.close();
        }

        MVStore reopened = openWithoutAutoCommit();
        try (EmbeddedMongoServer restarted = serve(reopened, writeAheadLog);
             MongoClient client = MongoClients.create(restarted.connectionString())) {
            MongoDatabase database = client.getDatabase("palimpsest");
            MongoEventStorageEngine engine = engine(database, restarted.durability());

            try (var events = engine.readEvents(null, false)) {
                assertThat(events.map(e -> ((Noted) e.getPayload()).text()).collect(Collectors.toSet()))
                        .hasSize(40)
                        .contains("a0", "a39");
            }
            assertThat(database.getCollection("unacknowledged").find().first()).isNull();
        }
    }

    /**
     * Every write counts once its round has made it durable: a caller returns only after a round that began after
     * its write, concurrent callers share rounds, and a failed round fails its leader alone while a waiter leads the
     * next.
     */
    @Test
    void eachCallerReturnsOnlyAfterARoundThatBeganAfterItsWriteAndConcurrentCallersShareRounds() throws Exception {
        AtomicLong applied = new AtomicLong();
        AtomicLong durable = new AtomicLong();
        AtomicInteger rounds = new AtomicInteger();
        GroupCommitDurability durability = new GroupCommitDurability(() -> {
            long covered = applied.get();
            if (rounds.incrementAndGet() == 3) {
                throw new IllegalStateException("disk full, once");
            }
            sleep(2);
            durable.accumulateAndGet(covered, Math::max);
        });
        ExecutorService writers = Executors.newFixedThreadPool(16);
        List<Future<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            calls.add(writers.submit(() -> {
                long mine = applied.incrementAndGet();
                try {
                    durability.awaitDurable();
                } catch (IllegalStateException failedRound) {
                    return null;
                }
                return durable.get() >= mine;
            }));
        }
        int failed = 0;
        for (Future<Boolean> call : calls) {
            Boolean covered = call.get(30, TimeUnit.SECONDS);
            if (covered == null) {
                failed++;
            } else {
                assertThat(covered).isTrue();
            }
        }
        writers.shutdown();
        assertThat(failed).isEqualTo(1);
        assertThat(rounds.get()).isLessThan(200);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private EmbeddedMongoServer serve(MVStore store, boolean writeAheadLog) {
        return writeAheadLog
                ? EmbeddedMongoServer.withWriteAheadLog(store, dataDir, EmbeddedMongoServer.EVENT_LOG_FILE, false)
                : EmbeddedMongoServer.onMvStore(store);
    }

    private MVStore openWithoutAutoCommit() {
        return new MVStore.Builder().fileName(dataDir.resolve(EmbeddedMongoServer.EVENT_LOG_FILE).toString())
                                    .autoCommitDisabled()
                                    .open();
    }

    private static MongoEventStorageEngine engine(MongoDatabase database, Durability durability) {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        return MongoEventStorageEngine.builder()
                                      .database(database)
                                      .durability(durability)
                                      .eventSerializer(serializer)
                                      .snapshotSerializer(serializer)
                                      .build();
    }
}
