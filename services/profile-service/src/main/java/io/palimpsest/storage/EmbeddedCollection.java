package io.palimpsest.storage;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A collection of the embedded store, in the place of mongo-java-server's {@code H2Collection}: its documents are
 * kept with their BSON ({@link StoredDocument}), and it keeps no data size (the stock collection BSON-encoded every
 * document before and after each write to keep {@code collStats}' {@code size} current, and wrote that count to a
 * second map; nothing here reads it, so {@code collStats} reports 0).
 */
final class EmbeddedCollection extends AbstractSynchronizedMongoCollection<Object> {

    private final MVMap<Object, StoredDocument> data;

    EmbeddedCollection(MongoDatabase database, String name, CollectionOptions options,
                       MVMap<Object, StoredDocument> data, CursorRegistry cursors) {
        super(database, name, options, cursors);
        this.data = data;
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
        if (data.putIfAbsent(Missing.ofNullable(key), StoredDocument.of(document)) != null) {
            throw new IllegalStateException("A document with key '" + key + "' is already in " + getFullName());
        }
        return key;
    }

    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        data.put(Missing.ofNullable(position), StoredDocument.of(newDocument));
    }

    @Override
    protected Document getDocument(Object position) {
        StoredDocument stored = data.get(position);
        return stored == null ? null : stored.document();
    }

    @Override
    protected void removeDocument(Object position) {
        if (data.remove(position) == null) {
            throw new NoSuchElementException("No document with key " + position + " in " + getFullName());
        }
    }

    @Override
    public int count() {
        return data.size();
    }

    @Override
    public boolean isEmpty() {
        return data.isEmpty();
    }

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        return data.entrySet().stream()
                .map(entry -> new DocumentWithPosition<>(entry.getValue().document(), entry.getKey()));
    }

    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        Stream<Document> documents = isNaturalDescending(orderBy)
                ? streamAllDocumentsWithPosition()
                        .sorted((a, b) -> ValueComparator.desc().compare(a.getPosition(), b.getPosition()))
                        .map(DocumentWithPosition::getDocument)
                : data.values().stream().map(StoredDocument::document);
        return matchDocumentsFromStream(documents, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }
}
