package io.palimpsest.storage;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * mongo-java-server's H2 backend as the embedded store runs it, with four changes to how it keeps its MVStore maps:
 * <ul>
 * <li>Unique indexes (the {@code _id} index among them) compare their keys by value. The stock backend keys each
 * index map by {@code KeyValue}, which is not {@code Comparable}, so H2 orders the keys by their Java-serialized
 * bytes and serializes both keys on every comparison of every B-tree search: two thirds of the time of an
 * {@code _id} lookup went there. The keys are stored as BSON ({@link KeyValueType}). Order and format differ, so the
 * maps get a new name and mongo-java-server rebuilds an index whose map is empty from the documents when it opens
 * the collection; the old map is dropped.</li>
 * <li>Documents are stored as BSON ({@link BsonDocumentType}), not Java-serialized: a collection's data map gets a
 * new name too, and a map written by the stock backend is copied into it when the collection is opened, then
 * dropped. A copy cut short by a crash is started again: the old map goes only after the copy is complete.</li>
 * <li>Collections are {@link EmbeddedCollection}s: each document is encoded once, when it is put, and keeps its BSON
 * for every commit that rewrites its page (and for the {@link WriteAheadLog}, when the store has one); and no data
 * size is kept (the stock collection encoded every document before and after each write for {@code collStats}'
 * {@code size}, and wrote the count to a second map).</li>
 * <li>The event log's indexes count their keys at their size, which gives pages of many keys
 * ({@link #countsKeysAtTheirSize}).</li>
 * </ul>
 */
class EmbeddedH2Backend extends H2Backend {

    private static final String MAP_SUFFIX = ".by-value-bson";
    /** The suffix of index maps ordered by value but keyed by Java-serialized keys, as written before. */
    private static final String JAVA_SERIALIZED_KEYS_SUFFIX = ".by-value";
    private static final String DATA_PREFIX = "databases.";
    private static final String BSON_SUFFIX = ".bson";

    /** Set once a write-ahead log is open: until then (during its replay too) changes are not logged. */
    private volatile WriteAheadLog writeAheadLog;

    /** The read models' backend: index keys counted at H2's guess (see {@link #countsKeysAtTheirSize}). */
    EmbeddedH2Backend(MVStore store) {
        super(store);
    }

    /** The event log's backend: index keys counted at their size. */
    static EmbeddedH2Backend forEventLog(MVStore store) {
        return new EmbeddedH2Backend(store) {
            @Override
            boolean countsKeysAtTheirSize() {
                return true;
            }
        };
    }

    /**
     * Whether index keys are counted at their size (index pages of up to 48 keys) or at H2's guess for a type it
     * does not know (pages of two keys). The event log's indexes grow at their ends and its store commits about once
     * a second: large pages made it a third smaller and nearly ended its background compaction. The read models'
     * indexes take inserts all over (history entries of every profile) and a rebuild rewrites them all: large pages
     * made a rebuild a third slower (docs/storage.md). A method, not a field: H2Backend's constructor opens the
     * indexes of a store's collections, before any field of this class is set.
     */
    boolean countsKeysAtTheirSize() {
        return false;
    }

    /** Logs every change of a document from now on to {@code log}. */
    void logChangesTo(WriteAheadLog log) {
        writeAheadLog = log;
    }

    /** The collection of that full name ({@code <database>.<collection>}), created if missing. */
    MongoCollection<?> collection(String fullName) {
        int dot = fullName.indexOf('.');
        return ((Database) resolveDatabase(fullName.substring(0, dot))).collection(fullName.substring(dot + 1));
    }

    /**
     * The stored BSON of the documents with those {@code _id}s in {@code collection} of {@code database}, skipping
     * ids without one: a lookup in the collection's map, without the server's query, wire encoding and round trip.
     * A document is in that map once its insert has passed the collection's unique indexes, as a query would find it.
     */
    List<byte[]> storedBson(String database, String collection, List<?> ids) {
        MongoCollection<?> found = resolveDatabase(database).resolveCollection(collection, false);
        if (found == null) {
            return List.of();
        }
        List<byte[]> documents = new ArrayList<>(ids.size());
        for (Object id : ids) {
            byte[] bson = ((EmbeddedCollection) found).storedBson(id);
            if (bson != null) {
                documents.add(bson);
            }
        }
        return documents;
    }

    /**
     * Documents of {@code collection} by their key in its unique index {@code indexName}, or null while the collection
     * does not exist yet (it holds nothing then). Found once: a collection's indexes are made when it is, and the
     * lookups run without its lock, as reads of its map do ({@link #storedBson}). A collection without that index is
     * an error, not an empty answer: an aggregate read as empty could be created a second time.
     */
    KeyLookup keyLookup(String database, String collection, String indexName) {
        MongoCollection<?> found = resolveDatabase(database).resolveCollection(collection, false);
        if (found == null) {
            return null;
        }
        synchronized (found) {
            for (Index<?> candidate : found.getIndexes()) {
                if (candidate instanceof UniqueIndex unique && unique.getName().equals(indexName)) {
                    return new KeyLookup((EmbeddedCollection) found, unique);
                }
            }
        }
        throw new IllegalStateException("Collection '" + collection + "' has no unique index '" + indexName + "'");
    }

    /**
     * The stored BSON of the documents whose key is one of {@code keys}, skipping keys without one: a lookup in the
     * index's map, then in the collection's, without the server's query. A key is in the index once the document is
     * in the collection's map, as a query would find it. Strings only: the index holds them as they are (other
     * values it normalizes first, numbers to doubles).
     */
    record KeyLookup(EmbeddedCollection documents, UniqueIndex index) {

        List<byte[]> storedBson(List<String> keys) {
            List<byte[]> found = new ArrayList<>(keys.size());
            for (String key : keys) {
                Object position = index.getPosition(new KeyValue(key));
                byte[] bson = position == null ? null : documents.storedBson(position);
                if (bson != null) {
                    found.add(bson);
                }
            }
            return found;
        }
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName);
    }

    /**
     * An inner class because H2Database's constructor already opens the indexes of existing collections: its own
     * fields are not set yet then, but the enclosing backend (and its store) is.
     */
    private final class Database extends H2Database {

        Database(String name) {
            super(name, getMvStore(), getCursorRegistry());
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
            String serializedOrderName = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
            removeIfPresent(serializedOrderName);
            removeIfPresent(serializedOrderName + JAVA_SERIALIZED_KEYS_SUFFIX);
            MVMap<KeyValue, Object> map = getMvStore().openMap(serializedOrderName + MAP_SUFFIX,
                    new MVMap.Builder<KeyValue, Object>().keyType(new KeyValueType(countsKeysAtTheirSize())));
            return new UniqueIndex(map, indexName, keys, sparse);
        }

        MongoCollection<Object> collection(String name) {
            return resolveOrCreateCollection(name);
        }

        /**
         * The index catalogue ({@code system.indexes}) is not logged: it cannot be written as a collection, and the
         * services create their indexes at every start, after the replay, from the documents then stored.
         */
        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            boolean logged = !collectionName.startsWith("system.");
            return new EmbeddedCollection(this, collectionName, options, openData(getFullCollectionNamespace(
                    collectionName)), getCursorRegistry(), () -> logged ? writeAheadLog : null);
        }

        private MVMap<Object, StoredDocument> openData(String namespace) {
            MVStore store = getMvStore();
            String javaSerializedName = DATA_PREFIX + namespace;
            MVMap<Object, StoredDocument> data = store.openMap(javaSerializedName + BSON_SUFFIX,
                    new MVMap.Builder<Object, StoredDocument>().valueType(new BsonDocumentType()));
            if (store.hasMap(javaSerializedName)) {
                MVMap<Object, Document> javaSerialized = store.openMap(javaSerializedName);
                data.clear();
                javaSerialized.forEach((key, document) -> data.put(key, StoredDocument.of(document)));
                store.removeMap(javaSerialized);
            }
            return data;
        }

        @Override
        public void dropCollection(String collectionName, Oplog oplog) {
            super.dropCollection(collectionName, oplog);
            removeIfPresent(DATA_PREFIX + getFullCollectionNamespace(collectionName) + BSON_SUFFIX);
        }

        @Override
        public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
            MVMap<Object, StoredDocument> data = openData(collection.getFullName());
            super.moveCollection(oldDatabase, collection, newCollectionName);
            String newName = DATA_PREFIX + getFullCollectionNamespace(newCollectionName);
            // The stock move renamed an empty map of the stock name, which would read as an unfinished copy.
            removeIfPresent(newName);
            getMvStore().renameMap(data, newName + BSON_SUFFIX);
        }

        private void removeIfPresent(String mapName) {
            if (getMvStore().hasMap(mapName)) {
                getMvStore().removeMap(mapName);
            }
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            super.dropIndex(collection, indexName);
            removeIfPresent(getFullCollectionNamespace(collection.getCollectionName()) + "._index_" + indexName
                    + MAP_SUFFIX);
        }
    }

    /** The unique index of the H2 backend, over a map whose keys are ordered by value. */
    private static final class UniqueIndex extends AbstractUniqueIndex<Object> {

        private final MVMap<KeyValue, Object> map;

        UniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.map = map;
        }

        @Override
        protected Object removeDocument(KeyValue key) {
            return map.remove(key);
        }

        @Override
        protected boolean putKeyPosition(KeyValue key, Object position) {
            return map.putIfAbsent(key, Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
            return map.entrySet();
        }

        @Override
        protected Object getPosition(KeyValue key) {
            return map.get(key);
        }

        @Override
        public long getCount() {
            return map.sizeAsLong();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }

    /**
     * Index keys compared the way MongoDB orders values, and stored as a BSON document of their values: H2's
     * default (Java serialization, an {@code ObjectOutputStream} per key) made a fifth of all the service's garbage
     * when commits wrote index pages. A key holding a value BSON cannot hold is Java-serialized, tagged as such.
     */
    private static final class KeyValueType extends BasicDataType<KeyValue> {

        private static final ValueComparator ORDER = ValueComparator.asc();
        private static final byte BSON = 0;
        private static final byte JAVA_SERIALIZED = 1;
        private static final int SIZE_HINT = 64;
        private static final int KEY_MEMORY = 32;
        private static final int STRING_MEMORY = 24;
        private static final int VALUE_MEMORY = 32;
        private final ObjectDataType javaSerialized = new ObjectDataType();
        private final boolean atTheirSize;

        KeyValueType(boolean atTheirSize) {
            this.atTheirSize = atTheirSize;
        }

        @Override
        public int compare(KeyValue a, KeyValue b) {
            int common = Math.min(a.size(), b.size());
            for (int i = 0; i < common; i++) {
                int order = ORDER.compare(a.get(i), b.get(i));
                if (order != 0) {
                    return order;
                }
            }
            return Integer.compare(a.size(), b.size());
        }

        /**
         * Roughly what the key takes on the heap, as H2's own types count strings and boxed values; or H2's guess for
         * a type it does not know, 10,000 bytes until it has serialized one, which splits index pages at two keys.
         */
        @Override
        public int getMemory(KeyValue key) {
            if (!atTheirSize) {
                return javaSerialized.getMemory(key);
            }
            int memory = KEY_MEMORY;
            for (int i = 0; i < key.size(); i++) {
                memory += key.get(i) instanceof String text ? STRING_MEMORY + 2 * text.length() : VALUE_MEMORY;
            }
            return memory;
        }

        @Override
        public void write(WriteBuffer buffer, KeyValue key) {
            Map<String, Object> values = new LinkedHashMap<>();
            key.forEach(value -> values.put(String.valueOf(values.size()), value));
            int tag = buffer.position();
            buffer.put(BSON);
            try {
                BsonDocumentType.write(buffer, values, SIZE_HINT);
            } catch (IllegalArgumentException notBson) {
                buffer.position(tag).put(JAVA_SERIALIZED);
                javaSerialized.write(buffer, key);
            }
        }

        @Override
        public KeyValue read(ByteBuffer buffer) {
            if (buffer.get() == JAVA_SERIALIZED) {
                return (KeyValue) javaSerialized.read(buffer);
            }
            return new KeyValue(BsonDocumentType.readBson(buffer).values());
        }

        @Override
        public KeyValue[] createStorage(int size) {
            return new KeyValue[size];
        }
    }
}
