package io.palimpsest.storage;

import java.nio.ByteBuffer;
import java.util.Optional;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;
import de.bwaldvogel.mongo.exception.NamespaceExistsException;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import io.netty.buffer.Unpooled;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

/**
 * An append made on the embedded store's collections directly: the same {@code findAndModify} of the counter and
 * insert of the commit (and the same lookup of the counter for readers) that a client sends, without the driver, the wire protocol's encoding and command dispatch,
 * and the hand-over to a server thread and back. Under editors sending flat out these round trips were a fifth of
 * the service's CPU (docs/storage.md). The collections' own locks, unique indexes and write-ahead log apply as
 * they do to a client's writes.
 */
final class InProcessCommitAppends implements CommitAppends {

    private static final DocumentCodec DOCUMENTS = new DocumentCodec();

    private final MongoBackend backend;
    private final String database;
    private final String counters;
    private final String events;

    InProcessCommitAppends(MongoBackend backend, String database, String counters, String events) {
        this.backend = backend;
        this.database = database;
        this.counters = counters;
        this.events = events;
    }

    @Override
    public long allocate(int count) {
        de.bwaldvogel.mongo.bson.Document increment = new de.bwaldvogel.mongo.bson.Document("findAndModify", counters)
                .append("query", new de.bwaldvogel.mongo.bson.Document(CommitDocuments.ID, EVENTS_COUNTER))
                .append("update", new de.bwaldvogel.mongo.bson.Document("$inc",
                        new de.bwaldvogel.mongo.bson.Document(COUNTER_VALUE, (long) count)))
                .append("upsert", true)
                .append("new", true);
        de.bwaldvogel.mongo.bson.Document counter =
                (de.bwaldvogel.mongo.bson.Document) collection(counters).findAndModify(increment).get("value");
        return ((Number) counter.get(COUNTER_VALUE)).longValue();
    }

    @Override
    public Optional<Long> lastAllocated() {
        for (de.bwaldvogel.mongo.bson.Document counter : collection(counters).handleQuery(
                new de.bwaldvogel.mongo.bson.Document(CommitDocuments.ID, EVENTS_COUNTER))) {
            return Optional.of(((Number) counter.get(COUNTER_VALUE)).longValue());
        }
        return Optional.empty();
    }

    @Override
    public void insert(Document commit) {
        try {
            collection(events).addDocument(asStored(commit));
        } catch (DuplicateKeyError e) {
            throw new DuplicateKey(e.getMessage(), e);
        }
    }

    private MongoCollection<?> collection(String name) {
        MongoDatabase found = backend.resolveDatabase(database);
        MongoCollection<?> collection = found.resolveCollection(name, false);
        return collection != null ? collection : created(found, name);
    }

    /** Created if missing, as a client's first write creates it; a collection made meanwhile is taken. */
    private static synchronized MongoCollection<?> created(MongoDatabase database, String name) {
        try {
            return database.createCollectionOrThrowIfExists(name, CollectionOptions.withDefaults());
        } catch (NamespaceExistsException e) {
            return database.resolveCollection(name, true);
        }
    }

    /** The document as the server would have decoded it from the wire: the same BSON, the same codecs. */
    private static de.bwaldvogel.mongo.bson.Document asStored(Document commit) {
        BasicOutputBuffer bson = new BasicOutputBuffer();
        DOCUMENTS.encode(new BsonBinaryWriter(bson), commit, EncoderContext.builder().build());
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(ByteBuffer.wrap(bson.getInternalBuffer(), 0,
                bson.getPosition())));
    }
}
