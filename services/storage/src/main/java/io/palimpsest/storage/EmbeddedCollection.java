package io.palimpsest.storage;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoCollection;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A collection of the embedded store, in the place of mongo-java-server's {@code H2Collection}: its documents are
 * kept with their BSON ({@link StoredDocument}), and it keeps no data size (the stock collection BSON-encoded every
 * document before and after each write to keep {@code collStats}' {@code size} current, and wrote that count to a
 * second map; nothing here reads it, so {@code collStats} reports 0).
 * <p>
 * A scan walks the map as it stood when the scan began. Unless that version is registered with the store, commits
 * made meanwhile (a group commit every few milliseconds under load) may drop the chunks holding its pages, and the
 * scan fails with "Chunk … not found" (h2database issue 4218): every scan registers it.
 * <p>
 * mongo-java-server updates the document a query handed it in place, and answers after the collection's lock is
 * released. Handed the stored document, an update would change it under readers still encoding their answers (torn
 * documents, {@code ConcurrentModificationException}) and under the answer of the update before it: two
 * {@code $inc}s of the event log's position counter both answered the second value, and a position was lost. So an
 * update is handed copies; a stored document is never changed.
 */
final class EmbeddedCollection extends AbstractSynchronizedMongoCollection<Object> {

    private final MVMap<Object, StoredDocument> data;
    private final MVStore store;
    /** Where each change is also logged, once the store has one ({@link WriteAheadLog}); null meanwhile. */
    private final Supplier<WriteAheadLog> log;
    /** Whether the operation running now updates; every operation holds this collection's lock. */
    private boolean updating;

    EmbeddedCollection(MongoDatabase database, String name, CollectionOptions options,
                       MVMap<Object, StoredDocument> data, CursorRegistry cursors, Supplier<WriteAheadLog> log) {
        super(database, name, options, cursors);
        this.data = data;
        this.store = data.getStore();
        this.log = log;
    }

    @Override
    public synchronized Document findAndModify(Document query) {
        return updating(() -> super.findAndModify(query));
    }

    @Override
    public synchronized Document updateDocuments(Document selector, Document update, ArrayFilters arrayFilters,
                                                 boolean isMulti, boolean isUpsert, Oplog oplog) {
        return updating(() -> super.updateDocuments(selector, update, arrayFilters, isMulti, isUpsert, oplog));
    }

    private Document updating(Supplier<Document> update) {
        boolean outer = updating;
        updating = true;
        try {
            return update.get();
        } finally {
            updating = outer;
        }
    }

    private Document handedOut(StoredDocument stored) {
        return updating ? stored.document().cloneDeeply() : stored.document();
    }

    @Override
    protected boolean tracksDataSize() {
        return false;
    }

    @Override
    protected void updateDataSize(int sizeDelta) {
        throw new UnsupportedOperationException("The embedded store keeps no data size");
    }

    @Override
    protected int getDataSize() {
        return 0;
    }

    /** The position of a document is its {@code _id}, as in mongo-java-server's H2 collection. */
    @Override
    protected Object addDocumentInternal(Document document) {
        Object key = getIdField() != null ? Utils.getSubdocumentValue(document, getIdField()) : UUID.randomUUID();
        // The unique _id index has refused a duplicate before this point.
        StoredDocument stored = StoredDocument.of(document);
        if (data.putIfAbsent(Missing.ofNullable(key), stored) != null) {
            throw new IllegalStateException("A document with key '" + key + "' is already in " + getFullName());
        }
        logged(changes -> changes.put(getFullName(), stored.bson()));
        return key;
    }

    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        StoredDocument stored = StoredDocument.of(newDocument);
        data.put(Missing.ofNullable(position), stored);
        logged(changes -> changes.put(getFullName(), stored.bson()));
    }

    /**
     * Puts back a document as the write-ahead log holds it (null: removes the one with that {@code _id}), whatever
     * the store's last commit holds of it. A commit writes the maps as they stand at that moment, so it may have caught
     * a write between the document and its index entries (the document stored and its {@code _id} not yet indexed,
     * or the reverse): both are cleared before the document is put again.
     */
    synchronized void restore(Object id, Document document) {
        Object key = Missing.ofNullable(id);
        StoredDocument stored = data.remove(key);
        for (Index<Object> index : getIndexes()) {
            clearEntry(index, stored == null ? null : stored.document(), key);
            clearEntry(index, document, key);
        }
        if (document != null) {
            addDocument(document);
        }
    }

    private static void clearEntry(Index<Object> index, Document held, Object key) {
        if (held != null && key.equals(index.getPosition(held))) {
            index.remove(held);
        }
    }

    /** Logged after the change is made: a checkpoint's commit then holds every change its earlier files log. */
    private void logged(Consumer<WriteAheadLog> record) {
        WriteAheadLog changes = log.get();
        if (changes != null) {
            record.accept(changes);
        }
    }

    @Override
    protected Document getDocument(Object position) {
        StoredDocument stored = data.get(position);
        return stored == null ? null : handedOut(stored);
    }

    /** The stored BSON of the document with that {@code _id}, or null: read without the collection's lock. */
    byte[] storedBson(Object id) {
        StoredDocument stored = data.get(Missing.ofNullable(id));
        return stored == null ? null : stored.bson();
    }

    @Override
    protected void removeDocument(Object position) {
        if (data.remove(position) == null) {
            throw new NoSuchElementException("No document with key " + position + " in " + getFullName());
        }
        logged(changes -> changes.remove(getFullName(), position));
    }

    @Override
    public int count() {
        return data.size();
    }

    @Override
    public boolean isEmpty() {
        return data.isEmpty();
    }

    /** Read whole while the version is registered: the callers' streams are not closed when they are done. */
    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        return scanning(() -> data.entrySet().stream()
                .map(entry -> new DocumentWithPosition<>(handedOut(entry.getValue()), entry.getKey())).toList())
                .stream();
    }

    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        if (isNaturalDescending(orderBy)) {
            Stream<Document> newestFirst = streamAllDocumentsWithPosition()
                    .sorted((a, b) -> ValueComparator.desc().compare(a.getPosition(), b.getPosition()))
                    .map(DocumentWithPosition::getDocument);
            return matchDocumentsFromStream(newestFirst, query, orderBy, numberToSkip, limit, batchSize,
                    fieldSelector);
        }
        // mongo-java-server collects the matches before it returns.
        return scanning(() -> matchDocumentsFromStream(data.values().stream().map(this::handedOut), query,
                orderBy, numberToSkip, limit, batchSize, fieldSelector));
    }

    private <T> T scanning(Supplier<T> scan) {
        MVStore.TxCounter version = store.registerVersionUsage();
        try {
            return scan.get();
        } finally {
            store.deregisterVersionUsage(version);
        }
    }
}
