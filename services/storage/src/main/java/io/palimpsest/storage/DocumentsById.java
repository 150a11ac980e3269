package io.palimpsest.storage;

import java.util.List;

import com.mongodb.client.MongoCollection;
import org.bson.Document;

/**
 * Whole documents of one collection by {@code _id}, in no particular order; ids without a document are left out.
 * The event log's readers ask for commits this way. Over the wire it is {@code _id $in} in short lists
 * ({@link InLookups}); the embedded store also reads them in-process ({@link EmbeddedMongoServer#documentsById}).
 */
@FunctionalInterface
interface DocumentsById {

    List<Document> find(List<?> ids);

    static DocumentsById overTheWire(MongoCollection<Document> collection) {
        return ids -> InLookups.find(collection, CommitDocuments.ID, ids, null);
    }
}
