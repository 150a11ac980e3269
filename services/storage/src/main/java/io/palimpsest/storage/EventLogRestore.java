package io.palimpsest.storage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

/**
 * Restores a {@link BackupFile} into an empty event log: its commits and seals under their own positions (so tokens,
 * cursors and history entries that name positions mean the same), the documents kept beside them into their
 * collections, and the position counter at the backup's position.
 * Snapshots are not in a backup; aggregates are loaded from their events until the next snapshot is taken.
 */
public final class EventLogRestore {

    private static final int DOCUMENTS_PER_INSERT = 500;

    private EventLogRestore() {
    }

    /** The store already holds an event log; a restore never merges into one. */
    public static final class NotEmpty extends RuntimeException {

        NotEmpty(String message) {
            super(message);
        }
    }

    /**
     * Refuses a database that holds any document: of an event log, or of read models and tokens, which would be taken
     * for those of the restored log.
     *
     * @throws NotEmpty naming a collection that holds documents
     */
    public static void requireEmpty(MongoDatabase database) {
        for (String collection : database.listCollectionNames()) {
            if (!collection.startsWith("system.") && database.getCollection(collection).find().first() != null) {
                throw new NotEmpty("The store is not empty: database \"" + database.getName() + "\" holds documents "
                        + "in \"" + collection + "\"; a backup is restored into an empty store only");
            }
        }
    }

    /**
     * Checks the whole file first ({@link BackupFile#verify}), then writes it into {@code eventLog}, with
     * {@code writeConcern} (MAJORITY with journal on a real MongoDB), and waits for {@code durability}.
     *
     * @throws NotEmpty if {@code eventLog} holds any document
     * @throws BackupFile.Unreadable if the file is damaged; nothing is written then
     */
    public static BackupFile.Header restore(Path file, MongoDatabase eventLog, WriteConcern writeConcern,
                                            Durability durability) {
        requireEmpty(eventLog);
        BackupFile.verify(file);
        MongoCollection<Document> events = eventLog.getCollection(MongoEventStorageEngine.EVENTS)
                .withWriteConcern(writeConcern);
        MongoEventStorageEngine.createStreamIndex(events);
        List<Document> pending = new ArrayList<>(DOCUMENTS_PER_INSERT);
        BackupFile.Header header = BackupFile.read(file, document -> {
            pending.add(document);
            if (pending.size() == DOCUMENTS_PER_INSERT) {
                events.insertMany(pending);
                pending.clear();
            }
        }, (collection, document) -> {
            if (!pending.isEmpty()) {
                events.insertMany(pending);
                pending.clear();
            }
            eventLog.getCollection(collection).withWriteConcern(writeConcern).insertOne(document);
        });
        if (!pending.isEmpty()) {
            events.insertMany(pending);
        }
        if (header.position() > 0) {
            eventLog.getCollection(MongoEventStorageEngine.COUNTERS).withWriteConcern(writeConcern)
                    .insertOne(new Document(CommitDocuments.ID, CommitAppends.EVENTS_COUNTER)
                            .append(CommitAppends.COUNTER_VALUE, header.position()));
        }
        durability.awaitDurable();
        return header;
    }
}
