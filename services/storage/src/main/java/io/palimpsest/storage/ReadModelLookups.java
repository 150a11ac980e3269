package io.palimpsest.storage;

import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import org.bson.Document;

/**
 * Whole read-model documents by {@code _id}, in no particular order; ids without a document are left out. On the
 * embedded store's file they are read in-process from the collection's map ({@link EmbeddedMongoServer#documentsById}):
 * one claim's history asked for ~1,250 entries in thirteen round trips, and for each mongo-java-server matched every
 * document it found against the whole {@code $in} list again and encoded it for the driver to decode. On a real
 * MongoDB, and on the memory engine (which keeps no BSON), {@code _id $in} in short lists ({@link InLookups}).
 */
public final class ReadModelLookups {

    private final String database;
    private final EmbeddedMongoServer embedded;

    /** {@code embedded}: the read models' embedded store, or null on a real MongoDB. */
    public ReadModelLookups(String database, EmbeddedMongoServer embedded) {
        this.database = database;
        this.embedded = embedded;
    }

    public List<Document> byId(MongoCollection<Document> collection, List<?> ids) {
        return (embedded == null ? Optional.<DocumentsById>empty()
                : embedded.documentsById(database, collection.getNamespace().getCollectionName()))
                .orElseGet(() -> DocumentsById.overTheWire(collection))
                .find(ids);
    }
}
