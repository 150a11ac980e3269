package io.palimpsest.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.bson.Document;

/**
 * An online backup of the event log into a {@link BackupFile}, while writers go on appending. The log is read the way
 * event processors read it ({@link TrackedCommitReader}: commits by position, gaps asked for again, sealed once the gap
 * timeout has passed), and the backup ends at a position below which nothing is missing: a writer that has allocated
 * position N+1 but not yet inserted its commit cannot leave the backup holding N+2 without it. It ends at or above the
 * last position allocated when it began, so every commit acknowledged before the backup began is in it, and only
 * durable commits are (the reader waits for the group commit before it hands anything on). After the commits it
 * holds every document of the collections kept beside the log (the editors' keys), read once the commits are: a
 * document written before a commit it belongs to (a key before the events sealed with it) is in the file.
 */
public final class EventLogBackup {

    private static final int BATCH_SIZE = 1_000;
    /** While a gap below the end is pending: a writer in flight needs milliseconds, an abandoned one the gap timeout. */
    private static final long GAP_WAIT_MILLIS = 20;

    private final String database;
    private final TrackedCommitReader reader;
    private final CommitAppends appends;
    private final List<MongoCollection<Document>> besides;

    private EventLogBackup(String database, TrackedCommitReader reader, CommitAppends appends,
                           List<MongoCollection<Document>> besides) {
        this.database = database;
        this.reader = reader;
        this.appends = appends;
        this.besides = besides;
    }

    /**
     * The backup of the event log in {@code eventLog} (the database named {@code database}); {@code embedded} is the
     * embedded store serving it, read in-process, or null on a real MongoDB; {@code besides} are the collections of
     * that database kept with the log (small ones: each is read whole).
     */
    public static EventLogBackup of(MongoDatabase eventLog, EmbeddedMongoServer embedded, String database,
                                    Durability durability, Duration gapTimeout, List<String> besides) {
        MongoCollection<Document> events = eventLog.getCollection(MongoEventStorageEngine.EVENTS);
        MongoCollection<Document> counters = eventLog.getCollection(MongoEventStorageEngine.COUNTERS);
        DocumentsById byId = embedded == null ? DocumentsById.overTheWire(events)
                : embedded.documentsById(database, MongoEventStorageEngine.EVENTS)
                        .orElse(DocumentsById.overTheWire(events));
        CommitAppends appends = embedded == null ? CommitAppends.overTheWire(counters, events)
                : embedded.commitAppends(database, MongoEventStorageEngine.COUNTERS, MongoEventStorageEngine.EVENTS);
        TrackedCommitReader reader = new TrackedCommitReader(events, byId, () -> appends.lastAllocated().orElse(0L),
                durability, Clock.systemUTC(), gapTimeout, BATCH_SIZE);
        return new EventLogBackup(database, reader, appends,
                besides.stream().map(eventLog::getCollection).toList());
    }

    /** Writes the backup to {@code file} (replacing it only once complete) and returns its header. */
    public BackupFile.Header writeTo(Path file) {
        // The header keeps a BSON date: milliseconds.
        Instant began = Clock.systemUTC().instant().truncatedTo(ChronoUnit.MILLIS);
        long allocatedWhenBegun = appends.lastAllocated().orElse(0L);
        try (BackupFile.Output output = new BackupFile.Output(file)) {
            // Documents above a pending gap wait here until everything below them is decided.
            NavigableMap<Long, Document> waiting = new TreeMap<>();
            GapAwareTrackingToken token = null;
            long complete = 0;
            while (true) {
                TrackedCommitReader.Batch batch = reader.read(token);
                token = batch.token();
                batch.documents().forEach(document -> waiting.put(document.getLong(CommitDocuments.ID), document));
                complete = token.hasGaps() ? token.getGaps().first() - 1 : token.getIndex();
                NavigableMap<Long, Document> decided = waiting.headMap(complete, true);
                for (Document document : decided.values()) {
                    output.add(document);
                }
                decided.clear();
                // Nothing new and no gap: positions above are allocated but unwritten, so not yet acknowledged.
                if (complete >= allocatedWhenBegun || !batch.advanced() && !token.hasGaps()) {
                    break;
                }
                if (!batch.advanced()) {
                    Thread.sleep(GAP_WAIT_MILLIS);
                }
            }
            for (MongoCollection<Document> beside : besides) {
                for (Document document : beside.find()) {
                    output.addBeside(beside.getNamespace().getCollectionName(), document);
                }
            }
            return output.finish(database, complete, began);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the backup " + file, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Backup interrupted", e);
        }
    }
}
