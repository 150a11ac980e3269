package io.palimpsest.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup taken while writers append holds a gapless prefix of the log with every commit acknowledged before it began;
 * it restores into an empty store only, document for document; a damaged file is refused with what is wrong.
 */
class EventLogBackupTest {

    private static final String DATABASE = "palimpsest";
    /** A collection kept beside the log, as the service keeps the editors' keys. */
    private static final String KEYS = "keys";

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        Collections.reverse(open);
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    @Test
    void aBackupTakenWhileEightWritersAppendHoldsEveryPositionUpToItsOwnOnceAndEveryEarlierAcknowledgedCommit()
            throws Exception {
        Store source = store("source");
        MongoEventStorageEngine engine = engine(source);
        Map<String, Long> acknowledgedBeforeBackup = new ConcurrentHashMap<>();
        AtomicBoolean backupBegun = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            String aggregate = "writer-" + w;
            running.add(writers.submit(() -> {
                for (long seq = 0; !stop.get(); seq++) {
                    engine.appendEvents(new GenericDomainEventMessage<>("Note", aggregate, seq,
                            new Noted(aggregate + "/" + seq)));
                    if (!backupBegun.get()) {
                        acknowledgedBeforeBackup.merge(aggregate, seq, Math::max);
                    }
                }
                return null;
            }));
        }
        while (acknowledgedBeforeBackup.size() < 8 || engine.createHeadToken().position().orElse(0L) < 400) {
            Thread.sleep(5);
        }
        backupBegun.set(true);
        Path file = dir.resolve("log.backup.gz");
        BackupFile.Header header = backup(source, file);
        stop.set(true);
        for (Future<?> writer : running) {
            writer.get();
        }
        writers.shutdown();

        assertThat(BackupFile.verify(file)).isEqualTo(header);
        Map<Long, Document> inFile = new TreeMap<>();
        BackupFile.read(file, document -> assertThat(inFile.put(document.getLong("_id"), document)).isNull(),
                (collection, document) -> {
                });
        Map<String, Long> lastSeqInFile = new TreeMap<>();
        for (Document commit : inFile.values()) {
            if (!CommitDocuments.isSealed(commit)) {
                lastSeqInFile.merge(commit.getString("aggregateId"), commit.getLong("lastSeq"), Math::max);
            }
        }
        acknowledgedBeforeBackup.forEach((aggregate, seq) ->
                assertThat(lastSeqInFile.get(aggregate)).as(aggregate).isGreaterThanOrEqualTo(seq));
        // Gapless: the documents of the source up to the backup's position, exactly.
        Map<Long, Document> inSource = new TreeMap<>();
        source.database.getCollection("events").find().forEach(document -> {
            if (document.getLong("_id") <= header.position()) {
                inSource.put(document.getLong("_id"), document);
            }
        });
        assertThat(inFile).isEqualTo(inSource);

        Store target = store("target");
        assertThat(EventLogRestore.restore(file, target.database, WriteConcern.ACKNOWLEDGED, target.server.durability()))
                .isEqualTo(header);
        Map<Long, Document> restored = new TreeMap<>();
        target.database.getCollection("events").find().forEach(document -> restored.put(document.getLong("_id"),
                document));
        assertThat(restored).isEqualTo(inSource);
        MongoEventStorageEngine restoredEngine = engine(target);
        assertThat(restoredEngine.createHeadToken().position()).hasValue(header.position());
        assertThat(restoredEngine.readEvents("writer-0", 0).asStream().count())
                .isEqualTo(lastSeqInFile.get("writer-0") + 1);
        // The next append goes above the backup's position, and the stream guard holds.
        restoredEngine.appendEvents(new GenericDomainEventMessage<>("Note", "writer-0",
                lastSeqInFile.get("writer-0") + 1, new Noted("after")));
        assertThat(restoredEngine.createHeadToken().position().orElseThrow()).isGreaterThan(header.position());
    }

    @Test
    void aRestoreIntoAStoreThatHoldsEventsIsRefusedAndWritesNothing() throws IOException {
        Store source = store("source");
        engine(source).appendEvents(new GenericDomainEventMessage<>("Note", "a", 0, new Noted("one")));
        Path file = dir.resolve("log.backup.gz");
        backup(source, file);

        Store target = store("target");
        engine(target).appendEvents(new GenericDomainEventMessage<>("Note", "b", 0, new Noted("already here")));
        assertThatThrownBy(() -> EventLogRestore.restore(file, target.database, WriteConcern.ACKNOWLEDGED,
                Durability.NONE))
                .isInstanceOf(EventLogRestore.NotEmpty.class)
                .hasMessageContaining("not empty");
        assertThat(target.database.getCollection("events").countDocuments()).isEqualTo(1);
    }

    @Test
    void theDocumentsKeptBesideTheLogAreBackedUpAfterItsCommitsAndRestoredIntoTheirCollection() throws IOException {
        Store source = store("source");
        engine(source).appendEvents(new GenericDomainEventMessage<>("Note", "a", 0, new Noted("one")));
        Document key = new Document("_id", "editor-1").append("key", new org.bson.types.Binary(new byte[] {1, 2, 3}));
        source.database.getCollection(KEYS).insertOne(key);
        Path file = dir.resolve("log.backup.gz");
        BackupFile.Header header = backup(source, file);
        assertThat(header.besides()).isEqualTo(1);
        List<String> lines = new String(new GZIPInputStream(Files.newInputStream(file)).readAllBytes(),
                StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(lines.size() - 1)).startsWith("{\"collection\": \"keys\"");

        Store target = store("target");
        EventLogRestore.restore(file, target.database, WriteConcern.ACKNOWLEDGED, Durability.NONE);
        assertThat(target.database.getCollection(KEYS).find().into(new ArrayList<>())).containsExactly(key);
        assertThat(target.database.getCollection("events").countDocuments()).isEqualTo(1);
    }

    @Test
    void rewritingMetaDataChangesOnlyTheEventsTheRewriteChangesAndKeepsTheirPositions() {
        Store source = store("source");
        MongoEventStorageEngine engine = engine(source);
        engine.appendEvents(new GenericDomainEventMessage<>("Note", "a", 0, new Noted("one"), Map.of("who", "ann")));
        engine.appendEvents(new GenericDomainEventMessage<>("Note", "a", 1, new Noted("two"), Map.of("who", "bo")));
        long head = engine.rewriteMetaData(0, metaData -> metaData.replace("ann", "someone"));
        assertThat(head).isEqualTo(2);
        List<String> metaData = engine.readEvents("a").asStream()
                .map(event -> (String) event.getMetaData().get("who")).toList();
        assertThat(metaData).containsExactly("someone", "bo");
        assertThat(engine.rewriteMetaData(head, metaData2 -> "{}")).isEqualTo(2);
    }

    @Test
    void aBackupOfAnEmptyLogRestoresToAnEmptyLog() {
        Store source = store("source");
        engine(source);
        Path file = dir.resolve("empty.backup.gz");
        BackupFile.Header header = backup(source, file);
        assertThat(header.position()).isZero();
        Store target = store("target");
        EventLogRestore.restore(file, target.database, WriteConcern.ACKNOWLEDGED, Durability.NONE);
        assertThat(engine(target).createHeadToken()).isNull();
    }

    @Test
    void aChangedPayloadIsRefusedForItsChecksumAndACutFileForBeingCutShort() throws IOException {
        Store source = store("source");
        MongoEventStorageEngine engine = engine(source);
        for (int seq = 0; seq < 20; seq++) {
            engine.appendEvents(new GenericDomainEventMessage<>("Note", "a", seq, new Noted("text " + seq)));
        }
        Path file = dir.resolve("log.backup.gz");
        backup(source, file);

        String text = new String(new GZIPInputStream(Files.newInputStream(file)).readAllBytes(), StandardCharsets.UTF_8);
        Path changed = dir.resolve("changed.backup.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(changed))) {
            out.write(text.replace("text 7", "text 8").getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> BackupFile.verify(changed))
                .isInstanceOf(BackupFile.Unreadable.class).hasMessageContaining("checksum mismatch");
        Store target = store("target");
        assertThatThrownBy(() -> EventLogRestore.restore(changed, target.database, WriteConcern.ACKNOWLEDGED,
                Durability.NONE)).isInstanceOf(BackupFile.Unreadable.class);
        assertThat(target.database.getCollection("events").countDocuments()).isZero();

        byte[] whole = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.backup.gz");
        Files.write(cut, Arrays.copyOf(whole, whole.length - 40));
        assertThatThrownBy(() -> BackupFile.verify(cut))
                .isInstanceOf(BackupFile.Unreadable.class).hasMessageContaining("cut short");

        Path notABackup = dir.resolve("other.gz");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write("{\"format\": \"something else\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        Files.write(notABackup, bytes.toByteArray());
        assertThatThrownBy(() -> BackupFile.verify(notABackup))
                .isInstanceOf(BackupFile.Unreadable.class).hasMessageContaining("not a backup of the event log");
    }

    @Test
    void compactingAStoreWhileItServesKeepsEveryDocumentAndDoesNotGrowTheFile() {
        Store store = store("compacted");
        MongoEventStorageEngine engine = engine(store);
        for (int seq = 0; seq < 300; seq++) {
            engine.appendEvents(new GenericDomainEventMessage<>("Note", "a", seq, new Noted("text " + seq)));
            store.database.getCollection("churn").replaceOne(new Document("_id", "doc"),
                    new Document("_id", "doc").append("seq", seq).append("padding", "x".repeat(2_000)),
                    new ReplaceOptions().upsert(true));
        }
        List<Document> before = store.database.getCollection("events").find().into(new ArrayList<>());

        EmbeddedMongoServer.Compaction compaction = store.server.compact(Duration.ofSeconds(10)).orElseThrow();

        assertThat(compaction.bytesAfter()).isLessThanOrEqualTo(compaction.bytesBefore());
        assertThat(store.database.getCollection("events").find().into(new ArrayList<>())).isEqualTo(before);
        assertThat(store.database.getCollection("churn").find().first().getInteger("seq")).isEqualTo(299);
        engine.appendEvents(new GenericDomainEventMessage<>("Note", "a", 300, new Noted("after")));
        assertThat(engine.readEvents("a", 0).asStream().map(e -> ((Noted) e.getPayload()).text())
                .collect(Collectors.toList())).hasSize(301).endsWith("after");
        assertThat(EmbeddedMongoServer.memory().compact(Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void aCompactionLeavesTheStoreKeepingOldChunksForReadersStillWalkingThem() {
        Store store = store("retained");
        int retention = store.server.retentionTime();
        assertThat(retention).as("H2's default").isPositive();

        store.server.compact(Duration.ofSeconds(1)).orElseThrow();

        assertThat(store.server.retentionTime()).as("H2 leaves it at 0, which frees chunks readers still walk")
                .isEqualTo(retention);
    }

    private record Store(EmbeddedMongoServer server, MongoDatabase database) {
    }

    private Store store(String name) {
        EmbeddedMongoServer server = EmbeddedMongoServer.h2(dir.resolve(name), EmbeddedMongoServer.EVENT_LOG_FILE, 80,
                Duration.ZERO, true);
        MongoClient client = MongoClients.create(server.connectionString());
        open.add(server);
        open.add(client);
        return new Store(server, client.getDatabase(DATABASE));
    }

    private static BackupFile.Header backup(Store store, Path file) {
        return EventLogBackup.of(store.database, store.server, DATABASE, store.server.durability(),
                Duration.ofSeconds(10), List.of(KEYS)).writeTo(file);
    }

    private static MongoEventStorageEngine engine(Store store) {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        return MongoEventStorageEngine.builder()
                .database(store.database)
                .durability(store.server.durability())
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .embeddedStore(store.server, DATABASE)
                .build();
    }
}
