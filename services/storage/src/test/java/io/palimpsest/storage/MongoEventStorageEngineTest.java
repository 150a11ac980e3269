package io.palimpsest.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MongoEventStorageEngineTest {

    /** Whether the engine reads and appends commits in-process, as on the embedded store. */
    protected boolean inProcess = true;

    private static final Duration GAP_TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicInteger databases = new AtomicInteger();

    @TempDir
    static Path dataDir;
    private static EmbeddedMongoServer server;
    private static MongoClient client;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private MongoDatabase database;
    private MongoEventStorageEngine engine;

    @BeforeAll
    static void startServer() {
        server = EmbeddedMongoServer.h2(dataDir, EmbeddedMongoServer.EVENT_LOG_FILE, 90, Duration.ZERO, true);
        client = MongoClients.create(server.connectionString());
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.close();
    }

    @BeforeEach
    void newDatabase() {
        database = client.getDatabase("events" + databases.incrementAndGet());
        engine = engine(4, 3);
    }

    private MongoEventStorageEngine engine(int streamWindow, int trackingBatchSize) {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        return MongoEventStorageEngine.builder()
                                      .database(database)
                                      .durability(server.durability())
                                      .eventSerializer(serializer)
                                      .snapshotSerializer(serializer)
                                      .clock(clock)
                                      .gapTimeout(GAP_TIMEOUT)
                                      .streamWindow(streamWindow)
                                      .trackingBatchSize(trackingBatchSize)
                                      // As the service runs on its embedded store: commits read and appended
                                      // in-process (MongoEventStorageEngineOverTheWireTest: as on a real MongoDB).
                                      .commitsById(inProcess ? inProcess() : null)
                                      .commitsByStream(inProcess ? server.commitsByStream(database.getName(),
                                              MongoEventStorageEngine.EVENTS).orElseThrow() : null)
                                      .commitAppends(inProcess ? server.commitAppends(database.getName(),
                                              MongoEventStorageEngine.COUNTERS, MongoEventStorageEngine.EVENTS) : null)
                                      .build();
    }

    private DocumentsById inProcess() {
        return server.documentsById(database.getName(), MongoEventStorageEngine.EVENTS).orElseThrow();
    }

    @Test
    void readsAnAggregateStreamAcrossWindowsFromAnySequenceNumber() {
        long seq = 0;
        for (int size : new int[]{1, 3, 2, 5, 1, 1, 4, 40, 2, 70, 1}) {
            engine.appendEvents(events("a", seq, size));
            engine.appendEvents(events("other", seq, size));
            seq += size;
        }

        assertThat(sequenceNumbers(engine.readEvents("a").asStream())).containsExactlyElementsOf(range(0, seq));
        for (long from = 0; from < seq; from++) {
            assertThat(sequenceNumbers(engine.readEvents("a", from).asStream())).as("from " + from)
                    .containsExactlyElementsOf(range(from, seq));
        }
        assertThat(sequenceNumbers(engine.readEvents("a", seq).asStream())).isEmpty();
        assertThat(engine.readEvents("a").asStream().map(e -> e.getAggregateIdentifier())).containsOnly("a");
        assertThat(engine.lastSequenceNumberFor("a")).contains(seq - 1);
        assertThat(engine.lastSequenceNumberFor("nobody")).isEmpty();
    }

    @Test
    void readsALongStreamOfSingleEventCommitsFromEveryStartingPoint() {
        MongoEventStorageEngine windowed = engine(64, 100);
        int length = 300;
        for (long seq = 0; seq < length; seq++) {
            windowed.appendEvents(events("long", seq, 1));
        }
        for (long from = 0; from <= length; from += 7) {
            assertThat(sequenceNumbers(windowed.readEvents("long", from).asStream())).as("from " + from)
                    .containsExactlyElementsOf(range(from, length));
        }
    }

    @Test
    void rejectsSecondAppendAtSameSequenceAsConcurrencyConflict() {
        engine.appendEvents(events("a", 0, 1));
        engine.appendEvents(events("a", 1, 2));

        assertThatThrownBy(() -> engine.appendEvents(events("a", 1, 1))).isInstanceOf(ConcurrencyException.class);
        assertThat(sequenceNumbers(engine.readEvents("a").asStream())).containsExactly(0L, 1L, 2L);
    }

    @Test
    void rejectsCreatingAnAggregateTwiceAsStreamCreationConflict() {
        engine.appendEvents(events("a", 0, 1));

        assertThatThrownBy(() -> engine.appendEvents(events("a", 0, 1)))
                .isInstanceOf(AggregateStreamCreationException.class);
    }

    @Test
    void tracksAllEventsInCommitOrderEachUnderItsOwnPosition() {
        engine.appendEvents(events("a", 0, 2));
        engine.appendEvents(GenericEventMessage.asEventMessage(new Noted("no aggregate")));
        engine.appendEvents(events("b", 0, 5));
        engine.appendEvents(events("a", 2, 1));

        List<TrackedEventMessage<?>> all = track(null);

        assertThat(texts(all)).containsExactly("a0", "a1", "no aggregate", "b0", "b1", "b2", "b3", "b4", "a2");
        assertThat(all.stream().map(e -> position(e.trackingToken())).collect(Collectors.toList()))
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(all.get(2)).isNotInstanceOf(DomainEventMessage.class);
        assertThat(texts(track(all.get(4).trackingToken()))).containsExactly("b2", "b3", "b4", "a2");
    }

    @Test
    void findsAnAggregatesCommitsByStreamInProcessExactlyAsTheServerAnswersThem() {
        engine.appendEvents(events("a", 0, 2));
        engine.appendEvents(events("a", 2, 1));
        engine.appendEvents(GenericEventMessage.asEventMessage(new Noted("no aggregate")));
        List<String> streamIds = List.of("a#0", "a#1", "a#2", "a#3", "b#0");

        List<Document> inProcess = server.commitsByStream(database.getName(), MongoEventStorageEngine.EVENTS)
                .orElseThrow().find(streamIds);

        assertThat(inProcess).hasSize(2).containsExactlyInAnyOrderElementsOf(AggregateCommits.ByStream.overTheWire(
                database.getCollection(MongoEventStorageEngine.EVENTS), null).find(streamIds));
        assertThat(server.commitsByStream("no-such-database", MongoEventStorageEngine.EVENTS).orElseThrow()
                .find(streamIds)).isEmpty();
    }

    @Test
    void aCollectionWithoutTheStreamIndexIsAnErrorRatherThanAnAggregateWithNoCommits() {
        database.getCollection("unindexed").insertOne(new Document("stream", "a#0"));

        assertThatThrownBy(() -> server.commitsByStream(database.getName(), "unindexed").orElseThrow()
                .find(List.of("a#0"))).isInstanceOf(IllegalStateException.class).hasMessageContaining("stream_unique");
    }

    @Test
    void findsCommitsAndSealsInProcessExactlyAsTheServerAnswersThem() {
        engine.appendEvents(events("a", 0, 2));
        engine.appendEvents(GenericEventMessage.asEventMessage(new Noted("no aggregate")));
        engine.allocatePositions(1);
        engine.appendEvents(events("b", 0, 1));
        clock.advance(GAP_TIMEOUT.plusSeconds(1));
        track(null);
        List<Long> positions = range(0, 8);

        List<Document> inProcess = inProcess().find(positions);
        List<Document> overTheWire = DocumentsById.overTheWire(database.getCollection(MongoEventStorageEngine.EVENTS))
                .find(positions);

        assertThat(inProcess).hasSize(4).containsExactlyInAnyOrderElementsOf(overTheWire);
        assertThat(inProcess).anySatisfy(seal -> assertThat(CommitDocuments.isSealed(seal)).isTrue());
        assertThat(server.documentsById("no-such-database", MongoEventStorageEngine.EVENTS).orElseThrow()
                .find(positions)).isEmpty();
    }

    @Test
    void deliversALateCommitThatFillsItsGapsBeforeTheTimeout() {
        engine.appendEvents(events("a", 0, 1));
        long stalled = engine.allocatePositions(2);
        engine.appendEvents(events("b", 0, 1));

        List<TrackedEventMessage<?>> first = track(null);
        assertThat(texts(first)).containsExactly("a0", "b0");
        TrackingToken afterFirst = first.get(1).trackingToken();
        assertThat(((GapAwareTrackingToken) afterFirst).getGaps()).containsExactly(stalled - 1, stalled);

        engine.insert(events("late", 0, 2), engine.getEventSerializer(), stalled);

        List<TrackedEventMessage<?>> second = track(afterFirst);
        assertThat(texts(second)).containsExactly("late0", "late1");
        assertThat(((GapAwareTrackingToken) last(second).trackingToken()).hasGaps()).isFalse();
        assertThat(position(last(second).trackingToken())).isEqualTo(position(afterFirst));
    }

    @Test
    void embeddedEventStoreDeliversEachEventOnceToAStreamOpenedAtATokenItHasCached() throws Exception {
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).build();
        try {
            store.publish(events("a", 0, 3));
            BlockingStream<TrackedEventMessage<?>> tailing = store.openStream(null);
            for (int i = 0; i < 3; i++) {
                tailing.nextAvailable();
            }
            store.publish(events("a", 3, 3));
            TrackingToken insideCache = null;
            for (int i = 0; i < 3; i++) {
                insideCache = tailing.nextAvailable().trackingToken();
            }

            BlockingStream<TrackedEventMessage<?>> reopened = store.openStream(insideCache);
            assertThat(reopened.hasNextAvailable(100, TimeUnit.MILLISECONDS)).isFalse();
            reopened.close();
            tailing.close();
        } finally {
            store.shutDown();
        }
    }

    @Test
    void sealsAGapAfterTheTimeoutSoTheLateWriterRetriesUnderANewPosition() {
        engine.appendEvents(events("a", 0, 1));
        long stalled = engine.allocatePositions(2);
        engine.appendEvents(events("b", 0, 1));
        TrackingToken afterFirst = last(track(null)).trackingToken();

        clock.advance(GAP_TIMEOUT.plusSeconds(1));
        assertThat(track(afterFirst)).isEmpty();
        engine.insert(events("late", 0, 2), engine.getEventSerializer(), stalled);

        List<TrackedEventMessage<?>> rest = track(afterFirst);
        assertThat(texts(rest)).containsExactly("late0", "late1");
        assertThat(position(rest.get(0).trackingToken())).isGreaterThan(stalled + 1);
        assertThat(((GapAwareTrackingToken) last(rest).trackingToken()).hasGaps()).isFalse();
        assertThat(texts(track(null))).containsExactly("a0", "b0", "late0", "late1");
    }

    @Test
    void sealsAGapMissingLongerThanTheTimeoutWhileNewCommitsKeepComing() {
        engine.appendEvents(events("a", 0, 1));
        long abandoned = engine.allocatePositions(1);
        engine.appendEvents(events("a", 1, 1));
        TrackingToken token = last(track(null)).trackingToken();
        assertThat(((GapAwareTrackingToken) token).getGaps()).containsExactly(abandoned);

        // Every read finds a commit younger than the timeout above the gap, as a reader following a busy log does.
        for (int seq = 2; seq < 5; seq++) {
            clock.advance(GAP_TIMEOUT.dividedBy(2).plusSeconds(1));
            engine.appendEvents(events("a", seq, 1));
            token = last(track(token)).trackingToken();
        }

        assertThat(((GapAwareTrackingToken) token).hasGaps()).isFalse();
        assertThat(texts(track(null))).containsExactly("a0", "a1", "a2", "a3", "a4");
    }

    @Test
    void readsOnPastBatchesOfOnlySealedPositions() {
        engine.appendEvents(events("a", 0, 1));
        for (int i = 0; i < 7; i++) {
            engine.allocatePositions(1);
        }
        engine.appendEvents(events("b", 0, 1));
        clock.advance(GAP_TIMEOUT.plusSeconds(1));

        List<TrackedEventMessage<?>> all = track(null);

        assertThat(texts(all)).containsExactly("a0", "b0");
        assertThat(((GapAwareTrackingToken) last(all).trackingToken()).hasGaps()).isFalse();
    }

    @Test
    void createsTokensAtAPointInTimeAndAtTheHead() {
        assertThat(engine.createHeadToken()).isNull();
        Instant start = clock.instant();
        for (int i = 0; i < 9; i++) {
            engine.appendEvents(events("a", i, 1));
            clock.advance(Duration.ofMinutes(1));
        }

        assertThat(texts(track(engine.createTokenAt(start.plus(Duration.ofMinutes(4)))))).containsExactly(
                "a4", "a5", "a6", "a7", "a8");
        assertThat(texts(track(engine.createTokenAt(start.minusSeconds(1))))).hasSize(9);
        assertThat(track(engine.createTokenAt(start.plus(Duration.ofHours(1))))).isEmpty();
        TrackingToken head = engine.createHeadToken();
        assertThat(track(head)).isEmpty();
        engine.appendEvents(events("a", 9, 1));
        assertThat(texts(track(head))).containsExactly("a9");
        assertThat(engine.createTailToken()).isNull();
    }

    @Test
    void storesAndReplacesTheSnapshotOfAnAggregate() {
        assertThat(engine.readSnapshot("a")).isEmpty();
        engine.storeSnapshot(new GenericDomainEventMessage<>("Note", "a", 3, new Noted("state at 3")));
        engine.storeSnapshot(new GenericDomainEventMessage<>("Note", "a", 7, new Noted("state at 7")));

        DomainEventMessage<?> snapshot = engine.readSnapshot("a").orElseThrow();
        assertThat(snapshot.getSequenceNumber()).isEqualTo(7);
        assertThat(snapshot.getPayload()).isEqualTo(new Noted("state at 7"));
    }

    private List<TrackedEventMessage<?>> track(TrackingToken from) {
        try (var stream = engine.readEvents(from, false)) {
            return stream.collect(Collectors.toList());
        }
    }

    private static List<DomainEventMessage<?>> events(String aggregateId, long firstSeq, int count) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (long seq = firstSeq; seq < firstSeq + count; seq++) {
            events.add(new GenericDomainEventMessage<>("Note", aggregateId, seq, new Noted(aggregateId + seq)));
        }
        return events;
    }

    private static List<Long> sequenceNumbers(java.util.stream.Stream<? extends DomainEventMessage<?>> events) {
        return events.map(DomainEventMessage::getSequenceNumber).collect(Collectors.toList());
    }

    private static List<Long> range(long from, long to) {
        List<Long> range = new ArrayList<>();
        for (long i = from; i < to; i++) {
            range.add(i);
        }
        return range;
    }

    private static List<String> texts(List<? extends EventMessage<?>> events) {
        return events.stream().map(e -> ((Noted) e.getPayload()).text()).collect(Collectors.toList());
    }

    private static long position(TrackingToken token) {
        return token.position().orElseThrow();
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }
}
