package io.palimpsest.storage;

import de.bwaldvogel.mongo.bson.Document;

/**
 * A document as the embedded store keeps it: decoded, for mongo-java-server to match and update, and as the BSON it
 * was stored as, for the MVStore to write. A commit writes every document of each page it changed, not only the
 * changed ones; with their BSON kept, the unchanged ones are copied rather than encoded again.
 * <p>
 * The decoded document is shared by every query that reads it and must not change: updates are handed copies
 * ({@link EmbeddedCollection}), and the document they put becomes a new stored document.
 */
record StoredDocument(Document document, byte[] bson) {

    private static final int SIZE_HINT = 1024;

    /** Encodes the document; throws {@link IllegalArgumentException} if it holds a value BSON cannot hold. */
    static StoredDocument of(Document document) {
        return new StoredDocument(document, BsonDocumentType.encode(document, SIZE_HINT));
    }
}
